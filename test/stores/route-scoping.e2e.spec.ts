import type { INestApplication } from '@nestjs/common';
import type { SessionData } from 'express-session';
import request from 'supertest';
import type { SessionRoutes } from '../../lib/index.js';
import { MemorySessionStore } from '../../lib/stores/memory.store.js';
import { createApp, PLATFORMS, TEST_SECRET } from '../fixtures/create-app.js';
import { cookieHeader, setCookies } from '../fixtures/cookies.js';
import { AccountController } from './account.controller.js';

/** A real memory store that counts every call the session middleware makes to it. */
class CountingStore extends MemorySessionStore {
  calls = 0;

  override get(sid: string, callback: Parameters<MemorySessionStore['get']>[1]): void {
    this.calls++;
    super.get(sid, callback);
  }

  override set(sid: string, data: SessionData, callback?: () => void): void {
    this.calls++;
    super.set(sid, data, callback);
  }

  override touch(sid: string, data: SessionData, callback?: () => void): void {
    this.calls++;
    super.touch(sid, data, callback);
  }

  override destroy(sid: string, callback?: () => void): void {
    this.calls++;
    super.destroy(sid, callback);
  }
}

describe.each(
  PLATFORMS.flatMap((platform) =>
    (
      [
        ['excluded', { exclude: ['health'] }],
        ['left out of include', { include: ['login', 'me', 'logout'] }],
      ] as [string, SessionRoutes][]
    ).map(([label, routes]) => [label, routes, platform] as const),
  ),
)('a route %s, on %s', (_label, routes, platform) => {
  let store: CountingStore;
  let app: INestApplication;

  beforeAll(async () => {
    store = new CountingStore();
    app = await createApp({ secret: TEST_SECRET, store, routes }, [AccountController], {
      platform,
    });
  });
  afterAll(async () => {
    await app.close();
    store.close();
  });

  it('never touches the store, even with a session cookie', async () => {
    const login = await request(app.getHttpServer())
      .post('/login')
      .send({ userId: 'ann' })
      .expect(200);
    const cookie = cookieHeader(login);

    store.calls = 0;
    const outside = await request(app.getHttpServer())
      .get('/health')
      .set('Cookie', cookie)
      .expect(200);
    expect(store.calls).toBe(0);
    expect(setCookies(outside)).toEqual([]);

    await request(app.getHttpServer()).get('/me').set('Cookie', cookie).expect(200, {
      userId: 'ann',
    });
    expect(store.calls).toBeGreaterThan(0);
  });
});
