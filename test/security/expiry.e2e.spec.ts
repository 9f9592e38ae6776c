import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { freezeClock } from '../fixtures/frozen-clock.js';
import type { SessionModuleOptions } from '../../lib/index.js';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS } from '../fixtures/create-app.js';

const MINUTE = 60_000;
const START = Date.UTC(2030, 0, 1);

const at = (minutes: number) => jest.setSystemTime(START + minutes * MINUTE);

describe.each(MODES_ON_PLATFORMS)('expiry in %s', (_label, mode, base, platform) => {
  let app: INestApplication;
  const start = async (limits: Partial<SessionModuleOptions>) => {
    app = await createApp({ ...base, ...limits } as SessionModuleOptions, [ApiController], {
      providers: [CartService],
      platform,
    });
  };
  const logIn = async () =>
    cookieHeader(await request(app.getHttpServer()).post('/api/patch').send({ userId: 'alice' }));
  /** The user the cookie authenticates, and the cookie to use next (renewed if the server sent one). */
  const visit = async (cookie: string) => {
    const response = await request(app.getHttpServer()).get('/api/user').set('Cookie', cookie);
    expect(response.status).toBe(200);
    return {
      userId: response.body.userId as string | null,
      next: cookieHeader(response) || cookie,
    };
  };

  beforeEach(() => freezeClock(START));
  afterEach(async () => {
    await app.close();
    jest.useRealTimers();
  });

  it('rejects a cookie replayed after maxAge', async () => {
    await start({ cookie: { maxAge: '1h' } });
    at(0);
    const cookie = await logIn();
    at(59);
    expect((await visit(cookie)).userId).toBe('alice');
    at(61 + 60);
    expect((await visit(cookie)).userId).toBeNull();
  });

  it('ends a session left unused for idleTimeout, and keeps a used one', async () => {
    await start({ idleTimeout: '10m' });
    at(0);
    let cookie = await logIn();
    const original = cookie;
    for (const minute of [8, 16, 24, 32]) {
      at(minute);
      const visited = await visit(cookie);
      expect(visited.userId).toBe('alice');
      cookie = visited.next;
    }
    at(43);
    expect((await visit(cookie)).userId).toBeNull();
    if (mode === 'cookie') {
      at(11);
      expect((await visit(original)).userId).toBeNull();
    }
  });

  it('ends a session absoluteTimeout after it began, however much it is used', async () => {
    await start({ idleTimeout: '10m', absoluteTimeout: '30m' });
    at(0);
    let cookie = await logIn();
    for (const minute of [8, 16, 24]) {
      at(minute);
      const visited = await visit(cookie);
      expect(visited.userId).toBe('alice');
      cookie = visited.next;
    }
    at(31);
    expect((await visit(cookie)).userId).toBeNull();
  });
});
