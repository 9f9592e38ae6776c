import { createHash } from 'node:crypto';

/** Longest user ID the module files sessions under; longer values are no user. */
const MAX_USER_ID_LENGTH = 1024;

/**
 * The user a session belongs to, from its `authKey` value, or an ID given to `SessionService`:
 * a non-empty string or a finite number, as a string. Anything else is no user.
 */
export function userIdOf(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : undefined;
  }
  return typeof value === 'string' && value !== '' && value.length <= MAX_USER_ID_LENGTH
    ? value
    : undefined;
}

/**
 * What a user's index is filed under in the store: a digest of the user ID, so that any ID is
 * a short, safe key. Not keyed by a secret, so that rotating secrets keeps every index.
 */
export function userIndexKey(userId: string): string {
  return digest(`user:${userId}`);
}

/** The key cookie mode files a session under: a digest of its ID, from which no cookie can be made. */
export function cookieSessionKey(sessionId: string): string {
  return digest(`session:${sessionId}`);
}

/** The opaque key `SessionInfo` shows for a session filed under `entryKey`. */
export function publicSessionKey(entryKey: string): string {
  return digest(`public:${entryKey}`).slice(0, 22);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
