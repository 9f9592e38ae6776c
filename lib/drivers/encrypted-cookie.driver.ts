import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { encryptedCookieSession } from '../cookie/encrypted-cookie-session.js';
import { EncryptedCookieCodec } from '../crypto/encrypted-cookie.codec.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { CookieDriver } from './cookie.driver.js';
import { isSecureRequest } from './secure-request.js';

/**
 * Cookie mode with `encrypt: true` (the default): the session is sealed with AES-256-GCM in one
 * cookie, unreadable and unforgeable by the client, bound to the cookie's name.
 */
export class EncryptedCookieDriver extends CookieDriver {
  protected readonly cookieNames: readonly string[];
  private readonly encryptedCookieSession: RequestHandler;

  constructor(options: ResolvedSessionOptions) {
    super(options);
    const { name, cookie, proxy } = options;
    this.cookieNames = [name];
    this.encryptedCookieSession = encryptedCookieSession({
      name,
      codec: new EncryptedCookieCodec(options.secrets),
      maxCookieBytes: options.maxCookieBytes,
      cookie: {
        maxAge: cookie.maxAge,
        path: cookie.path,
        domain: cookie.domain,
        sameSite: cookie.sameSite,
        httpOnly: cookie.httpOnly,
      },
      secure:
        cookie.secure === 'auto'
          ? (req) => isSecureRequest(req, proxy)
          : () => cookie.secure === true,
    });
  }

  protected loadCookie(req: Request, res: Response, next: NextFunction): void {
    this.encryptedCookieSession(req, res, next);
  }
}
