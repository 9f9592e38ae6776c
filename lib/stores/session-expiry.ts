import type { SessionData } from 'express-session';

/** How long a session whose cookie carries no expiry is kept: one day, as connect-redis does. */
const FALLBACK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** When a stored session expires, in epoch milliseconds: when its cookie does. */
export function sessionExpiresAt(data: SessionData): number {
  const expires = data.cookie?.expires;
  return expires
    ? new Date(expires).getTime()
    : Date.now() + (data.cookie?.maxAge ?? FALLBACK_LIFETIME_MS);
}
