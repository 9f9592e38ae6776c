import { Body, Controller, Get, HttpCode, Post, Req, type INestApplication } from '@nestjs/common';
import cookieSession from 'cookie-session';
import express from 'express';
import request from 'supertest';
import { SessionController } from './fixtures/session.controller.js';
import { createApp, TEST_SECRET } from './fixtures/create-app.js';
import { cookieHeader, setCookies } from './fixtures/cookies.js';

const SIGNED = { mode: 'cookie', encrypt: false, secret: TEST_SECRET, name: 'sid' } as const;
const COOKIE_SESSION = { name: 'sid' };

/**
 * A plain Express app on raw cookie-session that writes `note` (with the module's bookkeeping,
 * without which the module starts a new session) and reads it.
 */
function cookieSessionApp(keys = [TEST_SECRET]) {
  const app = express();
  app.use(cookieSession({ ...COOKIE_SESSION, keys }));
  app.get('/write', (req, res) => {
    Object.assign(req.session!, {
      note: 'from cookie-session',
      __session: { id: 'a-session-id', iat: Date.now(), seen: Date.now() },
    });
    res.json({});
  });
  app.get('/read', (req, res) => res.json({ note: (req.session as { note?: string }).note }));
  return app;
}

const DAY = 24 * 60 * 60 * 1000;

/** "Remember me" the way cookie-session's users write it: `req.sessionOptions.maxAge`. */
@Controller()
class RememberController {
  @Post('remember')
  @HttpCode(200)
  remember(
    @Req() req: { session: Record<string, unknown>; sessionOptions: { maxAge?: number } },
    @Body('days') days: number,
  ) {
    req.sessionOptions.maxAge = days * DAY;
    req.session.userId = 'ann';
    return { maxAge: req.sessionOptions.maxAge };
  }
}

/** When the cookie `name` that `response` sets expires, in ms from now. */
function expiresIn(response: request.Response, name: string): number {
  const cookie = setCookies(response).find((header) => header.startsWith(`${name}=`))!;
  return new Date(/expires=([^;]+)/i.exec(cookie)![1]).getTime() - Date.now();
}

describe('signed cookies (encrypt: false) keep cookie-session’s format', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApp(SIGNED, [SessionController, RememberController]);
  });
  afterAll(() => app.close());

  it('loads a session cookie-session wrote with the same secret', async () => {
    const written = await request(cookieSessionApp()).get('/write').expect(200);
    const read = await request(app.getHttpServer())
      .get('/session')
      .set('Cookie', cookieHeader(written))
      .expect(200);
    expect(read.body).toMatchObject({ isNew: false, data: { note: 'from cookie-session' } });
  });

  it('writes cookies that cookie-session loads', async () => {
    const written = await request(app.getHttpServer())
      .post('/session')
      .send({ note: 'from the module' })
      .expect(200);
    const read = await request(cookieSessionApp())
      .get('/read')
      .set('Cookie', cookieHeader(written))
      .expect(200);
    expect(read.body).toEqual({ note: 'from the module' });
  });

  it("are written by cookie-session's middleware: req.sessionOptions sets this cookie's lifetime", async () => {
    const remembered = await request(app.getHttpServer())
      .post('/remember')
      .send({ days: 30 })
      .expect(200, { maxAge: 30 * DAY });
    for (const name of ['sid', 'sid.sig']) {
      expect(expiresIn(remembered, name)).toBeGreaterThan(29 * DAY);
      expect(expiresIn(remembered, name)).toBeLessThanOrEqual(30 * DAY);
    }
    const plain = await request(app.getHttpServer()).post('/session').send({ note: 'n' });
    expect(expiresIn(plain, 'sid')).toBeLessThanOrEqual(DAY);
  });

  it('rejects a cookie-session cookie signed with another secret', async () => {
    const other = cookieSessionApp(['another-secret-that-is-long-enough-too']);
    const written = await request(other).get('/write').expect(200);
    const read = await request(app.getHttpServer())
      .get('/session')
      .set('Cookie', cookieHeader(written))
      .expect(200);
    expect(read.body).toMatchObject({ isNew: true, data: {} });
  });
});

@Controller()
class RawSessionController {
  /** What `req.session` is on a route the middleware does not run for. */
  @Get('outside')
  outside(@Req() req: { session?: unknown }) {
    const before = req.session ?? null;
    req.session = { assigned: true };
    return { before, after: req.session, own: Object.hasOwn(req, 'session') };
  }
}

describe.each([
  ['encrypted', { mode: 'cookie', secret: TEST_SECRET }],
  ['signed', SIGNED],
] as const)('%s cookie mode, on a route left out by `routes`', (_label, options) => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApp({ ...options, routes: { exclude: ['outside'] } }, [
      SessionController,
      RawSessionController,
    ]);
  });
  afterAll(() => app.close());

  it('leaves `req.session` a plain property, even after a session request', async () => {
    const session = await request(app.getHttpServer())
      .post('/session')
      .send({ note: 'kept' })
      .expect(200);
    const outside = await request(app.getHttpServer())
      .get('/outside')
      .set('Cookie', cookieHeader(session))
      .expect(200);
    expect(outside.body).toEqual({ before: null, after: { assigned: true }, own: true });
    expect(setCookies(outside)).toEqual([]);
  });
});
