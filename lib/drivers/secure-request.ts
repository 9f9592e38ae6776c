import type { Request } from 'express';
import type { TLSSocket } from 'node:tls';

/** Whether the request came over HTTPS, trusting `X-Forwarded-Proto` only when `proxy` is on. */
export function isSecureRequest(req: Request, proxy: boolean): boolean {
  if ((req.socket as TLSSocket).encrypted) {
    return true;
  }
  const forwarded = proxy ? req.headers['x-forwarded-proto'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0];
  return first?.trim().toLowerCase() === 'https';
}
