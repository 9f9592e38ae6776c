import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import type { SessionData } from '../core/session-data.interface.js';
import { REQUIRE_SESSION_METADATA } from '../guards/session-metadata.js';
import type { SessionRequirement } from '../guards/session-requirement.interface.js';
import { SessionGuard } from '../guards/session.guard.js';

/**
 * Lets a route (or every route of a controller) run only when the session has `keys` set
 * (default: the `authKey`), else 401; with `check`, also when it returns true, else 403.
 * Attaches `SessionGuard` itself.
 *
 * @example
 * @RequireSession()                                        // logged in
 * @RequireSession('userId', 'cart')                        // both keys set
 * @RequireSession({ check: (s) => s.get('roles')?.includes('admin') ?? false })
 */
export function RequireSession(
  ...args: (keyof SessionData & string)[] | [SessionRequirement]
): MethodDecorator & ClassDecorator {
  const requirement: SessionRequirement =
    typeof args[0] === 'object' ? args[0] : { keys: args as (keyof SessionData & string)[] };
  return applyDecorators(
    SetMetadata(REQUIRE_SESSION_METADATA, requirement),
    UseGuards(SessionGuard),
  );
}
