import { Injectable } from '@nestjs/common';
import { activeState, currentSession } from './request-context.js';
import type { SessionData } from './session-data.interface.js';
import { SessionDriver } from './session-driver.js';
import { SessionHandle } from './session-handle.js';
import type { RevokeAllSessionsOptions, SessionInfo } from './session-info.interface.js';
import type { SessionState } from './session-state.interface.js';

/**
 * The current request's session, injectable anywhere: a `SessionHandle` on whichever request is
 * being handled, found through `AsyncLocalStorage`, so injecting it never makes a provider
 * request-scoped. Outside a request that ran the session middleware its members throw
 * `NoActiveSessionError`, but for the calls on a user's sessions, which work anywhere.
 */
@Injectable()
export class SessionService<T extends object = SessionData> extends SessionHandle<T> {
  constructor(private readonly driver: SessionDriver) {
    super();
  }

  protected get state(): SessionState {
    return currentSession().state;
  }

  /**
   * The live sessions of `userId` (the value of their `authKey`), by default those of the
   * current session's user (none when it is not logged in), for a "your devices" page. Each
   * has an opaque `key` for `revokeSession`, and `current` marks the session of this request.
   * Store mode: every built-in store keeps the index; cookie mode: needs `revocation`.
   *
   * @example
   * const devices = await sessions.listSessions();
   */
  listSessions(userId?: string): Promise<SessionInfo[]> {
    return this.driver.userSessions.list(userId, activeState());
  }

  /**
   * Ends `userId`'s session `key` (from `listSessions`) on every instance: in store mode its
   * record is deleted; in cookie mode its cookie is refused from then on (`revocation`).
   * Resolves `false` when that user has no such live session (an unknown key, another user's).
   */
  revokeSession(userId: string, key: string): Promise<boolean> {
    return this.driver.userSessions.revoke(userId, key, activeState());
  }

  /**
   * Ends every session of `userId` ("log out everywhere"), or with `exceptCurrent` all but the
   * current request's ("log out other devices", after a password change). Resolves how many
   * recorded sessions ended.
   *
   * @example
   * await sessions.revokeAllSessions(user.id, { exceptCurrent: true });
   */
  revokeAllSessions(userId: string, options: RevokeAllSessionsOptions = {}): Promise<number> {
    return this.driver.userSessions.revokeAll(userId, options, activeState());
  }
}
