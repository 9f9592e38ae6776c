import { LRUCache } from 'lru-cache';
import type { SessionMeta } from '../core/expiry.js';
import type { StoreAvailability } from '../core/store-availability.js';
import { cookieSessionKey, userIndexKey } from '../core/user-keys.js';
import type { IndexedSession, UserSessionIndex } from '../core/user-session-index.interface.js';

/** Where revocations are kept: a store with users' indexes, opened by the module. */
export interface RevocationStore {
  index: UserSessionIndex;
  availability: StoreAvailability;
  close(): Promise<void>;
}

/** How long an instance trusts what it read of a user's revocations. */
export const REVOCATION_CACHE_MS = 5000;
/** How many users' revocations an instance keeps at once. */
const CACHED_USERS = 10_000;
/**
 * How long a "not before" is kept when no `absoluteTimeout` bounds the cookies it refuses:
 * browsers keep no cookie longer than 400 days.
 */
const LONGEST_COOKIE_MS = 400 * 24 * 60 * 60 * 1000;

/** Entry keys of the markers, beside the recorded sessions' keys (digests: never these). */
const REVOKED = 'revoked:';
const NOT_BEFORE = 'not-before:';

/** One user's revocations, as an instance caches them. */
interface Revocations {
  /** Keys of sessions revoked one by one. */
  revoked: Set<string>;
  /** Sessions begun before `at` are refused, but `except`. */
  notBefore: { at: number; except: string }[];
  /** The sessions recorded at login and not revoked. */
  recorded: IndexedSession[];
}

/**
 * Cookie mode's revocations (the `revocation` option). A cookie carries the whole session, so
 * ending one means remembering, in a store every instance reads, which cookies to refuse: one by
 * one (`revokeSession`, logging out), or every one a user's sessions began before a time
 * (`revokeAllSessions`). They are kept in the store's user index, beside the sessions recorded at
 * login (for `listSessions`), and each instance caches a user's for `REVOCATION_CACHE_MS`: a
 * revocation takes effect on every instance within that time (at once on the one that made it).
 */
export class CookieRevocation {
  private readonly cache = new LRUCache<string, Revocations>({
    max: CACHED_USERS,
    ttl: REVOCATION_CACHE_MS,
  });
  private readonly loading = new Map<string, Promise<Revocations>>();
  private readonly longestCookie: number;

  constructor(
    readonly store: RevocationStore,
    absoluteTimeout: number | undefined,
  ) {
    this.longestCookie = absoluteTimeout ?? LONGEST_COOKIE_MS;
  }

  /** Reads `user`'s revocations into the cache, unless they are there. */
  async prepare(user: string): Promise<void> {
    if (!this.cache.has(user)) {
      await this.read(user);
    }
  }

  /** Whether the cookie of `user`'s session `meta` is refused, by what `prepare` cached. */
  refuses(user: string, meta: SessionMeta): boolean {
    const revocations = this.cache.get(user);
    if (!revocations || typeof meta.id !== 'string') {
      return false;
    }
    const key = cookieSessionKey(meta.id);
    const began = meta.iat ?? 0;
    return (
      revocations.revoked.has(key) ||
      revocations.notBefore.some(({ at, except }) => began < at && except !== key)
    );
  }

  /** `user`'s recorded sessions that are not revoked, read from the store now. */
  async recorded(user: string): Promise<IndexedSession[]> {
    return (await this.read(user)).recorded;
  }

  /** Records `user`'s session `entry` (its key is `cookieSessionKey` of its ID). */
  record(user: string, entry: IndexedSession): Promise<void> {
    return this.store.index.indexSession(userIndexKey(user), entry);
  }

  /** Forgets `user`'s recorded session `key` (its cookie no longer names the user). */
  async forget(user: string, key: string): Promise<void> {
    await this.store.index.unindexSessions(userIndexKey(user), [key]);
    this.cache.delete(user);
  }

  /** Refuses the cookies of `user`'s sessions `entries` from now on, and forgets them. */
  async revoke(user: string, entries: readonly IndexedSession[]): Promise<void> {
    const now = Date.now();
    const userKey = userIndexKey(user);
    await Promise.all([
      ...entries.map(({ key, until }) =>
        this.store.index.indexSession(userKey, marker(`${REVOKED}${key}`, now, until)),
      ),
      this.store.index.unindexSessions(
        userKey,
        entries.map(({ key }) => key),
      ),
    ]);
    this.cache.delete(user);
  }

  /**
   * Refuses every cookie of `user`'s sessions begun before now, except the session filed under
   * `except`, and forgets the `ended` ones recorded.
   */
  async revokeAll(
    user: string,
    except: string | undefined,
    ended: readonly IndexedSession[],
  ): Promise<void> {
    const now = Date.now();
    const userKey = userIndexKey(user);
    await Promise.all([
      this.store.index.indexSession(
        userKey,
        marker(`${NOT_BEFORE}${now}:${except ?? ''}`, now, now + this.longestCookie),
      ),
      this.store.index.unindexSessions(
        userKey,
        ended.map(({ key }) => key),
      ),
    ]);
    this.cache.delete(user);
  }

  /** Reads `user`'s revocations from the store (one read at a time per user) and caches them. */
  private read(user: string): Promise<Revocations> {
    let reading = this.loading.get(user);
    if (!reading) {
      reading = this.store.index
        .indexedSessions(userIndexKey(user))
        .then((entries) => {
          const revocations = revocationsOf(entries);
          this.cache.set(user, revocations);
          return revocations;
        })
        .finally(() => this.loading.delete(user));
      this.loading.set(user, reading);
    }
    return reading;
  }
}

/** An index entry that only marks a revocation, kept until `until`. */
function marker(key: string, now: number, until: number): IndexedSession {
  return { key, createdAt: now, seenAt: now, expiresAt: until, until };
}

function revocationsOf(entries: readonly IndexedSession[]): Revocations {
  const revocations: Revocations = { revoked: new Set(), notBefore: [], recorded: [] };
  for (const entry of entries) {
    if (entry.key.startsWith(REVOKED)) {
      revocations.revoked.add(entry.key.slice(REVOKED.length));
    } else if (entry.key.startsWith(NOT_BEFORE)) {
      const [at, except] = entry.key.slice(NOT_BEFORE.length).split(':');
      revocations.notBefore.push({ at: Number(at), except });
    } else {
      revocations.recorded.push(entry);
    }
  }
  revocations.recorded = revocations.recorded.filter(
    ({ key, createdAt }) =>
      !revocations.revoked.has(key) &&
      !revocations.notBefore.some(({ at, except }) => createdAt < at && except !== key),
  );
  return revocations;
}
