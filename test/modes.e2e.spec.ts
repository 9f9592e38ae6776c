import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SessionDriver } from '../lib/core/session-driver.js';
import { type StoreSessionDriver } from '../lib/store-mode/store.driver.js';
import { EncryptedCookieCodec } from '../lib/cookie-mode/encrypted-cookie.codec.js';
import { createApp, MODES, MODES_ON_PLATFORMS, TEST_SECRET } from './fixtures/create-app.js';
import { cookieValue } from './fixtures/cookies.js';
import { SessionController } from './fixtures/session.controller.js';

describe.each(MODES_ON_PLATFORMS)('%s', (_label, mode, options, platform) => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await createApp(options, [SessionController], { platform });
  });
  afterEach(() => app.close());

  it('lets a second request with the cookie see the data the first wrote', async () => {
    const write = await request(app.getHttpServer()).post('/session').send({ note: 'hello' });
    const cookie = write.headers['set-cookie'];
    expect(cookie).toBeDefined();

    const read = await request(app.getHttpServer()).get('/session').set('Cookie', cookie);
    expect(read.body).toMatchObject({ mode, isNew: false, data: { note: 'hello' } });
    expect(read.body.id).toBe(write.body.id);
  });

  it('sends no cookie for a request that did not touch the session', async () => {
    const response = await request(app.getHttpServer()).get('/untouched');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('marks the session cookie HttpOnly and SameSite=Lax', async () => {
    const write = await request(app.getHttpServer()).post('/session').send({ note: 'x' });
    const sid = (write.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('sid='),
    );
    expect(sid).toMatch(/; httponly/i);
    expect(sid).toMatch(/; samesite=lax/i);
  });

  it('chooses its driver by mode alone', () => {
    expect(app.get(SessionDriver).mode).toBe(mode);
  });
});

describe('store mode keeps only a signed ID in the cookie', () => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await createApp(MODES[0][2], [SessionController]);
  });
  afterEach(() => app.close());

  it('puts the data in the store and nothing but the signed ID in the cookie', async () => {
    const write = await request(app.getHttpServer())
      .post('/session')
      .send({ note: 'kept-on-the-server' });
    const cookie = cookieValue(write, 'sid')!;

    expect(cookie).toMatch(/^s:[\w-]+\.[\w+/]+$/);
    expect(cookie).not.toContain('kept-on-the-server');
    expect(Buffer.from(cookie, 'base64').toString()).not.toContain('kept-on-the-server');

    const store = (app.get(SessionDriver) as StoreSessionDriver).store;
    const stored = await new Promise<Record<string, unknown>>((resolve, reject) =>
      store.all!((error, sessions) => (error ? reject(error) : resolve(sessions as never))),
    );
    expect(Object.values(stored)).toEqual([
      expect.objectContaining({ note: 'kept-on-the-server' }),
    ]);
  });
});

describe.each([MODES[1], MODES[2]])(
  '%s mode keeps the whole session in the cookie',
  (label, _mode, options) => {
    let app: INestApplication;

    beforeEach(async () => {
      app = await createApp(options, [SessionController]);
    });
    afterEach(() => app.close());

    it('carries the data in the cookie and creates no store', async () => {
      const write = await request(app.getHttpServer())
        .post('/session')
        .send({ note: 'in-the-cookie' });
      const cookie = cookieValue(write, 'sid')!;

      const payload =
        label === 'cookie'
          ? new EncryptedCookieCodec([TEST_SECRET]).open('sid', cookie)!.plaintext
          : Buffer.from(cookie, 'base64').toString();
      expect(JSON.parse(payload)).toMatchObject({ note: 'in-the-cookie' });
      expect(app.get(SessionDriver)).not.toHaveProperty('store');
    });
  },
);
