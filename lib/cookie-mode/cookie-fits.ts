import { SessionTooLargeError } from '../errors/session-too-large.error.js';

/**
 * Throws `SessionTooLargeError` when the cookie `name=value`, `value` being `valueLength`
 * characters of base64, would exceed `limit` bytes.
 */
export function assertCookieFits(name: string, valueLength: number, limit: number): void {
  const bytes = Buffer.byteLength(name) + 1 + valueLength;
  if (bytes > limit) {
    throw new SessionTooLargeError(bytes, limit);
  }
}
