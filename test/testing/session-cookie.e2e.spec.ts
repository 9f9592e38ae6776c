/**
 * sessionCookie as a user's own e2e test would use it: only the public entry points
 * (`nestjs-session-kit`, `nestjs-session-kit/testing`), a real app over a real socket.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  MemorySessionStore,
  SessionModule,
  SessionTooLargeError,
  type SessionData,
  type SessionModuleOptions,
} from 'nestjs-session-kit';
import { sessionCookie } from 'nestjs-session-kit/testing';
import request from 'supertest';
import { AccountController } from './account.controller.js';

const secret = 'a-test-secret-that-is-long-enough-for-production';

const MODES: [string, () => SessionModuleOptions][] = [
  ['store', () => ({ mode: 'store', secret, store: new MemorySessionStore() })],
  ['cookie', () => ({ mode: 'cookie', secret })],
  ['signed cookie', () => ({ mode: 'cookie', encrypt: false, secret })],
];

/** Each mode on Express and on Fastify. */
const CASES = MODES.flatMap(([label, options]) =>
  (['express', 'fastify'] as const).map(
    (platform) => [`${label} on ${platform}`, options, platform] as const,
  ),
);

async function startApp(
  options: SessionModuleOptions,
  platform: 'express' | 'fastify' = 'express',
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [SessionModule.forRoot(options)],
    controllers: [AccountController],
  }).compile();
  const app =
    platform === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
      : moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

describe.each(CASES)('sessionCookie in %s', (_label, options, platform) => {
  let app: INestApplication;
  const get = (path: string, cookie?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return cookie === undefined ? call : call.set('Cookie', cookie);
  };

  beforeAll(async () => {
    app = await startApp(options(), platform);
  });
  afterAll(() => app.close());

  it('opens a guarded route that answers 401 without it', async () => {
    await get('/account').expect(401);
    const cookie = await sessionCookie(app, { userId: 'alice' });

    const { body } = await get('/account', cookie).expect(200);
    expect(body).toMatchObject({ isNew: false, data: { userId: 'alice' } });
  });

  it('gives every key to the route, so a check-based guard sees it', async () => {
    await get('/account/admin', await sessionCookie(app, { userId: 'bob' })).expect(403);
    await get(
      '/account/admin',
      await sessionCookie(app, { userId: 'bob', roles: ['admin'] }),
    ).expect(200, 'admin');
  });

  it('starts a separate session on every call', async () => {
    const first = await get('/account', await sessionCookie(app, { userId: 'alice' }));
    const second = await get('/account', await sessionCookie(app, { userId: 'alice' }));
    expect(first.body.id).not.toBe(second.body.id);
  });

  it('gives a session that stays valid on the next requests and ends on logout', async () => {
    const cookie = await sessionCookie(app, { userId: 'alice' });
    const { body } = await get('/account', cookie).expect(200);
    await get('/account', cookie).expect(200, body);

    const logout = await request(app.getHttpServer())
      .post('/account/logout')
      .set('Cookie', cookie)
      .expect(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/expires=Thu, 01 Jan 1970/i);
  });

  it('ignores keys the module reserves, so bogus bookkeeping cannot spoil the session', async () => {
    const bogus = { userId: 'alice', cookie: 'x', __session: 'forged', __flash: 42 };
    const cookie = await sessionCookie(app, bogus as Partial<SessionData>);

    const { body } = await get('/account', cookie).expect(200);
    expect(body.data).toEqual({ userId: 'alice' });
  });

  it('keeps a value of an unexpected type as it is, as a real session would', async () => {
    const cookie = await sessionCookie(app, { userId: 42 } as unknown as Partial<SessionData>);

    const { body } = await get('/account', cookie).expect(200);
    expect(body.data).toEqual({ userId: 42 });
  });

  it('gives an empty but valid session for empty data: the guard still says 401', async () => {
    await get('/account', await sessionCookie(app, {})).expect(401);
  });
});

describe('sessionCookie specifics', () => {
  it('writes store-mode sessions through the app’s own store, and logout removes them', async () => {
    const store = new MemorySessionStore();
    const app = await startApp({ mode: 'store', secret, store });
    try {
      const cookie = await sessionCookie(app, { userId: 'alice' });
      expect(store.size).toBe(1);

      await request(app.getHttpServer()).post('/account/logout').set('Cookie', cookie).expect(204);
      expect(store.size).toBe(0);
      // Store mode is stateful: the old cookie no longer opens anything.
      await request(app.getHttpServer()).get('/account').set('Cookie', cookie).expect(401);
    } finally {
      await app.close();
    }
  });

  it('fails like the app does when a cookie-mode session would not fit in the cookie', async () => {
    const app = await startApp({ mode: 'cookie', secret, maxCookieBytes: 256 });
    try {
      await expect(sessionCookie(app, { userId: 'x'.repeat(300) })).rejects.toThrow(
        SessionTooLargeError,
      );
    } finally {
      await app.close();
    }
  });

  it('uses the app’s cookie name and secret: another app does not accept the cookie', async () => {
    const issuer = await startApp({ mode: 'cookie', secret, name: 'app' });
    const other = await startApp({ mode: 'cookie', secret: `${secret}-other`, name: 'app' });
    try {
      const cookie = await sessionCookie(issuer, { userId: 'alice' });
      expect(cookie).toMatch(/^app=/);
      await request(issuer.getHttpServer()).get('/account').set('Cookie', cookie).expect(200);
      await request(other.getHttpServer()).get('/account').set('Cookie', cookie).expect(401);
    } finally {
      await Promise.all([issuer.close(), other.close()]);
    }
  });
});
