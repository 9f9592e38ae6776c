import Database from 'better-sqlite3';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { SessionStoreOption } from '../../lib/index.js';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { removeRunKeys, withRedis } from './backends.js';
import { REDIS_URL, RUN_ID, requireStoreServices } from './services.js';

await requireStoreServices();

const OLD_SECRET = 'the-previous-secret-that-hashed-last-months-session-ids';
const SQLITE_FILE = join(tmpdir(), `sessions-${RUN_ID}-rotation.sqlite`);
const REDIS_PREFIX = `test:${RUN_ID}:rotation:`;

const STORES = [
  {
    label: 'SQLite',
    store: { driver: 'sqlite', url: SQLITE_FILE },
    countRecords: async () => {
      const db = new Database(SQLITE_FILE, { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM session').pluck().get() as number;
      } finally {
        db.close();
      }
    },
    cleanup: () =>
      Promise.all(['', '-wal', '-shm'].map((end) => rm(SQLITE_FILE + end, { force: true }))),
  },
  {
    label: 'Redis',
    store: { driver: 'redis', url: REDIS_URL, prefix: REDIS_PREFIX },
    countRecords: () => withRedis(async (client) => (await client.keys(`${REDIS_PREFIX}*`)).length),
    cleanup: removeRunKeys,
  },
] satisfies { label: string; store: SessionStoreOption; [key: string]: unknown }[];

describe.each(STORES)(
  'secret rotation in store mode on $label',
  ({ store, countRecords, cleanup }) => {
    afterAll(() => cleanup());

    it('finds a session filed under the old secret, moves it, and saves to it', async () => {
      const before = await createApp(
        { mode: 'store', secret: OLD_SECRET, store },
        [ApiController],
        { providers: [CartService] },
      );
      const cookie = cookieHeader(
        await request(before.getHttpServer())
          .post('/api/login')
          .send({ userId: 'alice' })
          .expect(200),
      );
      await before.close();

      const after = await createApp(
        { mode: 'store', secret: [TEST_SECRET, OLD_SECRET], store },
        [ApiController],
        { providers: [CartService] },
      );
      try {
        const server = after.getHttpServer();
        await request(server)
          .get('/api/user')
          .set('Cookie', cookie)
          .expect(200, { userId: 'alice' });
        await request(server)
          .post('/api/cart')
          .set('Cookie', cookie)
          .send({ item: 'apple' })
          .expect(200);
        const state = await request(server).get('/api/state').set('Cookie', cookie).expect(200);
        expect(state.body.data).toEqual({ userId: 'alice', cart: ['apple'] });
        expect(await countRecords()).toBe(1);
      } finally {
        await after.close();
      }
    });
  },
);
