import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SessionStoreOption } from '../../lib/index.js';
import { SessionDriver } from '../../lib/core/session-driver.js';
import type { StoreSessionDriver } from '../../lib/store-mode/store.driver.js';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieHeader, cookieValue } from '../fixtures/cookies.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { dropRunTables, removeRunKeys, withPostgres, withRedis } from '../stores/backends.js';
import { POSTGRES_URL, REDIS_URL, RUN_ID, requireStoreServices } from '../stores/services.js';

describe('store mode files sessions under a keyed hash of their ID', () => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await createApp({ mode: 'store', secret: TEST_SECRET }, [ApiController], {
      providers: [CartService],
    });
  });
  afterEach(() => app.close());

  it('keeps no session ID in the store, and a stored key used as a cookie gets nothing', async () => {
    const server = app.getHttpServer();
    const login = await request(server).post('/api/patch').send({ userId: 'alice' });
    const id = (await request(server).get('/api/state').set('Cookie', cookieHeader(login))).body.id;
    expect(cookieValue(login, 'sid')).toContain(id);

    const store = (app.get(SessionDriver) as StoreSessionDriver).store;
    const stored = await new Promise<Record<string, unknown>>((resolve, reject) =>
      store.all!((error, sessions) => (error ? reject(error) : resolve(sessions as never))),
    );
    const keys = Object.keys(stored);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(id);
    expect(JSON.stringify(stored)).not.toContain(id);
    expect(stored[keys[0]]).toMatchObject({ userId: 'alice' });
  });

  it('never adopts an ID it did not issue', async () => {
    const server = app.getHttpServer();
    const planted = await request(server)
      .post('/api/patch')
      .set('Cookie', 'sid=s%3Aattacker-chosen-id.forged')
      .send({ note: 'n' });
    const issued = cookieValue(planted, 'sid')!;
    expect(issued).not.toContain('attacker-chosen-id');
    const state = await request(server).get('/api/state').set('Cookie', cookieHeader(planted));
    expect(state.body.id).not.toBe('attacker-chosen-id');
  });
});

await requireStoreServices();

/** Everything a store holds for this test, as raw text: keys and values, or rows. */
const RAW_DUMPS: [string, SessionStoreOption, () => Promise<string>][] = [
  [
    'Redis',
    { driver: 'redis', url: REDIS_URL, prefix: `test:${RUN_ID}:ids:` },
    () =>
      withRedis(async (client) => {
        const keys = await client.keys(`test:${RUN_ID}:ids:*`);
        const values = await Promise.all(keys.map((key) => client.get(key)));
        return JSON.stringify({ keys, values });
      }),
  ],
  [
    'PostgreSQL',
    { driver: 'postgres', url: POSTGRES_URL, prefix: `sessions_${RUN_ID}_ids` },
    () =>
      withPostgres(async (pool) => {
        const { rows } = await pool.query(`SELECT * FROM "sessions_${RUN_ID}_ids"`);
        return JSON.stringify(rows);
      }),
  ],
];

describe.each(RAW_DUMPS)('a raw %s dump', (_name, store, dump) => {
  afterAll(async () => {
    await removeRunKeys();
    await dropRunTables();
  });

  it('holds the sessions but none of their IDs', async () => {
    const app = await createApp({ mode: 'store', secret: TEST_SECRET, store }, [ApiController], {
      providers: [CartService],
    });
    const server = app.getHttpServer();
    const ids: string[] = [];
    for (const user of ['alice', 'bob', 'carol']) {
      const login = await request(server).post('/api/patch').send({ userId: user });
      ids.push(
        (await request(server).get('/api/state').set('Cookie', cookieHeader(login))).body.id,
      );
    }
    await app.close();

    const raw = await dump();
    for (const user of ['alice', 'bob', 'carol']) {
      expect(raw).toContain(user);
    }
    for (const id of ids) {
      expect(id).toHaveLength(32);
      expect(raw).not.toContain(id);
    }
  });
});
