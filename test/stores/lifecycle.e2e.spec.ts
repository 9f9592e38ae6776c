import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import request from 'supertest';
import type { SessionStoreOption } from '../../lib/index.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { AccountController } from './account.controller.js';
import { dropRunTables, removeRunKeys, withPostgres } from './backends.js';
import { freePort, RedisServer } from './redis-server.js';
import { POSTGRES_URL, REDIS_URL, RUN_ID, requireStoreServices } from './services.js';

await requireStoreServices();

/** Starts an app on `store`, gives it one session, and closes it. */
async function useAndClose(store: SessionStoreOption): Promise<void> {
  const app = await createApp({ secret: TEST_SECRET, store }, [AccountController]);
  await request(app.getHttpServer()).post('/login').send({ userId: 'ann' }).expect(200);
  await app.close();
}

describe('closing the application', () => {
  it('closes the Redis connection the module opened', async () => {
    const password = 'lifecycle';
    const redis = new RedisServer(await freePort(), password);
    await redis.start();
    const probe = await createClient({
      url: `redis://:${password}@127.0.0.1:${redis.port}`,
    }).connect();
    const connections = async () =>
      Number(/connected_clients:(\d+)/.exec(await probe.info('clients'))![1]);
    try {
      const app = await createApp(
        {
          secret: TEST_SECRET,
          store: { driver: 'redis', url: `redis://:${password}@127.0.0.1:${redis.port}` },
        },
        [AccountController],
      );
      await request(app.getHttpServer()).post('/login').send({ userId: 'ann' }).expect(200);
      expect(await connections()).toBe(2);
      await app.close();
      expect(await connections()).toBe(1);
    } finally {
      await probe.close();
      await redis.stop();
    }
  });

  it('ends the PostgreSQL pool the module opened', async () => {
    const applicationName = `session-kit-${RUN_ID}`;
    const connections = () =>
      withPostgres(async (pool) => {
        const { rows } = await pool.query(
          'SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
        return rows[0].count as number;
      });
    try {
      const app = await createApp(
        {
          secret: TEST_SECRET,
          store: {
            driver: 'postgres',
            url: `${POSTGRES_URL}?application_name=${applicationName}`,
            prefix: `sessions_${RUN_ID}_lifecycle`,
          },
        },
        [AccountController],
      );
      await request(app.getHttpServer()).post('/login').send({ userId: 'ann' }).expect(200);
      expect(await connections()).toBeGreaterThan(0);
      await app.close();
      expect(await connections()).toBe(0);
    } finally {
      await dropRunTables();
    }
  });

  it('closes the SQLite file the module opened', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'session-kit-lifecycle-'));
    const file = join(folder, 'sessions.sqlite');
    try {
      await useAndClose({ driver: 'sqlite', url: file });
      // SQLite folds its write-ahead log back into the file when the last connection closes.
      expect(existsSync(file)).toBe(true);
      expect(existsSync(`${file}-wal`)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('leaves a Redis client the user passed open', async () => {
    const client = await createClient({ url: REDIS_URL }).connect();
    const listeners = client.listenerCount('error');
    try {
      await useAndClose({ driver: 'redis', client, prefix: `test:${RUN_ID}:lifecycle:` });
      expect(client.isReady).toBe(true);
      expect(await client.ping()).toBe('PONG');
      expect(client.listenerCount('error')).toBe(listeners);
    } finally {
      await client.close();
      await removeRunKeys();
    }
  });

  it('leaves a PostgreSQL pool the user passed open', async () => {
    const pool = new pg.Pool({ connectionString: POSTGRES_URL });
    try {
      await useAndClose({ driver: 'postgres', client: pool, prefix: `sessions_${RUN_ID}_own` });
      const { rows } = await pool.query(
        'SELECT count(*)::int AS count FROM ' + `sessions_${RUN_ID}_own`,
      );
      expect(rows[0].count).toBe(1);
      expect(pool.listenerCount('error')).toBe(0);
    } finally {
      await pool.end();
      await dropRunTables();
    }
  });

  it('leaves a SQLite database the user passed open', async () => {
    const db = new Database(':memory:');
    try {
      await useAndClose({ driver: 'sqlite', client: db });
      expect(db.open).toBe(true);
      expect(db.prepare('SELECT count(*) FROM session').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
