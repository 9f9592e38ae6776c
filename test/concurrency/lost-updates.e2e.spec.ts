import { jest } from '@jest/globals';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  Post,
  Req,
  type INestApplication,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Request } from 'express';
import { RedisStore } from 'connect-redis';
import session from 'express-session';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient } from 'redis';
import request from 'supertest';
import {
  MemorySessionStore,
  Session,
  SessionHandle,
  type SessionStoreOption,
} from '../../lib/index.js';
import { SessionDriver } from '../../lib/core/session-driver.js';
import type { StoreSessionDriver } from '../../lib/store-mode/store.driver.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, PLATFORMS, TEST_SECRET } from '../fixtures/create-app.js';
import { dropRunTables, REDIS_CLUSTER, REDIS_SENTINEL, removeRunKeys } from '../stores/backends.js';
import { freePort, RedisServer } from '../stores/redis-server.js';
import { POSTGRES_URL, REDIS_URL, RUN_ID, requireStoreServices } from '../stores/services.js';

const PARALLEL = 50;
const keys = Array.from({ length: PARALLEL }, (_, index) => `k${index}`);

/** What a real handler does between loading the session and saving it: a query, say. */
const handlerWork = () => delay(10);

/** Lets the test know when the slow request is under way, and decide when it may finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
let slowStarted = gate();
let slowReleased = gate();

@Controller()
class RaceController {
  @Post('login')
  @HttpCode(200)
  async login(@Session() session: SessionHandle) {
    await session.regenerate();
    session.set('userId', 'alice');
  }

  @Post('set')
  @HttpCode(200)
  async setKey(
    @Session() session: SessionHandle<Record<string, string>>,
    @Body('key') key: string,
  ) {
    await handlerWork();
    session.set(key, 'written');
  }

  @Post('increment')
  @HttpCode(200)
  increment(@Session() session: SessionHandle<Record<string, number>>, @Body('key') key: string) {
    session.set(key, (session.get(key) ?? 0) + 1);
  }

  @Post('slow')
  @HttpCode(200)
  async slow(@Session() session: SessionHandle) {
    session.set('note', 'written by a request that began before the logout');
    slowStarted.open();
    await slowReleased.opened;
  }

  @Post('logout')
  @HttpCode(200)
  logout(@Session() session: SessionHandle) {
    return session.destroy();
  }

  @Get('data')
  data(@Session() session: SessionHandle) {
    return session.toJSON();
  }
}

/** Fires one request per key at once, all with the same session cookie. */
async function setKeysInParallel(app: INestApplication, cookie: string) {
  await Promise.all(
    keys.map((key) =>
      request(app.getHttpServer()).post('/set').set('Cookie', cookie).send({ key }).expect(200),
    ),
  );
  const data = await request(app.getHttpServer()).get('/data').set('Cookie', cookie).expect(200);
  return keys.filter((key) => key in data.body).length;
}

await requireStoreServices();

const STORES: [string, SessionStoreOption][] = [
  ['memory', 'memory'],
  ['SQLite', { driver: 'sqlite', url: join(tmpdir(), `sessions-${RUN_ID}-race.sqlite`) }],
  ['Redis', { driver: 'redis', url: REDIS_URL, prefix: `test:${RUN_ID}:race:` }],
  ['a Redis Cluster', REDIS_CLUSTER.options(`test:${RUN_ID}:race-cluster:`)],
  ['Redis Sentinel', REDIS_SENTINEL.options(`test:${RUN_ID}:race-sentinel:`)],
  ['PostgreSQL', { driver: 'postgres', url: POSTGRES_URL, prefix: `sessions_${RUN_ID}_race` }],
];

afterAll(async () => {
  await removeRunKeys();
  await dropRunTables();
});

/** The same routes on express-session's own `req.session`. */
@Controller()
class RawRaceController {
  @Post('login')
  @HttpCode(200)
  login(@Req() req: Request) {
    return new Promise<void>((resolve, reject) =>
      req.session.regenerate((error) => {
        Object.assign(req.session, { userId: 'alice' });
        return error ? reject(error) : resolve();
      }),
    );
  }

  @Post('set')
  @HttpCode(200)
  async setKey(@Req() req: Request, @Body('key') key: string) {
    await handlerWork();
    Object.assign(req.session, { [key]: 'written' });
  }

  @Get('data')
  data(@Req() req: Request) {
    return Object.fromEntries(Object.entries(req.session).filter(([key]) => key !== 'cookie'));
  }
}

describe('express-session alone, on Redis', () => {
  it(`loses most of ${PARALLEL} parallel writes (the race this module fixes)`, async () => {
    const client = await createClient({ url: REDIS_URL }).connect();
    const store = new RedisStore({ client, prefix: `test:${RUN_ID}:raw:` });

    @Module({ controllers: [RawRaceController] })
    class RawModule implements NestModule {
      configure(consumer: MiddlewareConsumer) {
        consumer
          .apply(session({ secret: TEST_SECRET, store, resave: false, saveUninitialized: false }))
          .forRoutes('*');
      }
    }

    const moduleRef = await Test.createTestingModule({ imports: [RawModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const login = await request(app.getHttpServer()).post('/login').expect(200);
      const kept = await setKeysInParallel(app, cookieHeader(login));
      console.log(`express-session alone kept ${kept} of ${PARALLEL} parallel writes`);
      expect(kept).toBeLessThan(PARALLEL / 2);
    } finally {
      await app.close();
      await client.close();
    }
  });
});

const STORES_ON_PLATFORMS = PLATFORMS.flatMap((platform) =>
  STORES.map(([name, store]) => [name, platform, store] as const),
);

describe.each(STORES_ON_PLATFORMS)('store mode on %s, on %s', (_name, platform, store) => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await createApp({ mode: 'store', secret: TEST_SECRET, store }, [RaceController], {
      platform,
    });
  });
  afterEach(() => app.close());

  it(`keeps all of ${PARALLEL} parallel writes to different keys`, async () => {
    const login = await request(app.getHttpServer()).post('/login').expect(200);
    expect(await setKeysInParallel(app, cookieHeader(login))).toBe(PARALLEL);
  });

  it('does not let a request that began before a logout bring the session back', async () => {
    const server = app.getHttpServer();
    const cookie = cookieHeader(await request(server).post('/login').expect(200));
    slowStarted = gate();
    slowReleased = gate();
    const slow = request(server)
      .post('/slow')
      .set('Cookie', cookie)
      .then((response) => response);
    await slowStarted.opened;
    await request(server).post('/logout').set('Cookie', cookie).expect(200);
    slowReleased.open();
    expect((await slow).status).toBe(200);

    const after = await request(server).get('/data').set('Cookie', cookie).expect(200);
    expect(after.body).toEqual({});
  });
});

describe('store mode writes', () => {
  it('nothing for a read-only request, however busy the session is', async () => {
    const app = await createApp({ mode: 'store', secret: TEST_SECRET }, [RaceController]);
    const server = app.getHttpServer();
    const cookie = cookieHeader(await request(server).post('/login').expect(200));
    const store = (app.get(SessionDriver) as StoreSessionDriver).store as MemorySessionStore;
    const writes = ['set', 'touch', 'merge', 'destroy'].map((method) =>
      jest.spyOn(store, method as 'set'),
    );
    const countWrites = () => writes.reduce((sum, spy) => sum + spy.mock.calls.length, 0);

    const increments = ['a', 'b', 'c', 'd'].flatMap((key) =>
      [1, 2, 3].map(() => request(server).post('/increment').set('Cookie', cookie).send({ key })),
    );
    const reads = [1, 2, 3].map(() => request(server).get('/data').set('Cookie', cookie));
    await Promise.all([...increments, ...reads]);
    expect(countWrites()).toBe(increments.length);

    const before = countWrites();
    const data = await request(server).get('/data').set('Cookie', cookie).expect(200);
    expect(countWrites()).toBe(before);
    expect(data.headers['set-cookie']).toBeUndefined();
    expect(data.body).toEqual({ userId: 'alice', a: 3, b: 3, c: 3, d: 3 });
    await app.close();
  });
});

describe('store mode on Redis, one busy session', () => {
  it(`sends fewer compare-and-sets than the ${PARALLEL} parallel writes, and keeps them all`, async () => {
    // A Redis of the test's own: no other client's scripts in its counts.
    const redis = new RedisServer(await freePort(), 'busy');
    await redis.start();
    const url = `redis://:busy@127.0.0.1:${redis.port}`;
    const app = await createApp({ secret: TEST_SECRET, store: { driver: 'redis', url } }, [
      RaceController,
    ]);
    const probe = await createClient({ url }).connect();
    const scriptCalls = async () => {
      const stats = await probe.info('commandstats');
      return ['evalsha', 'eval'].reduce(
        (sum, name) =>
          sum + Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0),
        0,
      );
    };
    try {
      const login = await request(app.getHttpServer()).post('/login').expect(200);
      const before = await scriptCalls();
      expect(await setKeysInParallel(app, cookieHeader(login))).toBe(PARALLEL);
      // One compare-and-set each, were the saves that queued up behind one in flight not sent
      // together.
      expect((await scriptCalls()) - before).toBeLessThan(PARALLEL);
    } finally {
      await probe.close();
      await app.close();
      await redis.stop();
    }
  });
});
