import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { Request } from 'express';
import session, { type Store } from 'express-session';
import { deriveKey } from '../crypto/derive-key.js';
import {
  changesSinceLoaded,
  isTouchDue,
  loadedKey,
  rememberLoaded,
  type SessionMerge,
} from './session-changes.js';
import { sessionExpiresAt } from './session-expiry.js';

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * Wraps any express-session store so that it keys records by an HMAC of the session ID, never
 * the ID itself: a leaked dump of the store yields no usable cookie. The first secret's key
 * hashes; a record found under an older secret's key is moved to the first one's, so secrets
 * rotate without logging anyone out.
 */
export class HashedIdStore extends session.Store {
  /** KeyObjects, made once: a Buffer key costs a KeyObject per HMAC (about 12 µs on Node 24). */
  private readonly keys: KeyObject[];
  /** The store key each record `get` returned was read under, for `createSession`. */
  private readonly readUnder = new WeakMap<object, string>();

  constructor(
    private readonly inner: Store,
    secrets: readonly string[],
    private readonly merge?: SessionMerge,
  ) {
    super();
    this.keys = secrets.map((secret) => createSecretKey(deriveKey(secret, 'session-id-hash:v1')));
    // express-session pauses sessions while its store reports a disconnect.
    for (const event of ['connect', 'disconnect'] as const) {
      inner.on(event, (...args: unknown[]) => this.emit(event, ...args));
    }
  }

  /** The key the inner store files session `sid` under. */
  keyOf(sid: string, key: KeyObject = this.keys[0]): string {
    return createHmac('sha256', key).update(sid).digest('base64url');
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const key = this.keyOf(sid);
    this.inner.get(key, (error, data) => {
      if (data) {
        this.readUnder.set(data, key);
      }
      if (error || data || this.keys.length === 1) {
        return callback(error, data ?? null);
      }
      this.getUnderOlderKey(sid, key, 1, callback);
    });
  }

  /**
   * Builds the session express-session loaded, remembering how it was stored: the basis of
   * per-key saves and throttled touches, and its store key, so the ID is hashed once per request.
   */
  override createSession(
    req: Request,
    data: session.SessionData,
  ): session.Session & session.SessionData {
    const loaded = super.createSession(req, data);
    rememberLoaded(loaded as never, data, this.readUnder.get(data));
    return loaded;
  }

  /**
   * Saves a session. One this request loaded is merged (only the keys it changed, applied on
   * the latest stored version) when the store can merge, so parallel requests keep each
   * other's writes and a destroyed session stays destroyed; a new one is written whole.
   */
  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const key = this.storeKey(sid, data);
    const changes = this.merge && changesSinceLoaded(data as never);
    if (!changes) {
      return this.inner.set(key, data, callback);
    }
    this.merge!(key, changes, sessionExpiresAt(data)).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  /** Renews the stored expiry of an unchanged session, at most once a tenth of its lifetime. */
  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    if (this.inner.touch && isTouchDue(data as never)) {
      this.inner.touch(this.storeKey(sid, data), data, callback);
    } else {
      callback?.();
    }
  }

  override destroy(sid: string, callback?: Callback): void {
    this.inner.destroy(this.keyOf(sid), callback);
  }

  /** The key of a session this request loaded, else the HMAC of its ID. */
  private storeKey(sid: string, data: session.SessionData): string {
    return loadedKey(data as never, sid) ?? this.keyOf(sid);
  }

  private getUnderOlderKey(
    sid: string,
    key: string,
    index: number,
    callback: Callback<session.SessionData | null>,
  ): void {
    if (index >= this.keys.length) {
      return callback(undefined, null);
    }
    const oldKey = this.keyOf(sid, this.keys[index]);
    this.inner.get(oldKey, (error, data) => {
      if (error) {
        return callback(error);
      }
      if (!data) {
        return this.getUnderOlderKey(sid, key, index + 1, callback);
      }
      this.inner.set(key, data, (setError) => {
        if (setError) {
          return callback(setError);
        }
        this.readUnder.set(data, key);
        this.inner.destroy(oldKey, () => callback(undefined, data));
      });
    });
  }
}
