import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SessionModuleOptions } from '../../lib/index.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { CookieJar } from '../fixtures/cookie-jar.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { AccountController } from './account.controller.js';
import { dropRunTables, removeRunKeys } from './backends.js';
import { POSTGRES_URL, REDIS_URL, RUN_ID, requireStoreServices } from './services.js';

await requireStoreServices();

const SHARED_STORES = [
  {
    label: 'Redis',
    options: {
      secret: TEST_SECRET,
      store: { driver: 'redis', url: REDIS_URL, prefix: `test:${RUN_ID}:multi:` },
    },
    cleanup: removeRunKeys,
  },
  {
    label: 'PostgreSQL',
    options: {
      secret: TEST_SECRET,
      store: { driver: 'postgres', url: POSTGRES_URL, prefix: `sessions_${RUN_ID}_multi` },
    },
    cleanup: dropRunTables,
  },
  {
    label: 'a secret in cookie mode',
    options: { mode: 'cookie', secret: TEST_SECRET },
    cleanup: async () => undefined,
  },
] satisfies { label: string; options: SessionModuleOptions; [key: string]: unknown }[];

/** Which platform each of the two instances runs on. */
const PAIRS = [
  ['express', 'express'],
  ['fastify', 'express'],
  ['fastify', 'fastify'],
] as const;

describe.each(SHARED_STORES)('two instances sharing $label', ({ options, cleanup }) => {
  describe.each(PAIRS)('one session across both, on %s and %s', (platformA, platformB) => {
    let a: INestApplication;
    let b: INestApplication;

    beforeAll(async () => {
      a = await createApp(options, [AccountController], { platform: platformA });
      b = await createApp(options, [AccountController], { platform: platformB });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await cleanup();
    });

    it('logs in on A, reads on B, logs out on B, and the session is gone on A', async () => {
      const browser = new CookieJar();
      const login = await request(a.getHttpServer())
        .post('/login')
        .send({ userId: 'alice' })
        .expect(200);
      browser.update(login);
      const loginCookie = cookieHeader(login);

      const onB = await request(b.getHttpServer()).get('/me').set('Cookie', browser.header);
      expect(onB.body).toEqual({ userId: 'alice' });

      const logout = await request(b.getHttpServer())
        .post('/logout')
        .set('Cookie', browser.header)
        .expect(200);
      browser.update(logout);

      const onA = await request(a.getHttpServer()).get('/me').set('Cookie', browser.header);
      expect(onA.body).toEqual({ userId: null });

      if (options.mode !== 'cookie') {
        // Server-side logout: even the cookie from before it no longer opens the session.
        const replayed = await request(a.getHttpServer()).get('/me').set('Cookie', loginCookie);
        expect(replayed.body).toEqual({ userId: null });
      }
    });

    it('sees on each instance what the other wrote last', async () => {
      const browser = new CookieJar();
      browser.update(
        await request(a.getHttpServer()).post('/login').send({ userId: 'bob' }).expect(200),
      );
      browser.update(
        await request(b.getHttpServer())
          .post('/login')
          .set('Cookie', browser.header)
          .send({ userId: 'carol' })
          .expect(200),
      );

      const onA = await request(a.getHttpServer()).get('/me').set('Cookie', browser.header);
      expect(onA.body).toEqual({ userId: 'carol' });
    });
  });
});
