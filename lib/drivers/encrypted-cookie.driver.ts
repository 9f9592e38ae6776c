import { serialize } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { assertCookieFits } from '../cookie/assert-cookie-fits.js';
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
  private readonly codec: EncryptedCookieCodec;
  private readonly encryptedCookieSession: RequestHandler;

  constructor(options: ResolvedSessionOptions) {
    super(options);
    const { name, cookie, proxy } = options;
    this.cookieNames = [name];
    this.codec = new EncryptedCookieCodec(options.secrets);
    this.encryptedCookieSession = encryptedCookieSession({
      name,
      codec: this.codec,
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

  protected cookieCarrying(json: string): string {
    const { name, maxCookieBytes } = this.options;
    const value = this.codec.seal(name, json);
    assertCookieFits(name, value.length, maxCookieBytes);
    return serialize(name, value);
  }
}
