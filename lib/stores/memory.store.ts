import session from 'express-session';
import { LRUCache } from 'lru-cache';
import { mergedRecord, parseStored, type SessionChanges } from '../store-mode/session-changes.js';
import { sessionExpiresAt } from '../store-mode/session-expiry.js';
import { StoreAvailability } from '../store-mode/store-availability.js';
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
export class MemorySessionStore extends session.Store {
  private readonly sessions: LRUCache<string, string>;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(options: { max?: number; pruneInterval?: number } = {}) {
    super();
    this.sessions = new LRUCache({
      max: options.max ?? DEFAULT_MAX,
      ttlAutopurge: false,
    });
    this.pruneTimer = setInterval(
      () => this.sessions.purgeStale(),
      options.pruneInterval ?? 60_000,
    );
    this.pruneTimer.unref();
  }

  /** Number of sessions held, counting expired ones not yet pruned. */
  get size(): number {
    return this.sessions.size;
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const json = this.sessions.get(sid);
    callback(undefined, json === undefined ? null : parseStored(json));
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
    callback?.();
  }

  /** Drops expired sessions now instead of at the next timer tick. */
  prune(): void {
    this.sessions.purgeStale();
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
      close: async () => store.close(),
    };
  },
};

function ttlOf(data: session.SessionData): number {
  return Math.max(1, sessionExpiresAt(data) - Date.now());
}
