import session from 'express-session';
import { LRUCache } from 'lru-cache';
import type {
  IndexedSession,
  StoredRecord,
  UserSessionIndex,
} from '../core/user-session-index.interface.js';
import { mergedRecord, parseStored, type SessionChanges } from '../store-mode/session-changes.js';
import { sessionExpiresAt } from '../store-mode/session-expiry.js';
import { StoreAvailability } from '../core/store-availability.js';
import type { StoreDescriptor } from './store-descriptor.interface.js';

type Callback<T = void> = (error?: unknown, value?: T) => void;

/** Default bound of the memory store. */
const DEFAULT_MAX = 100_000;

/** Options of the built-in bounded in-memory store (one process only). */
export interface MemoryStoreOptions {
  driver: 'memory';
  /** Most sessions kept at once; the least recently used goes first. Default 100,000. */
  max?: number;
}

/**
 * A bounded in-memory express-session store over `lru-cache`: at most `max` sessions (the least
 * recently used goes first), each expiring with its cookie, and expired entries pruned on a
 * timer so that memory comes back. Sessions are kept serialized, so requests never share
 * objects. For one process only: use Redis or PostgreSQL for several instances.
 */
export class MemorySessionStore extends session.Store implements UserSessionIndex {
  private readonly sessions: LRUCache<string, string>;
  /** Each user's sessions, by store key: kept until the latest `until` of its entries. */
  private readonly users: LRUCache<string, Map<string, IndexedSession>>;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(options: { max?: number; pruneInterval?: number } = {}) {
    super();
    const max = options.max ?? DEFAULT_MAX;
    this.sessions = new LRUCache({ max, ttlAutopurge: false });
    this.users = new LRUCache({ max, ttlAutopurge: false });
    this.pruneTimer = setInterval(() => this.prune(), options.pruneInterval ?? 60_000);
    this.pruneTimer.unref();
  }

  /** Number of sessions held, counting expired ones not yet pruned. */
  get size(): number {
    return this.sessions.size;
  }

  /** Its record, unless expired: its `cookie.expires`, which `touch` renews here, is checked too. */
  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const json = this.sessions.get(sid);
    const record = json === undefined ? null : parseStored<session.SessionData>(json);
    if (record && sessionExpiresAt(record) <= Date.now()) {
      this.sessions.delete(sid);
      return callback(undefined, null);
    }
    callback(undefined, record);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.sessions.set(sid, JSON.stringify(data), { ttl: ttlOf(data) });
    callback?.();
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const json = this.sessions.get(sid);
    if (json !== undefined) {
      const touched = { ...JSON.parse(json), cookie: data.cookie };
      this.sessions.set(sid, JSON.stringify(touched), { ttl: ttlOf(data) });
    }
    callback?.();
  }

  /** Applies a request's changes to the stored session; `false` when it is gone. */
  merge(sid: string, changes: SessionChanges, expiresAt: number): boolean {
    const json = this.sessions.get(sid);
    if (json === undefined) {
      return false;
    }
    this.sessions.set(sid, mergedRecord(json, changes), {
      ttl: Math.max(1, expiresAt - Date.now()),
    });
    return true;
  }

  override destroy(sid: string, callback?: Callback): void {
    this.sessions.delete(sid);
    callback?.();
  }

  override all(callback: Callback<Record<string, session.SessionData>>): void {
    const sessions: Record<string, session.SessionData> = {};
    for (const [sid, json] of this.sessions.entries()) {
      sessions[sid] = JSON.parse(json);
    }
    callback(undefined, sessions);
  }

  override length(callback: Callback<number>): void {
    this.sessions.purgeStale();
    callback(undefined, this.sessions.size);
  }

  override clear(callback?: Callback): void {
    this.sessions.clear();
    this.users.clear();
    callback?.();
  }

  /** Files `entry`, dropping the user's expired entries in place: no copy of the user's map. */
  async indexSession(user: string, entry: IndexedSession): Promise<void> {
    const now = Date.now();
    const entries = this.users.get(user) ?? new Map<string, IndexedSession>();
    let until = entry.until;
    for (const [key, indexed] of entries) {
      if (indexed.until < now) {
        entries.delete(key);
      } else {
        until = Math.max(until, indexed.until);
      }
    }
    const known = entries.get(entry.key);
    entries.set(
      entry.key,
      known
        ? { ...known, ...entry, ...firstSeen(known), until: Math.max(known.until, entry.until) }
        : entry,
    );
    this.users.set(user, entries, { ttl: Math.max(1, until - now) });
  }

  async unindexSessions(user: string, keys: readonly string[]): Promise<void> {
    const entries = this.users.get(user);
    for (const key of keys) {
      entries?.delete(key);
    }
  }

  async indexedSessions(user: string): Promise<IndexedSession[]> {
    const now = Date.now();
    return [...(this.users.get(user)?.values() ?? [])].filter(({ until }) => until >= now);
  }

  async storedRecords(keys: readonly string[]): Promise<(StoredRecord | undefined)[]> {
    const now = Date.now();
    return keys.map((key) => {
      const json = this.sessions.get(key);
      return json === undefined
        ? undefined
        : { json, expiresAt: now + this.sessions.getRemainingTTL(key) };
    });
  }

  /** Drops expired sessions and index entries now instead of at the next timer tick. */
  prune(): void {
    this.sessions.purgeStale();
    this.users.purgeStale();
  }

  /** Stops the prune timer. */
  close(): void {
    clearInterval(this.pruneTimer);
  }
}

/** The default store: bounded, in this process, never unreachable. */
export const memoryStore: StoreDescriptor<MemoryStoreOptions> = {
  driver: 'memory',
  options: {
    max: 'most sessions kept at once; the least recently used goes first. Default 100,000',
  },
  packages: [],
  instances: 'one',
  check: ({ max }) =>
    max === undefined || (Number.isInteger(max) && (max as number) > 0)
      ? []
      : [['max', `${String(max)} is not allowed; use a whole number > 0`]],
  async open(options) {
    const store = new MemorySessionStore({ max: options.max });
    return {
      store,
      availability: new StoreAvailability('memory', () => undefined),
      merge: async (key, changes, expiresAt) => store.merge(key, changes, expiresAt),
      index: store,
      close: async () => store.close(),
    };
  },
};

/** What an entry keeps from when its session was first indexed. */
function firstSeen({ createdAt, userAgent, ip }: IndexedSession): Partial<IndexedSession> {
  return { createdAt, userAgent, ip };
}

function ttlOf(data: session.SessionData): number {
  return Math.max(1, sessionExpiresAt(data) - Date.now());
}
