import { parse, serialize, type CookieSerializeOptions } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { cookieSecurity } from '../core/secure-request.js';
import type { CookieModeSettings } from './cookie-mode-settings.js';
import type {
  CookieSession,
  CookieWrite,
  OpenedSessionCookie,
  SessionCookieFormat,
  SessionCookieSlot,
} from './cookie-format.interface.js';
import { EncryptedCookieCodec, IV_BYTES, TAG_BYTES } from './encrypted-cookie.codec.js';
import { encryptedSession } from './encrypted-session.js';
import { parseObject } from './parse-object.js';

/** Bounds of the cache of cookie values already opened or sealed, in UTF-16 code units. */
const OPENED_CACHE_SIZE = 8 * 1024 * 1024;
const OPENED_CACHE_ENTRY_SIZE = 16 * 1024;

/** Values are base64url, which needs no encoding. */
const AS_IS = { encode: (value: string) => value };

/**
 * The default format, the module's own (cookie-session cannot encrypt): the session sealed
 * with AES-256-GCM in one cookie, unreadable and unforgeable by the client, bound to the
 * cookie's name. It keeps `req.session` as cookie-session does: read on first access, written
 * when it changed.
 *
 * A browser sends the same cookie until its session changes, so the plaintexts of the values
 * recently opened (after authentication) or sealed here are cached: opening one is
 * deterministic, so a cached value is exactly what decrypting it again would give.
 */
export class EncryptedCookieFormat implements SessionCookieFormat {
  readonly cookieNames: readonly [string];
  private readonly codec: EncryptedCookieCodec;
  private readonly attributes: CookieSerializeOptions;
  private readonly opened = new LRUCache<string, string>({
    maxSize: OPENED_CACHE_SIZE,
    maxEntrySize: OPENED_CACHE_ENTRY_SIZE,
    sizeCalculation: (json, value) => value.length + json.length,
  });

  constructor(private readonly settings: CookieModeSettings) {
    const { name, secrets, cookie } = settings;
    this.cookieNames = [name];
    this.codec = new EncryptedCookieCodec(secrets);
    this.attributes = {
      ...AS_IS,
      path: cookie.path,
      domain: cookie.domain,
      httpOnly: cookie.httpOnly,
    };
  }

  open(req: IncomingMessage): SessionCookieSlot {
    return new EncryptedCookieSlot(this, req);
  }

  valueLength(json: string): number {
    return Math.ceil(((IV_BYTES + Buffer.byteLength(json) + TAG_BYTES) * 4) / 3);
  }

  cookiesFor(json: string): [string, string][] {
    return [[this.settings.name, this.seal(json)]];
  }

  read(req: IncomingMessage): OpenedSessionCookie | undefined {
    const { name, maxCookieBytes } = this.settings;
    const header = req.headers.cookie;
    const value = header ? parse(header)[name] : undefined;
    if (!value || value.length > maxCookieBytes) {
      return undefined;
    }
    const cached = this.opened.get(value);
    if (cached !== undefined) {
      return { json: cached, staleKey: false };
    }
    const opened = this.codec.open(name, value);
    if (opened && !opened.staleKey) {
      this.opened.set(value, opened.plaintext);
    }
    return opened && { json: opened.plaintext, staleKey: opened.staleKey };
  }

  /** Writes what `write` says: the session's sealed cookie, or the cleared one. */
  write(req: IncomingMessage, res: ServerResponse, { json, maxAge }: CookieWrite): void {
    const { send, secure, sameSite } = cookieSecurity(
      req,
      this.settings.cookie,
      this.settings.proxy,
    );
    if (!send) {
      return;
    }
    const { name } = this.settings;
    const attributes =
      json === null
        ? { ...this.attributes, expires: new Date(0), secure, sameSite }
        : { ...this.attributes, expires: new Date(Date.now() + maxAge), secure, sameSite };
    res.appendHeader(
      'Set-Cookie',
      serialize(name, json === null ? '' : this.seal(json), attributes),
    );
  }

  private seal(json: string): string {
    const value = this.codec.seal(this.settings.name, json);
    this.opened.set(value, json);
    return value;
  }
}

/** One request's encrypted session cookie. */
class EncryptedCookieSlot implements SessionCookieSlot {
  /** `undefined` until read or assigned. */
  #session: CookieSession | null | undefined;
  staleKey = false;

  constructor(
    private readonly format: EncryptedCookieFormat,
    private readonly req: IncomingMessage,
  ) {}

  get session(): CookieSession | null {
    if (this.#session === undefined) {
      const opened = this.format.read(this.req);
      const data = opened && parseObject(opened.json);
      this.staleKey = data !== undefined && opened!.staleKey;
      this.#session = data ? encryptedSession(data, opened!.json) : encryptedSession({});
    }
    return this.#session;
  }

  set session(value: object | null) {
    this.#session = value ? encryptedSession(value as Record<string, unknown>) : null;
  }

  beforeHeaders(res: ServerResponse, write: CookieWrite): void {
    this.format.write(this.req, res, write);
  }
}
