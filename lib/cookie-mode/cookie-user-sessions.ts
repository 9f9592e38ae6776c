import type { SessionInfo } from '../core/session-info.interface.js';
import type { SessionState } from '../core/session-state.interface.js';
import { storeFailure } from '../core/store-outage.js';
import { cookieSessionKey, publicSessionKey } from '../core/user-keys.js';
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

  protected async revokeOne(
    user: string,
    key: string,
    current: SessionState | undefined,
  ): Promise<boolean> {
    const revocation = this.revocation!;
    const recorded = await this.call(() => revocation.recorded(user));
    const target = recorded.find((entry) => publicSessionKey(entry.key) === key);
    if (target) {
      await this.call(() => revocation.revoke(user, [target]));
      if (target.key === keyOf(current)) {
        await current!.destroy();
      }
    }
    return target !== undefined;
  }

  protected async revokeAllOf(
    user: string,
    exceptCurrent: boolean,
    current: SessionState | undefined,
  ): Promise<number> {
    const revocation = this.revocation!;
    const currentKey = this.userOf(current) === user ? keyOf(current) : undefined;
    const except = exceptCurrent ? currentKey : undefined;
    const recorded = await this.call(() => revocation.recorded(user));
    await this.call(() => revocation.revokeAll(user, except));
    if (currentKey !== undefined && !exceptCurrent) {
      await current!.destroy();
    }
    return recorded.filter(({ key }) => key !== except).length;
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
