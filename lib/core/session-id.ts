import { randomBytes } from 'node:crypto';

/** A new unguessable session ID: 192 random bits, URL-safe. */
export function generateSessionId(): string {
  return randomBytes(24).toString('base64url');
}
