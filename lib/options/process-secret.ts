import { randomBytes } from 'node:crypto';

let secret: string | undefined;

/** A random secret made once per process, for development without `SESSION_SECRET`. */
export function processSecret(): string {
  secret ??= randomBytes(32).toString('base64url');
  return secret;
}
