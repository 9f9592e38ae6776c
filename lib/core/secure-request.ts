import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Whether the request came over HTTPS, trusting `X-Forwarded-Proto` only when `proxy` is on. */
export function isSecureRequest(req: IncomingMessage, proxy: boolean): boolean {
  if ((req.socket as TLSSocket).encrypted) {
    return true;
  }
  const forwarded = proxy ? req.headers['x-forwarded-proto'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0];
  return first?.trim().toLowerCase() === 'https';
}

/** What the session cookie's security attributes are for one request. */
export interface CookieSecurity {
  /** False when the cookie must be Secure and the request is plain HTTP: no cookie is sent. */
  send: boolean;
  secure: boolean;
  sameSite: 'lax' | 'strict' | 'none';
}

/**
 * The rules express-session applies, for cookie mode to apply the same: `secure: true` sends no
 * cookie over plain HTTP; `'auto'` is Secure exactly over HTTPS; `SameSite=None` with `'auto'`
 * becomes `Lax` over plain HTTP, since browsers drop a `SameSite=None` cookie that is not Secure.
 */
export function cookieSecurity(
  req: IncomingMessage,
  cookie: { secure: boolean | 'auto'; sameSite: 'lax' | 'strict' | 'none' },
  proxy: boolean,
): CookieSecurity {
  const https = cookie.secure === false ? false : isSecureRequest(req, proxy);
  const secure = cookie.secure === 'auto' ? https : cookie.secure;
  return {
    send: !secure || https,
    secure,
    sameSite: cookie.sameSite === 'none' && !secure ? 'lax' : cookie.sameSite,
  };
}
