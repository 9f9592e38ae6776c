import cookieSession from 'cookie-session';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { assertCookieFits } from '../cookie/assert-cookie-fits.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { CookieDriver, type CookieSessionObject } from './cookie.driver.js';
import { isSecureRequest } from './secure-request.js';

/**
 * Cookie mode with `encrypt: false`, on cookie-session: the session is base64 JSON, readable
 * by the client, signed in a second `<name>.sig` cookie (the first secret signs, all verify).
 */
export class SignedCookieDriver extends CookieDriver {
  protected readonly cookieNames: readonly string[];
  private readonly cookieSession: RequestHandler;

  constructor(options: ResolvedSessionOptions) {
    super(options);
    const { name, cookie } = options;
    this.cookieNames = [name, `${name}.sig`];
    this.cookieSession = cookieSession({
      name,
      keys: options.secrets,
      maxAge: cookie.maxAge,
      path: cookie.path,
      domain: cookie.domain,
      sameSite: cookie.sameSite,
      secure: cookie.secure === true,
      httpOnly: cookie.httpOnly,
    });
  }

  protected loadCookie(req: Request, res: Response, next: NextFunction): void {
    const { proxy, cookie } = this.options;
    const secure = isSecureRequest(req, proxy);
    if (secure && proxy) {
      // cookie-session refuses a Secure cookie unless `req.protocol` says https.
      Object.defineProperty(req, 'protocol', { value: 'https', configurable: true });
    }
    this.cookieSession(req, res, (error?: unknown) => {
      if (!error && cookie.secure === 'auto') {
        req.sessionOptions.secure = secure;
      }
      next(error);
    });
  }

  protected override beforeWrite(session: CookieSessionObject): void {
    const base64Length = Math.ceil(Buffer.byteLength(JSON.stringify(session)) / 3) * 4;
    assertCookieFits(this.options.name, base64Length, this.options.maxCookieBytes);
  }
}
