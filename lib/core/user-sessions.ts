import type { RevokeAllSessionsOptions, SessionInfo } from './session-info.interface.js';
import type { SessionState } from './session-state.interface.js';
import type { TrackSettings } from './tracked-client.js';
import type { IndexedSession } from './user-session-index.interface.js';
import { publicSessionKey, userIdOf } from './user-keys.js';

/**
 * A user's sessions as one mode keeps them: what `SessionService.listSessions()`,
 * `revokeSession()` and `revokeAllSessions()` run on. `current` is the session of the request
 * being handled, if any. User IDs and keys come from the application, maybe from a request:
 * a malformed one finds nothing.
 */
export abstract class UserSessions {
  constructor(
    protected readonly authKey: string,
    protected readonly track: TrackSettings,
  ) {}

  /** `userId`'s live sessions; without one, those of the current session's user. */
  async list(userId: unknown, current: SessionState | undefined): Promise<SessionInfo[]> {
    this.assertSupported('listSessions');
    const user = userId === undefined ? this.userOf(current) : userIdOf(userId);
    return user === undefined ? [] : this.listOf(user, current);
  }

  /** Ends `userId`'s session `key`; false when there is no such live session of that user. */
  async revoke(userId: unknown, key: unknown, current: SessionState | undefined): Promise<boolean> {
    this.assertSupported('revokeSession');
    const user = userIdOf(userId);
    if (user === undefined || typeof key !== 'string' || key === '') {
      return false;
    }
    const entries = await this.liveEntries(user);
    const target = entries.find((entry) => publicSessionKey(entry.key) === key);
    if (target) {
      await this.end(user, [target], current);
    }
    return target !== undefined;
  }

  /** Ends every session of `userId`, or all but the current one; returns how many ended. */
  async revokeAll(
    userId: unknown,
    { exceptCurrent = false }: RevokeAllSessionsOptions,
    current: SessionState | undefined,
  ): Promise<number> {
    this.assertSupported('revokeAllSessions');
    const user = userIdOf(userId);
    if (user === undefined) {
      return 0;
    }
    return this.endAll(user, exceptCurrent === true, current);
  }

  /** The user of `state`'s session, if it is logged in. */
  protected userOf(state: SessionState | undefined): string | undefined {
    return userIdOf(state?.data?.[this.authKey]);
  }

  /**
   * A listed session: its opaque key, and the client details `track` asks for now (an entry
   * filed while `track` asked for more keeps them, unshown).
   */
  protected sessionInfo(
    entry: IndexedSession,
    current: boolean,
    lastSeenAt: number,
    expiresAt: number,
  ): SessionInfo {
    return {
      key: publicSessionKey(entry.key),
      current,
      createdAt: new Date(entry.createdAt),
      lastSeenAt: new Date(lastSeenAt),
      expiresAt: new Date(expiresAt),
      ...(this.track.userAgent && entry.userAgent !== undefined
        ? { userAgent: entry.userAgent }
        : {}),
      ...(this.track.ip && entry.ip !== undefined ? { ip: entry.ip } : {}),
    };
  }

  /** Throws the mode's `SessionError` when it cannot keep users' sessions as configured. */
  protected abstract assertSupported(call: string): void;
  protected abstract listOf(
    user: string,
    current: SessionState | undefined,
  ): Promise<SessionInfo[]>;
  /** `user`'s live sessions, as the index files them. */
  protected abstract liveEntries(user: string): Promise<IndexedSession[]>;
  /** Ends `user`'s sessions `entries`, the current one included if it is among them. */
  protected abstract end(
    user: string,
    entries: readonly IndexedSession[],
    current: SessionState | undefined,
  ): Promise<void>;
  /** Ends every session of `user`, or all but the current one; returns how many ended. */
  protected abstract endAll(
    user: string,
    exceptCurrent: boolean,
    current: SessionState | undefined,
  ): Promise<number>;
}
