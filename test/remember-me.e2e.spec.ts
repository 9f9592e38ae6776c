import { jest } from '@jest/globals';
import { Body, Controller, Get, HttpCode, Post, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { freezeClock } from './fixtures/frozen-clock.js';
import { Session, SessionHandle, type SessionModuleOptions } from '../lib/index.js';
import { cookieHeader, setCookies } from './fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS, TEST_SECRET } from './fixtures/create-app.js';
import './fixtures/session-data.js';
import { removeRunKeys, withRedis } from './stores/backends.js';
import { REDIS_URL, RUN_ID, requireStoreServices } from './stores/services.js';

await requireStoreServices();

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2030, 0, 1);

@Controller()
class RememberController {
  @Post('login')
  @HttpCode(200)
  async login(@Session() session: SessionHandle, @Body() body: { remember?: string }) {
    await session.regenerate();
    session.set('userId', 'alice');
    if (body.remember) {
      session.setMaxAge(body.remember);
    }
    return {};
  }

  @Post('note')
  @HttpCode(200)
  note(@Session() session: SessionHandle) {
    session.set('note', 'written later');
    return {};
  }

  @Get('me')
  me(@Session('userId') userId: string | undefined) {
    return { userId: userId ?? null };
  }
}

/** In how many days the session cookie that `response` sets expires. */
function cookieLifetimeInDays(response: request.Response): number {
  const cookie = setCookies(response).find((header) => header.startsWith('sid='))!;
  const expires = new Date(/expires=([^;]+)/i.exec(cookie)![1]).getTime();
  return (expires - Date.now()) / DAY;
}

describe.each(MODES_ON_PLATFORMS)('setMaxAge() in %s', (_label, _mode, base, platform) => {
  let app: INestApplication;
  const start = async (extra: Partial<SessionModuleOptions> = {}) => {
    app = await createApp({ ...base, ...extra } as SessionModuleOptions, [RememberController], {
      platform,
    });
  };
  const logIn = (remember?: string) =>
    request(app.getHttpServer()).post('/login').send({ remember }).expect(200);
  const userAt = async (days: number, cookie: string) => {
    jest.setSystemTime(START + days * DAY);
    const response = await request(app.getHttpServer()).get('/me').set('Cookie', cookie);
    return response.body.userId as string | null;
  };

  beforeEach(() => freezeClock(START));
  afterEach(async () => {
    await app.close();
    jest.useRealTimers();
  });

  it("gives the cookie this session's lifetime", async () => {
    await start();
    expect(cookieLifetimeInDays(await logIn())).toBeCloseTo(1, 3);
    expect(cookieLifetimeInDays(await logIn('30d'))).toBeCloseTo(30, 3);
  });

  it('keeps the lifetime on later writes', async () => {
    await start();
    const cookie = cookieHeader(await logIn('30d'));
    jest.setSystemTime(START + 5 * DAY);
    const later = await request(app.getHttpServer())
      .post('/note')
      .set('Cookie', cookie)
      .expect(200);
    expect(cookieLifetimeInDays(later)).toBeCloseTo(30, 3);
  });

  it('keeps a remembered session past maxAge, and ends it after its own lifetime', async () => {
    await start();
    const plain = cookieHeader(await logIn());
    const remembered = cookieHeader(await logIn('30d'));
    expect(await userAt(2, plain)).toBeNull();
    expect(await userAt(2, remembered)).toBe('alice');
    expect(await userAt(31, remembered)).toBeNull();
  });

  it('is capped by absoluteTimeout', async () => {
    await start({ absoluteTimeout: '7d' });
    const login = await logIn('30d');
    expect(cookieLifetimeInDays(login)).toBeCloseTo(7, 3);
    expect(await userAt(6, cookieHeader(login))).toBe('alice');
    expect(await userAt(8, cookieHeader(login))).toBeNull();
  });

  it('refuses a lifetime that is not a duration', async () => {
    await start();
    await request(app.getHttpServer()).post('/login').send({ remember: 'forever' }).expect(500);
  });
});

describe('setMaxAge() in store mode on Redis', () => {
  const prefix = `test:${RUN_ID}:remember:`;
  afterAll(removeRunKeys);

  it("gives the stored record the session's lifetime", async () => {
    const app = await createApp(
      { secret: TEST_SECRET, store: { driver: 'redis', url: REDIS_URL, prefix } },
      [RememberController],
    );
    try {
      await request(app.getHttpServer()).post('/login').send({ remember: '30d' }).expect(200);
      const ttls = await withRedis(async (client) =>
        Promise.all((await client.keys(`${prefix}*`)).map((key) => client.pTTL(key))),
      );
      expect(ttls).toHaveLength(1);
      expect(ttls[0] / DAY).toBeCloseTo(30, 2);
    } finally {
      await app.close();
    }
  });
});
