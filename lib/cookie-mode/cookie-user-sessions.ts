import type { SessionInfo } from '../core/session-info.interface.js';
import type { SessionState } from '../core/session-state.interface.js';
import { storeFailure } from '../core/store-outage.js';
import { cookieSessionKey } from '../core/user-keys.js';
import type { IndexedSession } from '../core/user-session-index.interface.js';
import { UserSessions } from '../core/user-sessions.js';
import { SessionConfigError } from '../errors/session-config.error.js';
import type { CookieRevocation } from './cookie-revocation.js';
import type { CookieModeSettings } from './cookie-mode-settings.js';

/**
 * Cookie mode's users' sessions: with the `revocation` option, those recorded at login, ended by
 * refusing their cookies; without it, nothing: a cookie nobody remembers cannot be listed nor
 * ended, and every call says so.
 */
export class CookieUserSessions extends UserSessions {
  constructor(
    private readonly revocation: CookieRevocation | undefined,
    private readonly settings: CookieModeSettings,
  ) {
    super(settings.authKey, settings.track);
  }

  protected assertSupported(call: string): void {
    if (!this.revocation) {
      throw new SessionConfigError([
        `${call}(): cookie mode is stateless: each session lives in its cookie, and nothing on ` +
          'the server remembers it to list or end it; set the `revocation` option (a store: ' +
          "'memory', 'redis', 'postgres', 'sqlite' or { driver, url }), or " +
          'SESSION_REVOCATION_STORE and SESSION_REVOCATION_STORE_URL, to record sessions and ' +
          'refuse revoked cookies on every instance',
      ]);
    }
  }

  /** Times are those of the sessions' last recording: the expiry, to a tenth of the lifetime. */
  protected async listOf(user: string, current: SessionState | undefined): Promise<SessionInfo[]> {
    const currentKey = keyOf(current);
    const { idleTimeout, absoluteTimeout } = this.settings;
    return (await this.call(() => this.revocation!.recorded(user))).map((entry) =>
      this.sessionInfo(
        entry,
        entry.key === currentKey,
        entry.seenAt,
        Math.min(
          entry.until,
          idleTimeout === undefined ? Infinity : entry.seenAt + idleTimeout,
          absoluteTimeout === undefined ? Infinity : entry.createdAt + absoluteTimeout,
        ),
      ),
    );
  }

  protected liveEntries(user: string): Promise<IndexedSession[]> {
    return this.call(() => this.revocation!.recorded(user));
  }

  /** Refuses the sessions' cookies from now on; the current one's is also cleared. */
  protected async end(
    user: string,
    entries: readonly IndexedSession[],
    current: SessionState | undefined,
  ): Promise<void> {
    await this.call(() => this.revocation!.revoke(user, entries));
    if (entries.some(({ key }) => key === keyOf(current))) {
      await current!.destroy();
    }
  }

  /** One "not before" for the user: every cookie of a session begun earlier is refused. */
  protected async endAll(
    user: string,
    exceptCurrent: boolean,
    current: SessionState | undefined,
  ): Promise<number> {
    const currentKey = this.userOf(current) === user ? keyOf(current) : undefined;
    const except = exceptCurrent ? currentKey : undefined;
    const ended = (await this.liveEntries(user)).filter(({ key }) => key !== except);
    await this.call(() => this.revocation!.revokeAll(user, except, ended));
    if (currentKey !== undefined && !exceptCurrent) {
      await current!.destroy();
    }
    return ended.length;
  }

  /** Runs a revocation store call; its failure is a store outage (503). */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw storeFailure(this.revocation!.store.availability, error);
    }
  }
}

/** The key the request's session is recorded under, when it has one. */
function keyOf(current: SessionState | undefined): string | undefined {
  return current?.mode === 'cookie' && current.data ? cookieSessionKey(current.id) : undefined;
}
