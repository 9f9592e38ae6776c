import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SessionModuleOptions } from '../../lib/index.js';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieHeader, setCookies } from '../fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS } from '../fixtures/create-app.js';

describe.each(MODES_ON_PLATFORMS)('cookie attributes in %s', (_label, _mode, base, platform) => {
  let app: INestApplication | undefined;
  const start = async (extra: Partial<SessionModuleOptions> = {}) => {
    app = await createApp({ ...base, ...extra } as SessionModuleOptions, [ApiController], {
      providers: [CartService],
      platform,
    });
    return app.getHttpServer();
  };
  const sessionCookie = (response: request.Response) =>
    setCookies(response).find((cookie) => cookie.startsWith('sid='))!;

  afterEach(() => app?.close());

  it('defaults to HttpOnly, SameSite=Lax, Path=/ and not Secure over plain HTTP', async () => {
    const server = await start();
    const cookie = sessionCookie(await request(server).post('/api/patch').send({ note: 'n' }));
    expect(cookie).toMatch(/; httponly/i);
    expect(cookie).toMatch(/; samesite=lax/i);
    expect(cookie).toMatch(/; path=\//i);
    expect(cookie).not.toMatch(/; secure/i);
  });

  it('trusts X-Forwarded-Proto for secure: "auto" only when proxy is on', async () => {
    const ignoring = await start();
    const ignored = await request(ignoring)
      .post('/api/patch')
      .set('X-Forwarded-Proto', 'https')
      .send({ note: 'n' });
    expect(sessionCookie(ignored)).not.toMatch(/; secure/i);
    await app!.close();

    const trusting = await start({ proxy: true });
    const trusted = await request(trusting)
      .post('/api/patch')
      .set('X-Forwarded-Proto', 'https')
      .send({ note: 'n' });
    expect(sessionCookie(trusted)).toMatch(/; secure/i);
    const plain = await request(trusting)
      .post('/api/patch')
      .set('X-Forwarded-Proto', 'http')
      .send({ note: 'n' });
    expect(sessionCookie(plain)).not.toMatch(/; secure/i);
  });

  it('clears the cookie with the Domain and Path it was set with', async () => {
    const server = await start({ cookie: { domain: 'example.test', path: '/api' } });
    const login = await request(server)
      .post('/api/patch')
      .set('Host', 'app.example.test')
      .send({ userId: 'u' });
    expect(sessionCookie(login)).toMatch(/; domain=example\.test/i);

    const logout = await request(server).post('/api/logout').set('Cookie', cookieHeader(login));
    const cleared = sessionCookie(logout);
    expect(cleared).toMatch(/^sid=;/);
    expect(cleared).toMatch(/; domain=example\.test/i);
    expect(cleared).toMatch(/; path=\/api/i);
    expect(cleared).toMatch(/expires=Thu, 01 Jan 1970/i);
  });

  it('sets no cookie when a request reads an empty session without changing it', async () => {
    const server = await start();
    const response = await request(server).get('/api/state').expect(200);
    expect(response.body.data).toEqual({});
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('sets no cookie when a request only reads an existing session', async () => {
    const server = await start();
    const login = await request(server).post('/api/patch').send({ userId: 'u' });
    const read = await request(server)
      .get('/api/user')
      .set('Cookie', cookieHeader(login))
      .expect(200);
    expect(read.body).toEqual({ userId: 'u' });
    expect(read.headers['set-cookie']).toBeUndefined();
  });
});
