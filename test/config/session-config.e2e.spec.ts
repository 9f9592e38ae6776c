import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { SessionConfigError, SessionModule, sessionConfig } from '../../lib/index.js';
import { cookieValue } from '../fixtures/cookies.js';
import { SessionController } from '../fixtures/session.controller.js';
import { setSessionEnv } from './env.js';
import { captureLogs } from './log-capture.js';

const SECRET = 'an-e2e-secret-that-is-long-enough-for-production';

/** A real app whose sessions are configured by `session` (by default: from the environment). */
async function createAppFromEnv(
  session = SessionModule.forRootAsync(sessionConfig.asProvider()),
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot({ ignoreEnvFile: true }), session],
    controllers: [SessionController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

describe.each([
  ['store', { SESSION_MODE: 'store', SESSION_STORE: 'memory' }],
  ['cookie', { SESSION_MODE: 'cookie' }],
])('an app configured by SESSION_* variables in %s mode', (mode, vars) => {
  let app: INestApplication | undefined;
  let restoreEnv: () => void;

  beforeEach(async () => {
    restoreEnv = setSessionEnv({
      ...vars,
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      SESSION_NAME: 'app.sid',
      SESSION_MAX_AGE: '2h',
      SESSION_COOKIE_SAMESITE: 'strict',
      SESSION_COOKIE_PATH: '/',
    });
    app = await createAppFromEnv();
  });
  afterEach(async () => {
    restoreEnv();
    await app?.close();
    app = undefined;
  });

  it('keeps a session across requests with the cookie the variables describe', async () => {
    const server = app!.getHttpServer();
    const write = await request(server).post('/session').send({ note: 'from-env' });
    const setCookie = (write.headers['set-cookie'] as unknown as string[])[0];
    expect(setCookie).toMatch(/^app\.sid=/);
    expect(setCookie).toMatch(/; samesite=strict/i);
    const expires = Date.parse(/; expires=([^;]+)/i.exec(setCookie)![1]);
    expect(Math.abs(expires - (Date.now() + 2 * 60 * 60 * 1000))).toBeLessThan(60_000);
    expect(cookieValue(write, 'sid')).toBeUndefined();

    const read = await request(server)
      .get('/session')
      .set('Cookie', `app.sid=${encodeURIComponent(cookieValue(write, 'app.sid')!)}`);
    expect(read.body).toMatchObject({ mode, isNew: false, data: { note: 'from-env' } });
  });
});

describe('an app configured by SESSION_* variables', () => {
  let restoreEnv: () => void;
  let logs: ReturnType<typeof captureLogs>;
  let app: INestApplication | undefined;

  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(async () => {
    restoreEnv();
    logs.restore();
    await app?.close();
    app = undefined;
  });

  it('lets the user override fields in their own factory', async () => {
    restoreEnv = setSessionEnv({ SESSION_SECRET: SECRET, SESSION_NAME: 'from-env' });
    app = await createAppFromEnv(
      SessionModule.forRootAsync({
        imports: [ConfigModule.forFeature(sessionConfig)],
        inject: [sessionConfig.KEY],
        useFactory: (config: ConfigType<typeof sessionConfig>) => ({
          ...config,
          name: 'from-code',
        }),
      }),
    );

    const write = await request(app.getHttpServer()).post('/session').send({ note: 'x' });
    expect(cookieValue(write, 'from-code')).toBeDefined();
    expect(cookieValue(write, 'from-env')).toBeUndefined();
  });

  it('starts without SESSION_SECRET outside production, warning through the Nest Logger', async () => {
    restoreEnv = setSessionEnv({ NODE_ENV: 'development' });
    app = await createAppFromEnv();

    const write = await request(app.getHttpServer()).post('/session').send({ note: 'dev' });
    const read = await request(app.getHttpServer())
      .get('/session')
      .set('Cookie', write.headers['set-cookie']);
    expect(read.body).toMatchObject({ isNew: false, data: { note: 'dev' } });
    expect(logs.lines).toContainEqual({
      level: 'warn',
      text: expect.stringContaining('SESSION_SECRET: not set'),
    });
  });

  it('does not start with bad variables, and names them all in one error', async () => {
    const secret = 'a-short-secret';
    restoreEnv = setSessionEnv({
      NODE_ENV: 'production',
      SESSION_SECRET: secret,
      SESSION_MODE: 'cookies',
      SESSION_MAX_AGE: 'tomorrow',
      SESSION_COOKIE_SAMESITE: 'none',
      SESSION_COOKIE_SECURE: 'false',
    });

    const error: unknown = await createAppFromEnv().catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(SessionConfigError);
    expect((error as SessionConfigError).problems).toEqual([
      expect.stringMatching(/^SESSION_MODE: "cookies" is not a session mode/),
      expect.stringMatching(/^SESSION_SECRET: secrets shorter than 32 characters/),
      expect.stringMatching(/^SESSION_MAX_AGE: "tomorrow" is not a duration/),
      expect.stringMatching(/^SESSION_COOKIE_SAMESITE: 'none' needs a Secure cookie/),
    ]);
    expect((error as Error).message).not.toContain(secret);
    for (const line of logs.lines) {
      expect(line.text).not.toContain(secret);
    }
  });
});
