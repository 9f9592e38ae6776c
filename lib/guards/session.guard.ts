import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { sessionOfContext } from '../platforms/session-of-context.js';
import type { SessionHandle } from '../core/session-handle.js';
import {
  RESOLVED_SESSION_OPTIONS,
  type ResolvedSessionOptions,
} from '../options/resolved-session-options.js';
import { ALLOW_ANONYMOUS_METADATA, REQUIRE_SESSION_METADATA } from './session-metadata.js';
import { sessionRefusal } from './session-refusal.js';
import type { SessionRequirement } from './session-requirement.interface.js';

/** Where sessions come from: HTTP requests (controllers, GraphQL resolvers), WebSocket messages. */
const CONTEXTS_WITH_SESSIONS: ReadonlySet<string> = new Set(['http', 'graphql', 'ws']);

/**
 * Lets a request through when its session meets the route's `@RequireSession()` (401 when a
 * key is missing, 403 when `check` fails). Without that decorator it requires the `authKey`;
 * `@AllowAnonymous()` skips it. Use per route, per controller or as `APP_GUARD`.
 *
 * It guards controllers, GraphQL resolvers (refusing with `UNAUTHENTICATED` or `FORBIDDEN`)
 * and WebSocket gateways (refusing with a `WsException`). Handlers of contexts without
 * sessions (microservice message and event handlers) pass a `SessionGuard` alone, global or
 * not: no session can come with their messages, and authenticating those is the transport's
 * business. `@RequireSession()` on such a handler is a mistake, and fails with
 * `NoActiveSessionError`.
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
    const requirement = this.reflector.getAllAndOverride<SessionRequirement<object> | undefined>(
      REQUIRE_SESSION_METADATA,
      targets,
    );
    if (requirement === undefined && !CONTEXTS_WITH_SESSIONS.has(context.getType<string>())) {
      return true;
    }
    const session = sessionOfContext(context);
    if (!this.hasKeys(session, requirement ?? {})) {
      return this.refuse(context, 401);
    }
    if (requirement?.check && !(await requirement.check(session))) {
      return this.refuse(context, 403);
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

  /**
   * Throws the refusal (401: no session or a key missing; 403: `check` failed) in the form the
   * handler's clients expect (see `sessionRefusal`); override to refuse otherwise.
   */
  protected async refuse(context: ExecutionContext, status: 401 | 403): Promise<never> {
    throw await sessionRefusal(context.getType<string>(), status);
  }
}
