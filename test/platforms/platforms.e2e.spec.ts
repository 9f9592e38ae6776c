import { Controller, Get, Post, HttpCode, Req, type INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { NoActiveSessionError, Session, SessionHandle } from '../../lib/index.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, MODES, PLATFORMS, TEST_SECRET, type Platform } from '../fixtures/create-app.js';
import '../fixtures/session-data.js';

@Controller()
class PlatformController {
  @Post('login')
  @HttpCode(200)
  login(@Session() session: SessionHandle) {
    session.set('userId', 'ann');
    return {};
  }

  /** What the platform's own request object shows: Express's, or Fastify's wrapper. */
  @Get('raw')
  raw(@Req() req: { session?: { userId?: string }; sessionStore?: unknown }) {
    return { userId: req.session?.userId ?? null, hasStore: req.sessionStore !== undefined };
  }

  @Get('open')
  open(@Session() session: SessionHandle) {
    return session.toJSON();
  }
}

/** Collects what the app logs as errors. */
function errorsOf(app: INestApplication): unknown[] {
  const errors: unknown[] = [];
  app.useLogger({ log() {}, warn() {}, error: (error: unknown) => errors.push(error) });
  return errors;
}

const PLATFORM_NAMES: Record<Platform, string> = { express: 'Express', fastify: 'Fastify' };

describe.each(PLATFORMS)('on %s', (platform) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it.each(MODES)(
    'gives routes the underlying session as req.session in %s mode',
    async (_l, mode, options) => {
      app = await createApp(options, [PlatformController], { platform });
      const login = await request(app.getHttpServer()).post('/login').expect(200);
      const raw = await request(app.getHttpServer()).get('/raw').set('Cookie', cookieHeader(login));
      expect(raw.body).toEqual({ userId: 'ann', hasStore: mode === 'store' });
    },
  );

  it('says, for a route `routes` leaves out, which platform and route and why', async () => {
    app = await createApp(
      { secret: TEST_SECRET, routes: { exclude: ['open'] } },
      [PlatformController],
      {
        platform,
      },
    );
    const errors = errorsOf(app);
    await request(app.getHttpServer()).get('/open').expect(500);
    const error = errors.find((logged) => logged instanceof NoActiveSessionError) as Error;
    expect(error.message).toBe(
      `No session is active in ${PLATFORM_NAMES[platform]} route GET /open: SessionModule's ` +
        '`routes` option leaves this route out (include: [], exclude: ["open"]); add it there, ' +
        'or leave the session alone on this route.',
    );
  });

  it('says so when the application has no SessionModule', async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [PlatformController],
    }).compile();
    app =
      platform === 'fastify'
        ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
        : moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const errors = errorsOf(app);
    await request(app.getHttpServer()).get('/open').expect(500);
    const error = errors.find((logged) => logged instanceof NoActiveSessionError) as Error;
    expect(error.message).toMatch(
      new RegExp(
        `^No session is active in ${PLATFORM_NAMES[platform]} route GET /open: SessionModule is not part of this application`,
      ),
    );
  });
});
