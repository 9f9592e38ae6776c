import pg from 'pg';
import { createClient } from 'redis';
import { POSTGRES_URL, REDIS_URL, RUN_ID } from './services.js';

/** Deletes every Redis key of this run (prefixes `test:<run>:…`). */
export function removeRunKeys(): Promise<void> {
  return withRedis(async (client) => {
    const keys = await client.keys(`test:${RUN_ID}:*`);
    if (keys.length > 0) {
      await client.del(keys);
    }
  });
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

/** Runs `work` with a Redis client of its own. */
export async function withRedis<T>(
  work: (client: Awaited<ReturnType<typeof connectRedis>>) => Promise<T>,
): Promise<T> {
  const client = await connectRedis();
  try {
    return await work(client);
  } finally {
    await client.close();
  }
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
