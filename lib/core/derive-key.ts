import { hkdfSync } from 'node:crypto';

const SALT = 'nestjs-session-kit';

/**
 * A 32-byte key for one purpose, derived from a secret with HKDF-SHA256. Different purposes
 * (encryption, ID hashing, signing a given cookie) never share a key.
 */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, SALT, purpose, 32));
}
