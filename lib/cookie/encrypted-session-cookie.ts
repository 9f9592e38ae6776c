import { LRUCache } from 'lru-cache';
import { EncryptedCookieCodec } from '../crypto/encrypted-cookie.codec.js';
import type { OpenedSession, SessionCookieFormat } from './session-cookie-format.interface.js';

/** Bounds of the cache of cookie values already opened or sealed, in UTF-16 code units. */
const OPENED_CACHE_SIZE = 8 * 1024 * 1024;
const OPENED_CACHE_ENTRY_SIZE = 16 * 1024;

/**
 * The default format: the session sealed with AES-256-GCM in one cookie, unreadable and
 * unforgeable by the client, bound to the cookie's name.
 *
 * A browser sends the same cookie until its session changes, so the plaintexts of the values
 * recently opened (after authentication) or sealed here are cached: opening one is
 * deterministic, so a cached value is exactly what decrypting it again would give.
 */
export class EncryptedSessionCookie implements SessionCookieFormat {
  readonly cookieNames: readonly [string];
  private readonly codec: EncryptedCookieCodec;
  private readonly opened = new LRUCache<string, string>({
    maxSize: OPENED_CACHE_SIZE,
    maxEntrySize: OPENED_CACHE_ENTRY_SIZE,
    sizeCalculation: (json, value) => value.length + json.length,
  });

  constructor(
    private readonly name: string,
    secrets: readonly string[],
  ) {
    this.cookieNames = [name];
    this.codec = new EncryptedCookieCodec(secrets);
  }

  read(cookies: Record<string, string | undefined>): OpenedSession | undefined {
    const value = cookies[this.name];
    if (!value) {
      return undefined;
    }
    const cached = this.opened.get(value);
    if (cached !== undefined) {
      return { json: cached, staleKey: false };
    }
    const opened = this.codec.open(this.name, value);
    if (!opened) {
      return undefined;
    }
    if (!opened.staleKey) {
      this.opened.set(value, opened.plaintext);
    }
    return { json: opened.plaintext, staleKey: opened.staleKey };
  }

  write(json: string): [string, string][] {
    const value = this.codec.seal(this.name, json);
    this.opened.set(value, json);
    return [[this.name, value]];
  }
}
