import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { COMMAND_TIMEOUT_MS } from '../../lib/stores/redis-deadline.js';
import { PLATFORMS, TEST_SECRET } from '../fixtures/create-app.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createLoggedApp, eventually } from './logged-app.js';
import { freePort, RedisServer } from './redis-server.js';
import { dropRunTables } from './backends.js';
import { POSTGRES_URL, RUN_ID, requireService } from './services.js';
import { TcpProxy } from './tcp-proxy.js';

// No crash and no unhandled rejection: jest fails the running test on an unhandled rejection,
// and an unhandled 'error' event would end the worker and fail the whole file.

const PASSWORD = 'redis-password-never-logged';

/** The throw-away redis-server comes with the machine's Redis. */
await requireService('Redis');
await requireService('PostgreSQL');

describe.each(PLATFORMS)('on %s', (platform) => {
  describe('a Redis outage', () => {
    const lines: string[] = [];
    let redis: RedisServer;
    let app: INestApplication;
    let address: string;

    const server = () => app.getHttpServer();
    const errors = () => lines.filter((line) => line.startsWith('error'));

    beforeAll(async () => {
      const port = await freePort();
      address = `127.0.0.1:${port}`;
      redis = new RedisServer(port, PASSWORD);
    });
    afterAll(async () => {
      await app?.close();
      await redis.stop();
    });

    it('does not hold up start-up: session routes answer 503 at once, others 200', async () => {
      const started = Date.now();
      app = await createLoggedApp(
        {
          secret: TEST_SECRET,
          store: { driver: 'redis', url: `redis://:${PASSWORD}@${address}` },
        },
        lines,
        platform,
      );
      expect(Date.now() - started).toBeLessThan(5000);

      const session = await request(server()).get('/me').timeout(3000);
      expect(session.status).toBe(503);
      expect(session.body).toEqual({ statusCode: 503, message: 'Service Unavailable' });
      await request(server()).post('/login').send({ userId: 'x' }).timeout(3000).expect(503);
      await request(server()).get('/health').expect(200, { ok: true });
    });

    it('logs the outage once, with the address and without the password', () => {
      expect(errors()).toHaveLength(1);
      expect(errors()[0]).toContain('SessionStoreUnavailableError');
      expect(errors()[0]).toContain(address);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    });

    it('resumes by itself once Redis is up', async () => {
      await redis.start();
      await eventually(async () => {
        await request(server()).get('/me').expect(200, { userId: null });
      });
      expect(lines.at(-1)).toMatch(/^log .*answers again/);
    });

    it('answers 503 when Redis goes down mid-life, and keeps serving other routes', async () => {
      const login = await request(server()).post('/login').send({ userId: 'ann' }).expect(200);
      const cookie = cookieHeader(login);
      await request(server()).get('/me').set('Cookie', cookie).expect(200, { userId: 'ann' });

      await redis.stop();
      await eventually(async () => {
        await request(server()).get('/me').set('Cookie', cookie).timeout(3000).expect(503);
      });
      for (let i = 0; i < 5; i++) {
        await request(server()).get('/me').set('Cookie', cookie).timeout(3000).expect(503);
        await request(server()).post('/logout').set('Cookie', cookie).timeout(3000).expect(503);
        await request(server()).get('/health').expect(200);
      }
      expect(errors()).toHaveLength(2);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    });

    it('resumes again when Redis returns, without a restart', async () => {
      await redis.start();
      await eventually(async () => {
        await request(server()).post('/login').send({ userId: 'ann' }).expect(200);
      });
      const login = await request(server()).post('/login').send({ userId: 'bea' }).expect(200);
      await request(server())
        .get('/me')
        .set('Cookie', cookieHeader(login))
        .expect(200, { userId: 'bea' });
    });
  });

  describe('a PostgreSQL server that does not answer', () => {
    const lines: string[] = [];
    let app: INestApplication;

    beforeAll(async () => {
      const port = await freePort();
      app = await createLoggedApp(
        {
          secret: TEST_SECRET,
          store: { driver: 'postgres', url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/x` },
        },
        lines,
        platform,
      );
    });
    afterAll(() => app?.close());

    it('lets the app start and answers 503 on session routes, 200 elsewhere', async () => {
      await request(app.getHttpServer()).get('/me').timeout(6000).expect(503);
      await request(app.getHttpServer()).post('/login').send({ userId: 'x' }).expect(503);
      await request(app.getHttpServer()).get('/health').expect(200);
      expect(lines.filter((line) => line.startsWith('error'))).toHaveLength(1);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    });
  });

  describe('a PostgreSQL outage', () => {
    const lines: string[] = [];
    let proxy: TcpProxy;
    let app: INestApplication;

    beforeAll(async () => {
      proxy = new TcpProxy(await freePort(), Number(new URL(POSTGRES_URL).port));
      await proxy.start();
      const url = new URL(POSTGRES_URL);
      url.port = String(proxy.port);
      app = await createLoggedApp(
        {
          secret: TEST_SECRET,
          store: { driver: 'postgres', url: url.href, prefix: `sessions_${RUN_ID}_outage` },
        },
        lines,
        platform,
      );
    });
    afterAll(async () => {
      await app?.close();
      await proxy.stop();
      await dropRunTables();
    });

    it('answers 503 while the database is cut off, and keeps the sessions for its return', async () => {
      const server = app.getHttpServer();
      const login = await request(server).post('/login').send({ userId: 'ann' }).expect(200);
      const cookie = cookieHeader(login);

      await proxy.stop();
      await eventually(async () => {
        await request(server).get('/me').set('Cookie', cookie).timeout(6000).expect(503);
      });
      await request(server).post('/login').send({ userId: 'bob' }).timeout(6000).expect(503);
      await request(server).get('/health').expect(200);
      expect(lines.filter((line) => line.startsWith('error'))).toHaveLength(1);

      await proxy.start();
      await eventually(async () => {
        await request(server).get('/me').set('Cookie', cookie).expect(200, { userId: 'ann' });
      });
      expect(lines.at(-1)).toMatch(/^log .*answers again/);
    });
  });
});

describe.each(PLATFORMS)('a store down on %s, with the middleware on every route', (platform) => {
  it('answers 503 with the JSON body of any Nest error', async () => {
    const port = await freePort();
    const app = await createLoggedApp(
      { secret: TEST_SECRET, store: { driver: 'redis', url: `redis://127.0.0.1:${port}` } },
      [],
      platform,
      {},
    );
    try {
      const response = await request(app.getHttpServer()).get('/me').timeout(3000).expect(503);
      expect(response.body).toEqual({ statusCode: 503, message: 'Service Unavailable' });
    } finally {
      await app.close();
    }
  });
});

describe('a Redis server that hangs', () => {
  it('costs a request 503 after 5 seconds, never more, and is served again once it answers', async () => {
    const lines: string[] = [];
    const redis = new RedisServer(await freePort(), PASSWORD);
    await redis.start();
    const app = await createLoggedApp(
      {
        secret: TEST_SECRET,
        store: { driver: 'redis', url: `redis://:${PASSWORD}@127.0.0.1:${redis.port}` },
      },
      lines,
      'express',
    );
    try {
      const login = await request(app.getHttpServer()).post('/login').send({ userId: 'ann' });
      const cookie = cookieHeader(login);
      redis.pause();
      const started = Date.now();
      const frozen = await request(app.getHttpServer())
        .get('/me')
        .set('Cookie', cookie)
        .timeout(10_000);
      const waited = Date.now() - started;
      expect(frozen.status).toBe(503);
      expect(waited).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 100);
      expect(waited).toBeLessThan(COMMAND_TIMEOUT_MS + 1000);
      expect(lines.filter((line) => line.startsWith('error')).join('\n')).toContain(
        `did not answer within ${COMMAND_TIMEOUT_MS} ms`,
      );

      redis.resume();
      await eventually(async () => {
        await request(app.getHttpServer())
          .get('/me')
          .set('Cookie', cookie)
          .expect(200, { userId: 'ann' });
      });
    } finally {
      redis.resume();
      await app.close();
      await redis.stop();
    }
  }, 30_000);
});
