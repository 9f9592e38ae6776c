import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropDuplicatedCookies } from '../core/duplicated-cookies.js';
import type { SessionMeta } from '../core/expiry.js';
import { SessionDriver } from '../core/session-driver.js';
import { generateSessionId } from '../core/session-id.js';
import { applicationData, META_KEY } from '../core/session-keys.js';
import type { SessionRecord, SessionState } from '../core/session-state.interface.js';
import type { SocketSessionSource } from '../core/socket-session.interface.js';
import { assertCookieFits } from './cookie-fits.js';
import type { CookieModeSettings } from './cookie-mode-settings.js';
import type { SessionCookieFormat } from './cookie-format.interface.js';
import { CookieSessionState, type CookieStateShared } from './cookie-session-state.js';
import { CookieSocketSource } from './cookie-socket-source.js';
import { EncryptedCookieFormat } from './encrypted-cookie.format.js';
import { routeRequestSession } from './request-accessors.js';
import { SignedCookieFormat } from './signed-cookie.format.js';

/**
 * Cookie mode: the whole session travels in the cookie, encrypted (the module's AES-256-GCM,
 * the default) or signed (cookie-session), with its ID and timestamps inside the payload.
 */
export class CookieDriver extends SessionDriver {
  readonly mode = 'cookie' as const;
  private readonly shared: CookieStateShared;

  constructor(settings: CookieModeSettings) {
    super(settings.cookie.path);
    const { cookie, idleTimeout, absoluteTimeout, rolling } = settings;
    this.shared = {
      settings,
      format: settings.encrypt
        ? new EncryptedCookieFormat(settings)
        : new SignedCookieFormat(settings),
      limits: { maxAge: cookie.maxAge, idleTimeout, absoluteTimeout, rolling },
    };
  }

  private get format(): SessionCookieFormat {
    return this.shared.format;
  }

  async close(): Promise<void> {}

  async issueCookie(data: SessionRecord): Promise<string> {
    const now = Date.now();
    const meta: SessionMeta = { id: generateSessionId(), iat: now, seen: now };
    const json = JSON.stringify({ ...applicationData(data), [META_KEY]: meta });
    const { name, maxCookieBytes } = this.shared.settings;
    assertCookieFits(name, this.format.valueLength(json), maxCookieBytes);
    return this.format
      .cookiesFor(json)
      .map(([cookie, value]) => `${cookie}=${value}`)
      .join('; ');
  }

  protected load(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
    dropDuplicatedCookies(req, this.format.cookieNames);
    routeRequestSession(req);
    next();
  }

  protected stateOf(req: IncomingMessage, res: ServerResponse): SessionState {
    return new CookieSessionState(this.shared, this.format.open(req, res), res);
  }

  protected socketSource(handshake: IncomingMessage): SocketSessionSource {
    dropDuplicatedCookies(handshake, this.format.cookieNames);
    return new CookieSocketSource(this.shared, this.format.read(handshake)?.json);
  }
}
