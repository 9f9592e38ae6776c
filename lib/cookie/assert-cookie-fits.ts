import { SessionTooLargeError } from '../errors/session-too-large.error.js';

/** Throws `SessionTooLargeError` when `name=value` would exceed `limit` bytes. */
export function assertCookieFits(name: string, valueLength: number, limit: number): void {
  const bytes = Buffer.byteLength(name) + 1 + valueLength;
  if (bytes > limit) {
    throw new SessionTooLargeError(bytes, limit);
  }
}
