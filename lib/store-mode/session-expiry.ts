import type { SessionData } from 'express-session';
import { isExpired, type ExpiryLimits, type SessionMeta } from '../core/expiry.js';
import { META_KEY } from '../core/session-keys.js';

/** How long a session whose cookie carries no expiry is kept: one day, as connect-redis does. */
const FALLBACK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** When a stored session expires, in epoch milliseconds: when its cookie does. */
export function sessionExpiresAt(data: SessionData): number {
  const expires = data.cookie?.expires;
  return expires
    ? new Date(expires).getTime()
    : Date.now() + (data.cookie?.maxAge ?? FALLBACK_LIFETIME_MS);
}

/** A stored session's lifetime: what its expiry is renewed to as it is used. */
export function sessionLifetime(data: SessionData): number {
  return data.cookie?.originalMaxAge ?? FALLBACK_LIFETIME_MS;
}

/**
 * Whether a loaded session is over by the idle or absolute timeout its timestamps allow. Its
 * lifetime is the store's to enforce, as express-session leaves it: a record's own
 * `cookie.expires` is that of its last write, and a touch (Redis, PostgreSQL, SQLite) renews the
 * stored expiry without rewriting the record.
 */
export function isStoredSessionOver(
  loaded: SessionData & { [META_KEY]?: SessionMeta },
  limits: ExpiryLimits,
): boolean {
  const meta = loaded[META_KEY];
  return meta !== undefined && isExpired(meta, Date.now(), limits);
}
