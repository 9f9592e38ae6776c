import pg from 'pg';
import { createClient, createCluster, createSentinel } from 'redis';
import type { RedisStoreOptions } from '../../lib/index.js';
import {
  CLUSTER_URLS,
  POSTGRES_URL,
  REDIS_URL,
  RUN_ID,
  SENTINEL_MASTER,
  SENTINEL_URL,
} from './services.js';

/** The key commands the tests read Redis with; every kind of client routes them by key. */
export interface RedisKeyCommands {
  get(key: string): Promise<string | null>;
  type(key: string): Promise<string>;
  hGetAll(key: string): Promise<Record<string, string>>;
  hLen(key: string): Promise<number>;
  zCard(key: string): Promise<number>;
  zRange(key: string, start: number, stop: number): Promise<string[]>;
  exists(key: string): Promise<number>;
  pTTL(key: string): Promise<number>;
  del(keys: string[]): Promise<number>;
}

/** One of the machine's Redis setups, as `scripts/start-services.sh` starts them. */
export interface RedisBackend {
  label: 'Redis' | 'Redis Cluster' | 'Redis Sentinel';
  /** Store options for sessions under `prefix` (`url`, `cluster` or `sentinel`). */
  options(prefix: string): RedisStoreOptions;
  /** Runs `work` with a client of its own. */
  withClient<T>(work: (client: RedisKeyCommands) => Promise<T>): Promise<T>;
  /** Every key matching `pattern`, on every master. */
  keys(pattern: string): Promise<string[]>;
}

type Connected = RedisKeyCommands & {
  keys(pattern: string): Promise<string[]>;
  close(): Promise<unknown>;
};

/** Opens a client, runs `work`, closes it. */
async function using<C extends { close(): Promise<unknown> }, T>(
  open: () => Promise<C>,
  work: (client: C) => Promise<T>,
): Promise<T> {
  const client = await open();
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

const connectNode = () => createClient({ url: REDIS_URL }).connect() as Promise<Connected>;
const connectCluster = () =>
  createCluster({ rootNodes: CLUSTER_URLS.map((url) => ({ url })) }).connect();
const connectSentinel = () =>
  createSentinel({
    name: SENTINEL_MASTER,
    sentinelRootNodes: [{ host: '127.0.0.1', port: Number(new URL(SENTINEL_URL).port) }],
  }).connect() as unknown as Promise<Connected>;

export const REDIS_NODE: RedisBackend = {
  label: 'Redis',
  options: (prefix) => ({ driver: 'redis', url: REDIS_URL, prefix }),
  withClient: (work) => using(connectNode, work),
  keys: (pattern) => using(connectNode, (client) => client.keys(pattern)),
};

export const REDIS_CLUSTER: RedisBackend = {
  label: 'Redis Cluster',
  options: (prefix) => ({ driver: 'redis', cluster: CLUSTER_URLS, prefix }),
  withClient: (work) => using(connectCluster, (client) => work(client as unknown as Connected)),
  keys: (pattern) =>
    using(connectCluster, async (cluster) => {
      const perMaster = await Promise.all(
        cluster.masters.map(async (master) => (await cluster.nodeClient(master)).keys(pattern)),
      );
      return perMaster.flat();
    }),
};

export const REDIS_SENTINEL: RedisBackend = {
  label: 'Redis Sentinel',
  options: (prefix) => ({
    driver: 'redis',
    sentinel: { name: SENTINEL_MASTER, nodes: [SENTINEL_URL] },
    prefix,
  }),
  withClient: (work) => using(connectSentinel, work),
  keys: (pattern) => using(connectSentinel, (client) => client.keys(pattern)),
};

export const REDIS_BACKENDS = [REDIS_NODE, REDIS_CLUSTER, REDIS_SENTINEL] as const;

/** Deletes every Redis key of this run (prefixes `test:<run>:…`), in every Redis setup. */
export async function removeRunKeys(): Promise<void> {
  for (const backend of REDIS_BACKENDS) {
    const keys = await backend.keys(`test:${RUN_ID}:*`);
    if (keys.length > 0) {
      // One key a command: a cluster refuses a DEL of keys in several hash slots.
      await backend.withClient((client) => Promise.all(keys.map((key) => client.del([key]))));
    }
  }
}

/** Drops every PostgreSQL table of this run (`sessions_<run>_…`). */
export function dropRunTables(): Promise<void> {
  return withPostgres(async (pool) => {
    const { rows } = await pool.query<{ name: string }>(
      'SELECT tablename AS name FROM pg_tables WHERE tablename LIKE $1',
      [`sessions_${RUN_ID}_%`],
    );
    for (const { name } of rows) {
      await pool.query(`DROP TABLE "${name}"`);
    }
  });
}

const connectRedis = () => createClient({ url: REDIS_URL }).connect();

/** Runs `work` with a client of its own to the machine's single Redis. */
export function withRedis<T>(
  work: (client: Awaited<ReturnType<typeof connectRedis>>) => Promise<T>,
): Promise<T> {
  return using(connectRedis, work);
}

/** Runs `work` with a PostgreSQL pool of its own. */
export async function withPostgres<T>(work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}
