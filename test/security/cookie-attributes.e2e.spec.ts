import { Controller, Get, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  NoActiveSessionError,
  Session,
  SessionConfigError,
  SessionHandle,
  type SessionModuleOptions,
} from '../../lib/index.js';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { setCookies } from '../fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS } from '../fixtures/create-app.js';

@Controller()
class PathsController {
  @Get('app/note')
  inside(@Session() session: SessionHandle) {
    session.set('note', 'inside');
    return session.toJSON();
  }

  @Get('elsewhere/note')
  outside(@Session() session: SessionHandle) {
    session.set('note', 'outside');
    return session.toJSON();
  }
}

const BAD_ATTRIBUTES: [string, Partial<SessionModuleOptions>][] = [
  ['a domain with a port', { cookie: { domain: 'localhost:3000' } }],
  ['a domain with a scheme', { cookie: { domain: 'https://example.com' } }],
  ['a domain with a trailing space', { cookie: { domain: 'example.com ' } }],
  ['a domain with a path', { cookie: { domain: 'example.com/app' } }],
  ['a domain with an empty label', { cookie: { domain: 'example..com' } }],
  ['a path without its leading slash', { cookie: { path: 'app' } }],
  ['a path with a semicolon', { cookie: { path: '/app;x' } }],
  ['a __Host- cookie with a Domain', { name: '__Host-sid', cookie: { domain: 'example.com' } }],
  ['a __Host- cookie under a path', { name: '__Host-sid', cookie: { path: '/app' } }],
  ['a __Host- cookie that is not Secure', { name: '__Host-sid', cookie: { secure: false } }],
  ['a __Secure- cookie that is not Secure', { name: '__Secure-sid', cookie: { secure: false } }],
  ['SameSite=None without Secure', { cookie: { sameSite: 'none', secure: false } }],
];

describe.each(MODES_ON_PLATFORMS)('cookie attributes in %s', (_label, _mode, base, platform) => {
  let app: INestApplication | undefined;
  const start = async (extra: Partial<SessionModuleOptions>) => {
    app = await createApp(
      { ...base, ...extra, cookie: { ...extra.cookie } } as SessionModuleOptions,
      [ApiController, PathsController],
      { providers: [CartService], platform },
    );
    return app.getHttpServer();
  };
  const write = (server: unknown, headers: Record<string, string> = {}) =>
    request(server as never)
      .post('/api/patch')
      .set(headers)
      .send({ note: 'n' })
      .expect(200);
  const sessionCookie = (response: request.Response, name = 'sid') =>
    setCookies(response).find((cookie) => cookie.startsWith(`${name}=`));
  const overHttps = { 'X-Forwarded-Proto': 'https' };

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it.each(BAD_ATTRIBUTES)('refuses %s at start-up', async (_case, extra) => {
    await expect(start(extra)).rejects.toThrow(SessionConfigError);
  });

  it('writes a __Host- cookie Secure, without Domain, with Path=/, and never over plain HTTP', async () => {
    const server = await start({ name: '__Host-sid', proxy: true });
    expect(sessionCookie(await write(server), '__Host-sid')).toBeUndefined();
    const cookie = sessionCookie(await write(server, overHttps), '__Host-sid')!;
    expect(cookie).toMatch(/; secure/i);
    expect(cookie).toMatch(/; path=\/(;|$)/i);
    expect(cookie).not.toMatch(/; domain=/i);
  });

  it('sends no cookie over plain HTTP when secure is true, and a Secure one over HTTPS', async () => {
    const server = await start({ proxy: true, cookie: { secure: true } });
    expect(setCookies(await write(server))).toEqual([]);
    expect(sessionCookie(await write(server, overHttps))).toMatch(/; secure/i);
  });

  it("sends SameSite=None only on a Secure cookie, Lax over plain HTTP with secure: 'auto'", async () => {
    const server = await start({ proxy: true, cookie: { sameSite: 'none' } });
    const plain = sessionCookie(await write(server))!;
    expect(plain).toMatch(/; samesite=lax/i);
    expect(plain).not.toMatch(/; secure/i);
    const secure = sessionCookie(await write(server, overHttps))!;
    expect(secure).toMatch(/; samesite=none/i);
    expect(secure).toMatch(/; secure/i);
  });

  it('answers a route outside cookie.path with a NoActiveSessionError that says why', async () => {
    const server = await start({ cookie: { path: '/app' } });
    const errors: unknown[] = [];
    app!.useLogger({ log() {}, warn() {}, error: (error: unknown) => errors.push(error) });
    await request(server).get('/app/note').expect(200, { note: 'inside' });
    await request(server).get('/elsewhere/note').expect(500);
    expect(errors).toContainEqual(expect.any(NoActiveSessionError));
    const logged = errors.find((error) => error instanceof NoActiveSessionError) as Error;
    expect(logged.message).toMatch(/outside the session cookie's path \("\/app"\)/);
  });
});
