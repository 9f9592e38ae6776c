import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionStoreOption } from '../../lib/index.js';
import { type MemorySessionStore } from '../../lib/stores/memory.store.js';
import type { OpenedStore } from '../../lib/store-mode/opened-store.interface.js';
import { type SqliteSessionStore } from '../../lib/stores/sqlite.store.js';
import {
  dropRunTables,
  REDIS_BACKENDS,
  removeRunKeys,
  withPostgres,
  type RedisBackend,
} from './backends.js';
import { POSTGRES_URL, RUN_ID } from './services.js';

/**
 * One built-in driver as the contract suite drives it: options for a store of the test's own
 * (the same options twice reach the same data), and a look at the backend itself.
 */
export interface StoreSubject {
  driver: 'memory' | 'redis' | 'postgres' | 'sqlite';
  /** The driver, and for Redis the setup: `redis`, `redis cluster`, `redis sentinel`. */
  label: string;
  /** The Redis setup it opens, for a look at its keys. */
  redis?: RedisBackend;
  /** Options for store number `n` of this run: its own prefix, table or file. */
  options(n: number): SessionStoreOption;
  /** Runs the store's own pruning of expired sessions (Redis expires keys by itself). */
  prune(opened: OpenedStore): Promise<void>;
  /** How many records the backend holds for store `n`, expired or not. */
  stored(opened: OpenedStore, n: number): Promise<number>;
  /** Removes what this run left in the backend. */
  cleanup(): Promise<void>;
}

const tables = (n: number) => `sessions_${RUN_ID}_${n}`;
const sqliteFolder = mkdtempSync(join(tmpdir(), 'session-kit-sqlite-'));
const sqliteFile = (n: number) => join(sqliteFolder, `sessions-${n}.sqlite`);

export const STORE_SUBJECTS: StoreSubject[] = [
  {
    driver: 'memory',
    label: 'memory',
    options: () => ({ driver: 'memory', max: 1000 }),
    prune: async (opened) => (opened.store as MemorySessionStore).prune(),
    stored: async (opened) => (opened.store as MemorySessionStore).size,
    cleanup: async () => undefined,
  },
  ...REDIS_BACKENDS.map((redis): StoreSubject => ({
    driver: 'redis',
    label: redis.label.toLowerCase(),
    redis,
    options: (n) => redis.options(`test:${RUN_ID}:${n}:`),
    prune: async () => undefined,
    stored: async (_opened, n) => (await redis.keys(`test:${RUN_ID}:${n}:*`)).length,
    cleanup: removeRunKeys,
  })),
  {
    driver: 'postgres',
    label: 'postgres',
    options: (n) => ({ driver: 'postgres', url: POSTGRES_URL, prefix: tables(n) }),
    prune: (opened) =>
      new Promise<void>((resolve, reject) =>
        (opened.store as unknown as PrunableStore).pruneSessions((error) =>
          error ? reject(error) : resolve(),
        ),
      ),
    stored: (_opened, n) =>
      withPostgres(async (pool) => {
        const { rows } = await pool.query(`SELECT count(*)::int AS count FROM "${tables(n)}"`);
        return rows[0].count as number;
      }),
    cleanup: dropRunTables,
  },
  {
    driver: 'sqlite',
    label: 'sqlite',
    options: (n) => ({ driver: 'sqlite', url: sqliteFile(n), prefix: tables(n) }),
    prune: async (opened) => {
      (opened.store as SqliteSessionStore).prune();
    },
    stored: async (_opened, n) => {
      const db = new Database(sqliteFile(n), { readonly: true });
      try {
        return (
          (db
            .prepare(`SELECT count(*) FROM "${tables(n)}"`)
            .pluck()
            .get() as number) ?? 0
        );
      } finally {
        db.close();
      }
    },
    cleanup: async () => rmSync(sqliteFolder, { recursive: true, force: true }),
  },
];

interface PrunableStore {
  pruneSessions(callback: (error?: Error) => void): void;
}
