import cookieSession from 'cookie-session';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import Keygrip from 'keygrip';
import onHeaders from 'on-headers';
import { assertCookieFits } from '../cookie/assert-cookie-fits.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { CookieDriver } from './cookie.driver.js';
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
    // Registered before cookie-session's hook, so it runs after it and sees what it wrote.
    onHeaders(res, () => this.assertWrittenCookieFits(res));
    this.cookieSession(req, res, (error?: unknown) => {
      if (!error && cookie.secure === 'auto') {
        req.sessionOptions.secure = secure;
      }
      next(error);
    });
  }

  protected cookieCarrying(json: string): string {
    const { name, secrets, maxCookieBytes } = this.options;
    const value = Buffer.from(json).toString('base64');
    assertCookieFits(name, value.length, maxCookieBytes);
    return `${name}=${value}; ${name}.sig=${new Keygrip([secrets[0]]).sign(`${name}=${value}`)}`;
  }

  /** Takes an oversized session cookie (and its signature) back out, then fails the response. */
  private assertWrittenCookieFits(res: Response): void {
    const { name, maxCookieBytes } = this.options;
    const written = res.getHeader('Set-Cookie');
    const cookies = Array.isArray(written) ? written : [];
    const session = cookies.find((header) => header.startsWith(`${name}=`));
    if (!session) {
      return;
    }
    try {
      assertCookieFits(name, session.indexOf(';') - name.length - 1, maxCookieBytes);
    } catch (error) {
      const ours = new Set(this.cookieNames);
      res.setHeader(
        'Set-Cookie',
        cookies.filter((header) => !ours.has(header.slice(0, header.indexOf('=')))),
      );
      throw error;
    }
  }
}
