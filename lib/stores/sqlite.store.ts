import type BetterSqlite3 from 'better-sqlite3';
import session from 'express-session';
import type {
  IndexedSession,
  StoredRecord,
  UserSessionIndex,
} from '../core/user-session-index.interface.js';
import { SessionConfigError } from '../errors/session-config.error.js';
import type { OpenedStore } from '../store-mode/opened-store.interface.js';
import { mergedRecord, parseStored, type SessionChanges } from '../store-mode/session-changes.js';
import { sessionExpiresAt } from '../store-mode/session-expiry.js';
import { StoreAvailability } from '../core/store-availability.js';
import { loadStorePeers, peerDefault } from './load-optional-peers.js';
import type { StoreDescriptor } from './store-descriptor.interface.js';
import {
  indexedSessionOf,
  userIndexRowValues,
  type UserIndexRow,
  type UserIndexRowValues,
} from './user-index-row.js';

type Callback<T = void> = (error?: unknown, value?: T) => void;

const PRUNE_INTERVAL_MS = 5 * 60 * 1000;
const DEFAULT_FILE = './sessions.sqlite';
const DEFAULT_TABLE = 'session';

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

/** A SQLite file, through better-sqlite3 12: persistent, for one instance. */
export const sqliteStore: StoreDescriptor<SqliteStoreOptions> = {
  driver: 'sqlite',
  options: {
    url: 'the path of the database file, created when missing',
    prefix: 'the table, created when missing',
    client:
      'an open better-sqlite3 Database of your own instead of url; never closed by the module',
  },
  packages: ['better-sqlite3'],
  instances: 'one',
  url: {
    default: DEFAULT_FILE,
    expected: 'the path of the SQLite database file',
    isValid: (url) => url.trim() !== '',
  },
  prefix: { names: 'table', default: DEFAULT_TABLE },
  client: {
    methods: ['prepare', 'exec'],
    expected: "a Database from the 'better-sqlite3' package",
    package: 'better-sqlite3',
  },
  open: openSqliteStore,
};

/**
 * An express-session store in one SQLite table through better-sqlite3: prepared statements,
 * an expiry per session (its cookie's), expired rows invisible at once and deleted by `prune()`.
 * Each user's sessions are indexed in a second table, `<table>_users`. The tables are created
 * when missing. Calls are synchronous, as better-sqlite3's are.
 */
export class SqliteSessionStore extends session.Store implements UserSessionIndex {
  private readonly statements;
  private readonly mergeTransaction;
  private readonly indexTransaction;

  constructor(database: SqliteDatabaseLike, table = DEFAULT_TABLE) {
    super();
    const db = database as BetterSqlite3.Database;
    const quoted = `"${table}"`;
    const users = `"${table}_users"`;
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${quoted} ` +
        '(sid TEXT PRIMARY KEY NOT NULL, sess TEXT NOT NULL, expire INTEGER NOT NULL);' +
        `CREATE INDEX IF NOT EXISTS "${table}_expire" ON ${quoted} (expire);` +
        `CREATE TABLE IF NOT EXISTS ${users} (user_key TEXT NOT NULL, sid TEXT NOT NULL, ` +
        'created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, ' +
        'until INTEGER NOT NULL, user_agent TEXT, ip TEXT, PRIMARY KEY (user_key, sid));' +
        `CREATE INDEX IF NOT EXISTS "${table}_users_until" ON ${users} (until);` +
        `CREATE INDEX IF NOT EXISTS "${table}_users_user_until" ON ${users} (user_key, until);`,
    );
    this.statements = {
      get: db
        .prepare<[string, number], string>(
          `SELECT sess FROM ${quoted} WHERE sid = ? AND expire > ?`,
        )
        .pluck(),
      set: db.prepare<[string, string, number]>(
        `INSERT INTO ${quoted} (sid, sess, expire) VALUES (?, ?, ?) ` +
          'ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expire = excluded.expire',
      ),
      touch: db.prepare<[number, string, number]>(
        `UPDATE ${quoted} SET expire = ? WHERE sid = ? AND expire > ?`,
      ),
      update: db.prepare<[string, number, string]>(
        `UPDATE ${quoted} SET sess = ?, expire = ? WHERE sid = ?`,
      ),
      destroy: db.prepare<[string]>(`DELETE FROM ${quoted} WHERE sid = ?`),
      length: db
        .prepare<[number], number>(`SELECT count(*) FROM ${quoted} WHERE expire > ?`)
        .pluck(),
      clear: db.prepare<[]>(`DELETE FROM ${quoted}`),
      clearIndex: db.prepare<[]>(`DELETE FROM ${users}`),
      prune: db.prepare<[number]>(`DELETE FROM ${quoted} WHERE expire <= ?`),
      record: db.prepare<[string, number], { sess: string; expire: number }>(
        `SELECT sess, expire FROM ${quoted} WHERE sid = ? AND expire > ?`,
      ),
      index: db.prepare<UserIndexRowValues>(
        `INSERT INTO ${users} VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_key, sid) DO ` +
          'UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at, ' +
          'until = max(until, excluded.until)',
      ),
      unindex: db.prepare<[string, string]>(`DELETE FROM ${users} WHERE user_key = ? AND sid = ?`),
      indexed: db.prepare<[string, number], UserIndexRow>(
        `SELECT * FROM ${users} WHERE user_key = ? AND until >= ?`,
      ),
      pruneUser: db.prepare<[string, number]>(
        `DELETE FROM ${users} WHERE user_key = ? AND until < ?`,
      ),
      pruneIndex: db.prepare<[number]>(`DELETE FROM ${users} WHERE until < ?`),
    };
    this.mergeTransaction = db.transaction(
      (sid: string, changes: SessionChanges, expiresAt: number): boolean => {
        const json = this.statements.get.get(sid, Date.now());
        if (json === undefined) {
          return false;
        }
        this.statements.update.run(mergedRecord(json, changes), expiresAt, sid);
        return true;
      },
    );
    this.indexTransaction = db.transaction((user: string, entry: IndexedSession): void => {
      this.statements.pruneUser.run(user, Date.now());
      this.statements.index.run(...userIndexRowValues(user, entry));
    });
  }

  async indexSession(user: string, entry: IndexedSession): Promise<void> {
    this.indexTransaction.immediate(user, entry);
  }

  async unindexSessions(user: string, keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.statements.unindex.run(user, key);
    }
  }

  async indexedSessions(user: string): Promise<IndexedSession[]> {
    return this.statements.indexed.all(user, Date.now()).map(indexedSessionOf);
  }

  async storedRecords(keys: readonly string[]): Promise<(StoredRecord | undefined)[]> {
    const now = Date.now();
    return keys.map((key) => {
      const row = this.statements.record.get(key, now);
      return row && { json: row.sess, expiresAt: row.expire };
    });
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.answer(callback, () => {
      const json = this.statements.get.get(sid, Date.now());
      return json === undefined ? null : parseStored<session.SessionData>(json);
    });
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.answer(callback, () => {
      this.statements.set.run(sid, JSON.stringify(data), sessionExpiresAt(data));
    });
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    this.answer(callback, () => {
      this.statements.touch.run(sessionExpiresAt(data), sid, Date.now());
    });
  }

  /** Applies a request's changes to the stored session in one transaction; `false` when it is gone. */
  merge(sid: string, changes: SessionChanges, expiresAt: number): boolean {
    return this.mergeTransaction.immediate(sid, changes, expiresAt);
  }

  override destroy(sid: string, callback?: Callback): void {
    this.answer(callback, () => {
      this.statements.destroy.run(sid);
    });
  }

  override length(callback: Callback<number>): void {
    this.answer(callback, () => this.statements.length.get(Date.now())!);
  }

  override clear(callback?: Callback): void {
    this.answer(callback, () => {
      this.statements.clear.run();
      this.statements.clearIndex.run();
    });
  }

  /** Deletes expired sessions and index entries; returns how many sessions. */
  prune(): number {
    const now = Date.now();
    this.statements.pruneIndex.run(now);
    return this.statements.prune.run(now).changes;
  }

  /** Runs `work` and hands its result or its error to `callback`, outside the `try`. */
  private answer<T>(callback: Callback<T> | undefined, work: () => T): void {
    let result: T;
    try {
      result = work();
    } catch (error) {
      callback?.(error);
      return;
    }
    callback?.(undefined, result);
  }
}

/**
 * Opens the SQLite store: the file at `url` (created when missing) or the user's `client`
 * Database, and a timer that prunes expired sessions. Closing stops the timer and closes the
 * file, unless the Database was the user's.
 */
async function openSqliteStore(options: SqliteStoreOptions): Promise<OpenedStore> {
  const file = options.url ?? DEFAULT_FILE;
  const { 'better-sqlite3': sqlite } = await loadStorePeers(sqliteStore, options);
  const database = options.client ?? openDatabase(peerDefault<typeof BetterSqlite3>(sqlite), file);
  const store = new SqliteSessionStore(database, options.prefix);
  const availability = new StoreAvailability(options.client ? 'your SQLite database' : file, () =>
    store.prune(),
  );
  const pruneTimer = setInterval(() => {
    try {
      store.prune();
    } catch (error) {
      availability.failed(error);
    }
  }, PRUNE_INTERVAL_MS).unref();

  return {
    store,
    availability,
    merge: async (key, changes, expiresAt) => store.merge(key, changes, expiresAt),
    index: store,
    close: async () => {
      clearInterval(pruneTimer);
      if (!options.client) {
        (database as BetterSqlite3.Database).close();
      }
    },
  };
}

function openDatabase(Database: typeof BetterSqlite3, file: string): BetterSqlite3.Database {
  try {
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    return database;
  } catch (error) {
    throw new SessionConfigError([
      `store.url: cannot open the SQLite file "${file}" (${(error as Error).message}); ` +
        'check that its folder exists and is writable',
    ]);
  }
}
