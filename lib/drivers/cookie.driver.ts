import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';
import { CookieSessionState } from '../cookie/cookie-session-state.js';
import { dropDuplicatedCookies } from '../cookie/duplicated-cookies.js';
import { routeRequestSession } from '../cookie/request-session-accessor.js';
import type { SessionCookieFormat } from '../cookie/session-cookie-format.interface.js';
import { SessionCookies } from '../cookie/session-cookies.js';
import type { SessionMeta } from '../expiry/session-meta.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { applicationData, META_KEY } from '../session-keys.js';
import { SessionDriver } from './session-driver.js';
import { generateSessionId } from './session-id.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';

/**
 * Cookie mode: the whole session travels in the cookie, in the format given (encrypted or
 * signed), with its ID and timestamps inside the payload.
 */
export class CookieDriver extends SessionDriver {
  readonly mode = 'cookie' as const;
  private readonly cookies: SessionCookies;

  constructor(options: ResolvedSessionOptions, format: SessionCookieFormat) {
    super(options.cookie.path);
    this.cookies = new SessionCookies(format, options);
  }

  async close(): Promise<void> {}

  async issueCookie(data: SessionRecord): Promise<string> {
    const now = Date.now();
    const meta: SessionMeta = { id: generateSessionId(), iat: now, seen: now };
    const json = JSON.stringify({ ...applicationData(data), [META_KEY]: meta });
    return this.cookies
      .carrying(json)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  protected load(req: Request, _res: Response, next: NextFunction): void {
    dropDuplicatedCookies(req, this.cookies.format.cookieNames);
    routeRequestSession(req);
    next();
  }

  protected stateOf(req: Request, res: Response): SessionState {
    const state = new CookieSessionState(req, this.cookies);
    onHeaders(res, () => this.cookies.write(req, res, state));
    return state;
  }
}
