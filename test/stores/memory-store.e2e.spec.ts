import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SessionDriver } from '../../lib/core/session-driver.js';
import type { StoreSessionDriver } from '../../lib/store-mode/store.driver.js';
import { MemorySessionStore } from '../../lib/stores/memory.store.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { AccountController } from './account.controller.js';

const login = (app: INestApplication, userId: string) =>
  request(app.getHttpServer()).post('/login').send({ userId }).expect(200);

describe('the memory store', () => {
  it('never holds more than its bound, and gives memory back once sessions expire', async () => {
    const store = new MemorySessionStore({ max: 40, pruneInterval: 100 });
    const app = await createApp({ secret: TEST_SECRET, store, cookie: { maxAge: 800 } }, [
      AccountController,
    ]);
    try {
      let largest = 0;
      for (let user = 0; user < 100; user++) {
        await login(app, `user-${user}`);
        largest = Math.max(largest, store.size);
      }
      expect(largest).toBe(40);

      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(store.size).toBe(0);
    } finally {
      await app.close();
      store.close();
    }
  });

  it('drops the least recently used session first when full', async () => {
    const app = await createApp({ secret: TEST_SECRET, store: { driver: 'memory', max: 3 } }, [
      AccountController,
    ]);
    try {
      const cookies = [];
      for (const user of ['a', 'b', 'c']) {
        cookies.push(cookieHeader(await login(app, user)));
      }
      // Reading `a` makes `b` the least recently used one.
      await request(app.getHttpServer()).get('/me').set('Cookie', cookies[0]).expect(200);
      cookies.push(cookieHeader(await login(app, 'd')));

      const store = (app.get(SessionDriver) as StoreSessionDriver).store as MemorySessionStore;
      expect(store.size).toBe(3);
      const me = async (cookie: string) =>
        (await request(app.getHttpServer()).get('/me').set('Cookie', cookie)).body.userId;
      expect(await Promise.all(cookies.map(me))).toEqual(['a', null, 'c', 'd']);
    } finally {
      await app.close();
    }
  });
});
