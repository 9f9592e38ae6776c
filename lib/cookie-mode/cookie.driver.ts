import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropDuplicatedCookies } from '../core/duplicated-cookies.js';
import { loadWithStore } from '../core/store-outage.js';
import type { SessionMeta } from '../core/expiry.js';
import { SessionDriver } from '../core/session-driver.js';
import { generateSessionId } from '../core/session-id.js';
import { applicationData, META_KEY } from '../core/session-keys.js';
import type { SessionRecord, SessionState } from '../core/session-state.interface.js';
import type { SocketSessionSource } from '../core/socket-session.interface.js';
import { assertCookieFits } from './cookie-fits.js';
import type { CookieModeSettings } from './cookie-mode-settings.js';
import type { SessionCookieFormat } from './cookie-format.interface.js';
import { CookieFiling } from './cookie-filing.js';
import { CookieRevocation, type RevocationStore } from './cookie-revocation.js';
import { CookieSessionState, type CookieStateShared } from './cookie-session-state.js';
import { CookieSocketSource } from './cookie-socket-source.js';
import { CookieUserSessions } from './cookie-user-sessions.js';
import { EncryptedCookieFormat } from './encrypted-cookie.format.js';
import { routeRequestSession } from './request-accessors.js';
import { SignedCookieFormat } from './signed-cookie.format.js';

/**
 * Cookie mode: the whole session travels in the cookie, encrypted (the module's AES-256-GCM,
 * the default) or signed (cookie-session), with its ID and timestamps inside the payload. With
 * a revocation store, cookies that name a user are checked against their user's revocations.
 */
export class CookieDriver extends SessionDriver {
  readonly mode = 'cookie' as const;
  readonly userSessions: CookieUserSessions;
  private readonly shared: CookieStateShared;

  constructor(
    settings: CookieModeSettings,
    private readonly revocationStore?: RevocationStore,
  ) {
    super(settings.cookie.path);
    const { cookie, idleTimeout, absoluteTimeout, rolling } = settings;
    const refused = revocationStore && new CookieRevocation(revocationStore, absoluteTimeout);
    this.shared = {
      settings,
      format: settings.encrypt
        ? new EncryptedCookieFormat(settings)
        : new SignedCookieFormat(settings),
      limits: { maxAge: cookie.maxAge, idleTimeout, absoluteTimeout, rolling },
      revocation: refused && { refused, filing: new CookieFiling(refused, settings) },
    };
    this.userSessions = new CookieUserSessions(refused, settings);
  }

  private get format(): SessionCookieFormat {
    return this.shared.format;
  }

  async close(): Promise<void> {
    await this.revocationStore?.close();
  }

  async issueCookie(data: SessionRecord): Promise<string> {
    const now = Date.now();
    const meta: SessionMeta = { id: generateSessionId(), iat: now, seen: now };
    const session = { ...applicationData(data), [META_KEY]: meta };
    // Recorded as a login is, with revocations.
    await this.shared.revocation?.filing.written(undefined, session, meta, undefined, now);
    const json = JSON.stringify(session);
    const { name, maxCookieBytes } = this.shared.settings;
    assertCookieFits(name, this.format.valueLength(json), maxCookieBytes);
    return this.format
      .cookiesFor(json)
      .map(([cookie, value]) => `${cookie}=${value}`)
      .join('; ');
  }

  /**
   * With revocations, a cookie that names a user waits for that user's revocations (cached a
   * few seconds), so that reading the session, which is synchronous, can check them.
   */
  protected open(
    req: IncomingMessage,
    res: ServerResponse,
    done: (error: unknown, state?: SessionState) => void,
  ): void {
    dropDuplicatedCookies(req, this.format.cookieNames);
    routeRequestSession(req);
    const state = new CookieSessionState(this.shared, this.format.open(req, res), req, res);
    const user = this.shared.revocation && state.loadedUser;
    if (user === undefined) {
      return done(undefined, state);
    }
    const { refused } = this.shared.revocation!;
    loadWithStore(
      refused.store.availability,
      (loaded) => refused.prepare(user).then(() => loaded(), loaded),
      (error?: unknown) => done(error, state),
    );
  }

  protected socketSource(handshake: IncomingMessage): SocketSessionSource {
    dropDuplicatedCookies(handshake, this.format.cookieNames);
    return new CookieSocketSource(this.shared, this.format.read(handshake)?.json);
  }
}
