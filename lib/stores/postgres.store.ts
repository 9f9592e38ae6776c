import type connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool, types as PgTypes } from 'pg';
import type { OpenedStore } from '../store-mode/opened-store.interface.js';
import { StoreAvailability } from '../core/store-availability.js';
import { parseStored } from '../store-mode/session-changes.js';
import { loadStorePeers, peerDefault, peerExport } from './load-optional-peers.js';
import { postgresMerge } from './postgres-merge.js';
import { postgresUserIndex, userIndexTable } from './postgres-user-index.js';
import { redactUrl } from './store-address.js';
import type { StoreDescriptor } from './store-descriptor.interface.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_TABLE = 'session';
/** PostgreSQL's type ID of `json`, the type of connect-pg-simple's `sess` column. */
const JSON_TYPE = 114;

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

/** PostgreSQL, through connect-pg-simple: shared by every instance. */
export const postgresStore: StoreDescriptor<PostgresStoreOptions> = {
  driver: 'postgres',
  options: {
    url: 'the database to connect to',
    prefix: 'the table, created when missing',
    client: 'a pg Pool of your own instead of url; never ended by the module',
  },
  packages: ['pg', 'connect-pg-simple'],
  instances: 'many',
  url: {
    default: DEFAULT_URL,
    expected: 'postgres://user:password@host:5432/database',
    isValid: (url) =>
      URL.canParse(url) && ['postgres:', 'postgresql:'].includes(new URL(url).protocol),
  },
  prefix: { names: 'table', default: DEFAULT_TABLE },
  client: {
    methods: ['query', 'on', 'off'],
    expected: "a Pool from the 'pg' package",
    package: 'pg',
  },
  open: openPostgresStore,
};

/** PostgreSQL error codes of a table or type that another instance created at the same time. */
const CREATED_CONCURRENTLY = new Set(['42P07', '23505']);
/** connect-pg-simple's own interval for pruning expired sessions, used for the user index too. */
const PRUNE_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Opens the PostgreSQL store: connect-pg-simple over a `pg` Pool from `url` (or the user's
 * `client`). The module creates the tables itself (the sessions', and the user index's beside
 * it), so that they are created again after an outage at start-up, and so that several tables
 * can live in one schema. connect-pg-simple prunes expired rows every 15 minutes or so, and the
 * module the index's. The Pool reconnects by itself after an outage.
 */
async function openPostgresStore(options: PostgresStoreOptions): Promise<OpenedStore> {
  const url = options.url ?? DEFAULT_URL;
  const table = options.prefix ?? DEFAULT_TABLE;
  const { 'connect-pg-simple': storeFactory, pg } = await loadStorePeers(postgresStore, options);

  const pool = (options.client ?? ownPool(pg, url)) as Pool;
  let tableExists = false;
  const availability = new StoreAvailability(
    options.client ? poolAddress(options.client) : redactUrl(url),
    async () => {
      await (tableExists ? pool.query('SELECT 1') : createTable(pool, table));
      tableExists = true;
    },
  );
  const onError = (error: Error) => availability.failed(error);
  pool.on('error', onError);

  const PGStore = peerDefault<typeof connectPgSimple>(storeFactory)(session);
  const store = new PGStore({
    pool,
    tableName: table,
    createTableIfMissing: false,
    errorLog: (_message: string, error: unknown) => availability.failed(error),
  });
  try {
    await createTable(pool, table);
    tableExists = true;
  } catch (error) {
    availability.failed(error);
  }
  const index = postgresUserIndex(pool, table);
  const pruneTimer = setInterval(() => {
    index.prune().catch((error: unknown) => availability.failed(error));
  }, PRUNE_INTERVAL_MS).unref();

  return {
    store,
    availability,
    merge: postgresMerge(pool, table),
    index,
    close: async () => {
      clearInterval(pruneTimer);
      await store.close();
      if (!options.client) {
        await pool.end();
      }
      pool.off('error', onError);
    },
  };
}

/**
 * The module's own Pool. It keeps the session's JSON text as it parses it, which saves
 * serializing each loaded session again to remember what it was (about 15 µs per request in
 * the profiles).
 */
function ownPool(pg: unknown, url: string): Pool {
  const types = peerExport<typeof PgTypes>(pg, 'pg', 'types');
  return new (peerExport<typeof Pool>(pg, 'pg', 'Pool'))({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === JSON_TYPE && format !== 'binary'
          ? parseStored
          : types.getTypeParser(oid, format as never)) as typeof types.getTypeParser,
    },
  });
}

async function createTable(pool: Pool, table: string): Promise<void> {
  const index = userIndexTable(table);
  const { rows } = await pool.query(
    'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS found',
    [`"${table}"`, index.name],
  );
  if (rows[0].found) {
    return;
  }
  // The columns of connect-pg-simple's own table.sql, with index names unique to the table.
  await pool
    .query(
      `CREATE TABLE IF NOT EXISTS "${table}" (` +
        '"sid" varchar NOT NULL COLLATE "default" PRIMARY KEY, ' +
        '"sess" json NOT NULL, "expire" timestamp(6) NOT NULL); ' +
        `CREATE INDEX IF NOT EXISTS "${table}_expire_idx" ON "${table}" ("expire"); ` +
        index.create,
    )
    .catch((error: { code?: string }) => {
      if (!CREATED_CONCURRENTLY.has(error.code ?? '')) {
        throw error;
      }
    });
}

/** Host, port and database of the user's Pool, for logs. */
function poolAddress(client: PostgresPoolLike): string {
  const { connectionString, host, port, database } =
    (client as { options?: Record<string, string | undefined> }).options ?? {};
  if (connectionString) {
    return redactUrl(connectionString);
  }
  return host ? `postgres://${host}:${port ?? 5432}/${database ?? ''}` : 'your PostgreSQL pool';
}
