import { Controller, Get, HttpCode, Post, Req, type INestApplication } from '@nestjs/common';
import type { Store } from 'express-session';
import { promisify } from 'node:util';
import request from 'supertest';
import { MemorySessionStore, type SessionStoreOption } from '../../lib/index.js';
import { cookieHeader, cookieValue } from '../fixtures/cookies.js';
import { createApp, PLATFORMS, TEST_SECRET } from '../fixtures/create-app.js';
import { AccountController } from './account.controller.js';
import { requireStoreServices } from './services.js';
import { STORE_SUBJECTS } from './store-subjects.js';

await requireStoreServices();

const OLD_SECRET = 'the-previous-secret-that-signed-last-months-cookies';

/** Express's request, or Fastify's, whose Node request (`raw`) carries `sessionStore`. */
type StoreRequest = { sessionStore: Store; raw?: { sessionStore: Store } };

/** What `req.sessionStore` offers of the Store API's optional methods, used as an admin page would. */
@Controller('admin')
class StoreAdminController {
  @Get('sessions')
  async sessions(@Req() req: StoreRequest) {
    const store = (req.raw ?? req).sessionStore;
    const all = store.all && (await promisify(store.all.bind(store))());
    return {
      length: store.length ? await promisify(store.length.bind(store))() : null,
      all: all ? Object.keys(all).length : null,
      clear: typeof store.clear === 'function',
    };
  }

  @Post('clear')
  @HttpCode(200)
  async clear(@Req() req: StoreRequest) {
    const store = (req.raw ?? req).sessionStore;
    await promisify(store.clear!.bind(store))();
    return { cleared: true };
  }
}

/** The store of each subject, once as the module opens it: what it offers the Store API. */
const OPTIONAL: Record<string, { length: boolean; all: boolean; clear: boolean }> = {
  memory: { length: true, all: true, clear: true },
  redis: { length: true, all: true, clear: true },
  postgres: { length: false, all: false, clear: false },
  sqlite: { length: true, all: false, clear: true },
};

afterAll(async () => {
  for (const subject of STORE_SUBJECTS) {
    await subject.cleanup();
  }
});

const ON_PLATFORMS = PLATFORMS.flatMap((platform) =>
  STORE_SUBJECTS.map((subject) => [subject.label, platform, subject] as const),
);

describe.each(ON_PLATFORMS)(
  'req.sessionStore on the %s store, on %s',
  (_driver, platform, subject) => {
    let app: INestApplication;
    const login = (userId: string) =>
      request(app.getHttpServer()).post('/login').send({ userId }).expect(200);

    beforeAll(async () => {
      app = await createApp(
        { secret: TEST_SECRET, store: subject.options(700) },
        [AccountController, StoreAdminController],
        { platform },
      );
    });
    afterAll(() => app.close());

    it("keeps the inner store's optional length, all and clear, and counts with them", async () => {
      await login('ann');
      await login('bob');
      await login('cy');
      const { body } = await request(app.getHttpServer()).get('/admin/sessions').expect(200);
      const offered = OPTIONAL[subject.driver];
      expect(body).toEqual({
        length: offered.length ? 3 : null,
        all: offered.all ? 3 : null,
        clear: offered.clear,
      });
      if (offered.clear) {
        await request(app.getHttpServer()).post('/admin/clear').expect(200);
        const after = await request(app.getHttpServer()).get('/admin/sessions').expect(200);
        expect(after.body.length ?? 0).toBe(0);
      }
    });
  },
);

describe.each(ON_PLATFORMS)(
  'an older-secret cookie on the %s store, on %s',
  (_driver, platform, subject) => {
    // One memory store shared by the three apps below, as Redis or a database would be.
    const store = (): SessionStoreOption =>
      subject.driver === 'memory' ? shared : subject.options(800);
    const shared = new MemorySessionStore();
    afterAll(() => shared.close());

    const withApp = async <T>(secret: string[], work: (app: INestApplication) => Promise<T>) => {
      const app = await createApp({ secret, store: store() }, [AccountController], { platform });
      try {
        return await work(app);
      } finally {
        await app.close();
      }
    };

    it('is signed again with the first secret on a request that only reads', async () => {
      const oldCookie = await withApp([OLD_SECRET], async (app) =>
        cookieHeader(await request(app.getHttpServer()).post('/login').send({ userId: 'ann' })),
      );
      const resigned = await withApp([TEST_SECRET, OLD_SECRET], async (app) => {
        const read = await request(app.getHttpServer()).get('/me').set('Cookie', oldCookie);
        expect(read.body).toEqual({ userId: 'ann' });
        expect(cookieValue(read, 'sid')).toBeDefined();
        return cookieHeader(read);
      });
      expect(resigned).not.toBe(oldCookie);
      await withApp([TEST_SECRET], async (app) => {
        const server = app.getHttpServer();
        await request(server).get('/me').set('Cookie', resigned).expect(200, { userId: 'ann' });
        await request(server).get('/me').set('Cookie', oldCookie).expect(200, { userId: null });
      });
    });

    it('is left alone when the first secret signed it', async () => {
      await withApp([TEST_SECRET, OLD_SECRET], async (app) => {
        const login = await request(app.getHttpServer()).post('/login').send({ userId: 'ann' });
        const read = await request(app.getHttpServer())
          .get('/me')
          .set('Cookie', cookieHeader(login));
        expect(read.body).toEqual({ userId: 'ann' });
        expect(read.headers['set-cookie']).toBeUndefined();
      });
    });
  },
);
