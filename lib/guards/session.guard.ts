import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { sessionOfContext } from '../platforms/session-of-context.js';
import type { SessionHandle } from '../core/session-handle.js';
import {
  RESOLVED_SESSION_OPTIONS,
  type ResolvedSessionOptions,
} from '../options/resolved-session-options.js';
import { ALLOW_ANONYMOUS_METADATA, REQUIRE_SESSION_METADATA } from './session-metadata.js';
import type { SessionRequirement } from './session-requirement.interface.js';

/**
 * Lets a request through when its session meets the route's `@RequireSession()` (401 when a
 * key is missing, 403 when `check` fails). Without that decorator it requires the `authKey`;
 * `@AllowAnonymous()` skips it. Use per route, per controller or as `APP_GUARD`.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    protected readonly reflector: Reflector,
    @Inject(RESOLVED_SESSION_OPTIONS) protected readonly options: ResolvedSessionOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(ALLOW_ANONYMOUS_METADATA, targets)) {
      return true;
    }
    const requirement =
      this.reflector.getAllAndOverride<SessionRequirement<object>>(
        REQUIRE_SESSION_METADATA,
        targets,
      ) ?? {};
    const session = sessionOfContext(context);
    if (!this.hasKeys(session, requirement)) {
      throw new UnauthorizedException();
    }
    if (requirement.check && !(await requirement.check(session))) {
      throw new ForbiddenException();
    }
    return true;
  }

  /** Whether every required key is set; override to change what counts as authenticated. */
  protected hasKeys(
    session: SessionHandle<object>,
    requirement: SessionRequirement<object>,
  ): boolean {
    const keys = requirement.keys?.length ? requirement.keys : [this.options.authKey];
    return keys.every((key) => session.has(key as never));
  }
}
