import type { Store } from 'express-session';

/** The built-in stores, by name. Each uses its driver's local default address. */
export type SessionStoreDriver = 'memory' | 'redis' | 'postgres' | 'sqlite';

/** Options of the built-in bounded in-memory store (one process only). */
export interface MemoryStoreOptions {
  driver: 'memory';
  /** Most sessions kept at once; the least recently used goes first. Default 100,000. */
  max?: number;
}

/**
 * A connected node-redis (v5+) client, cluster or sentinel: what `createClient()`,
 * `createCluster()` or `createSentinel()` returns, after `await client.connect()`.
 */
export interface RedisClientLike {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Redis (or Valkey) through connect-redis. Needs the `redis` package. */
export interface RedisStoreOptions {
  driver: 'redis';
  /**
   * `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS.
   * Default `redis://127.0.0.1:6379`.
   */
  url?: string;
  /** Prefix of every session key. Default `'sess:'`. */
  prefix?: string;
  /** Your own connected client instead of `url`; the module never closes it. */
  client?: RedisClientLike;
}

/** A `pg` Pool (or anything with its `query` and `on('error')`). */
export interface PostgresPoolLike {
  query(text: string, values?: unknown[]): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/** PostgreSQL through connect-pg-simple. Needs the `pg` and `connect-pg-simple` packages. */
export interface PostgresStoreOptions {
  driver: 'postgres';
  /**
   * `postgres://user:password@host:port/database` (`?sslmode=require` for TLS).
   * Default `postgres://postgres@127.0.0.1:5432/postgres`.
   */
  url?: string;
  /** Table name, created when missing. Default `'session'`. */
  prefix?: string;
  /** Your own Pool instead of `url`; the module never ends it. */
  client?: PostgresPoolLike;
}

/** A better-sqlite3 `Database`. */
export interface SqliteDatabaseLike {
  prepare(sql: string): unknown;
  exec(sql: string): unknown;
}

/** A SQLite file through better-sqlite3: the embedded, persistent store for one instance. */
export interface SqliteStoreOptions {
  driver: 'sqlite';
  /** Path of the database file, created when missing. Default `'./sessions.sqlite'`. */
  url?: string;
  /** Table name, created when missing. Default `'session'`. */
  prefix?: string;
  /** Your own open Database instead of `url`; the module never closes it. */
  client?: SqliteDatabaseLike;
}

/**
 * Where store mode keeps session data: a built-in store by name or with options, or any
 * express-session `Store` instance (which the module uses as it is and never closes).
 *
 * @example
 * store: 'redis'
 * store: { driver: 'postgres', url: process.env.DATABASE_URL, prefix: 'user_sessions' }
 * store: new MyExpressSessionStore()
 */
export type SessionStoreOption =
  | SessionStoreDriver
  | MemoryStoreOptions
  | RedisStoreOptions
  | PostgresStoreOptions
  | SqliteStoreOptions
  | Store;
