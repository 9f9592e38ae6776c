/**
 * One session filed under its user. Times are epoch milliseconds. Nothing in it is a session
 * ID: `key` is the keyed hash the store files the session under (store mode) or a keyed hash
 * of the cookie's session ID (cookie mode).
 */
export interface IndexedSession {
  key: string;
  /** When the session began (its login). */
  createdAt: number;
  /** When the entry was last written: login, or a refresh as the session lived on. */
  seenAt: number;
  /** When the session expires, as of `seenAt`. */
  expiresAt: number;
  /**
   * The entry is kept at least until then, and may be dropped after: the session's expiry can
   * move past `expiresAt` as it is used, never past `until` without the entry being refreshed.
   */
  until: number;
  /** Only when the `track` option asks for it. */
  userAgent?: string;
  /** Only when the `track` option asks for it. */
  ip?: string;
}

/** A session record as the store holds it, and when the store lets it expire. */
export interface StoredRecord {
  /** The record's JSON text. */
  json: string;
  expiresAt: number;
}

/**
 * What a store implements, next to express-session's `Store` API, so that `SessionService` can
 * list and end the sessions of one user (store mode), and so that it can keep cookie mode's
 * revocations (the `revocation` option). Every built-in store has it. `user` is a keyed hash of
 * the user's ID; keys are store keys. Calls for one user may run concurrently, on several
 * instances: each method must be atomic on its own.
 */
export interface UserSessionIndex {
  /**
   * Files `entry` under `user`. An entry of the same key keeps its `createdAt`, `userAgent` and
   * `ip`, takes `seenAt` and `expiresAt` from `entry`, and keeps the later `until`. Drops
   * `user`'s entries whose `until` has passed; keeps `user`'s index at least until the latest
   * `until` of its entries.
   */
  indexSession(user: string, entry: IndexedSession): Promise<void>;
  /** Removes the entries of `keys` from `user`'s index; unknown keys are ignored. */
  unindexSessions(user: string, keys: readonly string[]): Promise<void>;
  /** `user`'s entries whose `until` has not passed, in no particular order. */
  indexedSessions(user: string): Promise<IndexedSession[]>;
  /** The records stored under `keys` (store mode), in their order; `undefined` where none is. */
  storedRecords(keys: readonly string[]): Promise<(StoredRecord | undefined)[]>;
}

const INDEX_METHODS = [
  'indexSession',
  'unindexSessions',
  'indexedSessions',
  'storedRecords',
] as const;

/** Whether `store` implements `UserSessionIndex`. */
export function isUserSessionIndex(store: object): store is UserSessionIndex {
  return INDEX_METHODS.every(
    (method) => typeof (store as Record<string, unknown>)[method] === 'function',
  );
}
