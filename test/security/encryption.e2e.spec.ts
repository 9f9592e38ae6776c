import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieValue } from '../fixtures/cookies.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';

const OLD_SECRET = 'the-previous-secret-that-signed-last-months-cookies';

async function cookieApp(secret: string | string[]): Promise<INestApplication> {
  return createApp({ mode: 'cookie', secret }, [ApiController], { providers: [CartService] });
}

async function logIn(app: INestApplication): Promise<string> {
  const response = await request(app.getHttpServer())
    .post('/api/patch')
    .send({ userId: 'alice-in-plaintext', note: 'secret-note' })
    .expect(200);
  return cookieValue(response, 'sid')!;
}

const userWith = (app: INestApplication, value: string) =>
  request(app.getHttpServer()).get('/api/user').set('Cookie', `sid=${value}`);

describe('encrypted cookie mode', () => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await cookieApp(TEST_SECRET);
  });
  afterEach(() => app.close());

  it('sends one cookie whose plaintext no decoding recovers', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/patch')
      .send({ userId: 'alice-in-plaintext' });
    const value = cookieValue(response, 'sid')!;

    expect(response.headers['set-cookie']).toHaveLength(1);
    for (const encoding of ['base64', 'base64url', 'utf8', 'latin1'] as const) {
      expect(Buffer.from(value, encoding).toString('utf8')).not.toContain('alice');
      expect(Buffer.from(value, encoding).toString('latin1')).not.toContain('alice');
    }
    expect(() => JSON.parse(Buffer.from(value, 'base64').toString())).toThrow();
  });

  it('gives an empty session when any byte of the cookie is flipped', async () => {
    const value = await logIn(app);
    await userWith(app, value).expect(200, { userId: 'alice-in-plaintext' });

    const sealed = Buffer.from(value, 'base64url');
    for (let index = 0; index < sealed.length; index++) {
      const flipped = Buffer.from(sealed);
      flipped[index] ^= 0x01;
      const response = await userWith(app, flipped.toString('base64url'));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ userId: null });
    }
  });

  it('rejects truncated, extended and re-encoded values', async () => {
    const value = await logIn(app);
    for (const tampered of [
      value.slice(0, -1),
      value.slice(1),
      `${value}A`,
      value.slice(0, 20),
      '',
    ]) {
      await userWith(app, tampered).expect(200, { userId: null });
    }
  });
});

describe('secret rotation in encrypted cookie mode', () => {
  it('keeps a user logged in when the old secret moves second, and re-seals under the new one', async () => {
    const before = await cookieApp(OLD_SECRET);
    const oldCookie = await logIn(before);
    await before.close();

    const rotated = await cookieApp([TEST_SECRET, OLD_SECRET]);
    const response = await userWith(rotated, oldCookie).expect(200, {
      userId: 'alice-in-plaintext',
    });
    const resealed = cookieValue(response, 'sid');
    expect(resealed).toBeDefined();
    expect(resealed).not.toBe(oldCookie);
    await rotated.close();

    const newSecretOnly = await cookieApp(TEST_SECRET);
    await userWith(newSecretOnly, resealed!).expect(200, { userId: 'alice-in-plaintext' });
    await userWith(newSecretOnly, oldCookie).expect(200, { userId: null });
    await newSecretOnly.close();
  });

  it('does not re-write a cookie already sealed under the first secret', async () => {
    const app = await cookieApp([TEST_SECRET, OLD_SECRET]);
    const current = await logIn(app);
    const response = await userWith(app, current).expect(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    await app.close();
  });
});
