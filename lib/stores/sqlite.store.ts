import type BetterSqlite3 from 'better-sqlite3';
import session from 'express-session';
import { SessionConfigError } from '../errors/session-config.error.js';
import type { OpenedStore } from '../store-mode/opened-store.interface.js';
import { mergedRecord, parseStored, type SessionChanges } from '../store-mode/session-changes.js';
import { sessionExpiresAt } from '../store-mode/session-expiry.js';
import { StoreAvailability } from '../store-mode/store-availability.js';
import { loadStorePeers, peerDefault } from './load-optional-peers.js';
import type { StoreDescriptor } from './store-descriptor.interface.js';

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
 * The table is created when missing. Calls are synchronous, as better-sqlite3's are.
 */
export class SqliteSessionStore extends session.Store {
  private readonly statements;
  private readonly mergeTransaction;

  constructor(database: SqliteDatabaseLike, table = DEFAULT_TABLE) {
    super();
    const db = database as BetterSqlite3.Database;
    const quoted = `"${table}"`;
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${quoted} ` +
        '(sid TEXT PRIMARY KEY NOT NULL, sess TEXT NOT NULL, expire INTEGER NOT NULL);' +
        `CREATE INDEX IF NOT EXISTS "${table}_expire" ON ${quoted} (expire);`,
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
      prune: db.prepare<[number]>(`DELETE FROM ${quoted} WHERE expire <= ?`),
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
    });
  }

  /** Deletes expired sessions; returns how many. */
  prune(): number {
    return this.statements.prune.run(Date.now()).changes;
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
