import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import session, { type Store } from 'express-session';
import { LRUCache } from 'lru-cache';
import { deriveKey } from '../core/derive-key.js';
import {
  changesSinceLoaded,
  isTouchDue,
  rememberLoaded,
  type SessionMerge,
} from './session-changes.js';
import { sessionExpiresAt } from './session-expiry.js';
import type { UserFiling } from './user-filing.js';

type Callback<T = void> = (error?: unknown, value?: T) => void;

const RECENT_KEYS = 10_000;

/**
 * Wraps any express-session store so that it keys records by an HMAC of the session ID, never
 * the ID itself: a leaked dump of the store yields no usable cookie. The first secret's key
 * hashes; a record found under an older secret's key is moved to the first one's, so secrets
 * rotate without logging anyone out. It is `req.sessionStore`: the Store API's optional
 * `length`, `all` and `clear` are there when the inner store has them (keys stay hashed).
 */
export class HashedIdStore extends session.Store {
  declare length?: session.Store['length'];
  declare all?: session.Store['all'];
  declare clear?: session.Store['clear'];

  /** KeyObjects, made once: a Buffer key costs a KeyObject per HMAC (about 12 µs on Node 24). */
  private readonly keys: KeyObject[];
  /**
   * The first secret's hashes of recently seen IDs: an HMAC costs 2 to 15 µs, and every request
   * of a session asks for the same one (no secret in it, nothing a memory dump would not hold).
   */
  private readonly recentKeys = new LRUCache<string, string>({ max: RECENT_KEYS });

  constructor(
    private readonly inner: Store,
    secrets: readonly string[],
    private readonly merge?: SessionMerge,
    private readonly filing?: UserFiling,
  ) {
    super();
    this.keys = secrets.map((secret) => createSecretKey(deriveKey(secret, 'session-id-hash:v1')));
    // express-session pauses sessions while its store reports a disconnect.
    for (const event of ['connect', 'disconnect'] as const) {
      inner.on(event, (...args: unknown[]) => this.emit(event, ...args));
    }
    for (const method of ['length', 'all', 'clear'] as const) {
      if (typeof inner[method] === 'function') {
        this[method] = inner[method].bind(inner) as never;
      }
    }
  }

  /** The key the inner store files session `sid` under. */
  keyOf(sid: string): string {
    let key = this.recentKeys.get(sid);
    if (key === undefined) {
      key = hmac(this.keys[0], sid);
      this.recentKeys.set(sid, key);
    }
    return key;
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const key = this.keyOf(sid);
    this.inner.get(key, (error, data) => {
      if (error || data || this.keys.length === 1) {
        return callback(error, data ?? null);
      }
      this.getUnderOlderKey(sid, key, 1, callback);
    });
  }

  /**
   * Builds the session express-session loaded, remembering how it was stored: the basis of
   * per-key saves and throttled touches. `createSession` is marked `@api private` in
   * express-session, but nothing public hands over the record a request loaded: tested on
   * express-session 1.19, the range `package.json` pins.
   */
  override createSession(
    req: Parameters<session.Store['createSession']>[0],
    data: session.SessionData,
  ): session.Session & session.SessionData {
    const loaded = super.createSession(req, data);
    rememberLoaded(loaded as never, data);
    this.filing?.loaded(loaded.id, data as never);
    return loaded;
  }

  /**
   * Saves a session. One this request loaded is merged (only the keys it changed, applied on
   * the latest stored version) when the store can merge, so parallel requests keep each
   * other's writes and a destroyed session stays destroyed; a new one is written whole. The
   * user index is written first when the session's user or expiry needs it.
   */
  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const key = this.keyOf(sid);
    const saved = this.filing?.isDue(data as never)
      ? this.filing.save(sid, key, data as never, () => this.write(key, data))
      : this.write(key, data);
    saved.then(() => callback?.(), callback ?? (() => undefined));
  }

  /**
   * Renews the stored expiry of an unchanged session, at most once a tenth of its lifetime; a
   * renewal that takes it past its user index entry's `until` is a save, which refiles it.
   */
  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    if (!this.inner.touch || !isTouchDue(data as never)) {
      callback?.();
    } else if (this.filing?.isDue(data as never)) {
      this.set(sid, data, callback);
    } else {
      this.inner.touch(this.keyOf(sid), data, callback);
    }
  }

  override destroy(sid: string, callback?: Callback): void {
    const key = this.keyOf(sid);
    Promise.all([
      promised((done) => this.inner.destroy(key, done)),
      this.filing?.destroyed(sid, key),
    ]).then(() => callback?.(), callback ?? (() => undefined));
  }

  /** Stores a session's record: merged when this request loaded it, else whole. */
  private write(key: string, data: session.SessionData): Promise<unknown> {
    const changes = this.merge && changesSinceLoaded(data as never);
    if (changes) {
      return this.merge!(key, changes, sessionExpiresAt(data));
    }
    return promised((done) => this.inner.set(key, data, done));
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
    const oldKey = hmac(this.keys[index], sid);
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
        this.inner.destroy(oldKey, () => {
          const refiled = this.filing?.moved(data as never, oldKey, key) ?? Promise.resolve();
          refiled.then(() => callback(undefined, data), callback);
        });
      });
    });
  }
}

/** Runs a callback-style store call as a promise. */
function promised(run: (done: Callback) => void): Promise<void> {
  return new Promise((resolve, reject) => run((error) => (error ? reject(error) : resolve())));
}

function hmac(key: KeyObject, sid: string): string {
  return createHmac('sha256', key).update(sid).digest('base64url');
}
