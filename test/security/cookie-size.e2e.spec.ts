import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SessionTooLargeError, type SessionModuleOptions } from '../../lib/index.js';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieValue } from '../fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS } from '../fixtures/create-app.js';

const LIMIT = 1024;

const COOKIE_MODES = MODES_ON_PLATFORMS.filter(([, mode]) => mode === 'cookie');

describe.each(COOKIE_MODES)('cookie size in %s', (_label, _mode, options, platform) => {
  let app: INestApplication;
  const errors: unknown[][] = [];

  beforeEach(async () => {
    app = await createApp(
      { ...options, maxCookieBytes: LIMIT } as SessionModuleOptions,
      [ApiController],
      {
        providers: [CartService],
        platform,
      },
    );
    app.useLogger({ log() {}, warn() {}, error: (...args: unknown[]) => errors.push(args) });
    errors.length = 0;
  });
  afterEach(() => app.close());

  /** The largest note that fits, found by writing ever larger ones. */
  async function largestFittingNote(): Promise<number> {
    let low = 0;
    let high = LIMIT;
    while (low < high) {
      const size = Math.ceil((low + high) / 2);
      const response = await request(app.getHttpServer())
        .post('/api/set-note')
        .send({ note: 'x'.repeat(size) });
      if (response.status === 200) low = size;
      else high = size - 1;
    }
    return low;
  }

  it('sends a session right at the limit, and fails loudly one byte over it', async () => {
    const fits = await largestFittingNote();
    expect(fits).toBeGreaterThan(LIMIT / 2);

    const atLimit = await request(app.getHttpServer())
      .post('/api/set-note')
      .send({ note: 'x'.repeat(fits) });
    const value = cookieValue(atLimit, 'sid')!;
    expect('sid='.length + value.length).toBeLessThanOrEqual(LIMIT);

    errors.length = 0;
    const over = await request(app.getHttpServer())
      .post('/api/set-note')
      .send({ note: 'x'.repeat(fits + 1) });
    expect(over.status).toBe(500);
    expect(over.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringMatching(/^sid=./));
    const logged = errors.flat().join(' ');
    expect(logged).toMatch(/over the limit of 1024 \(maxCookieBytes\)/);
    expect(logged).not.toContain('xxxxxxxx');
  });

  it('logs a SessionTooLargeError that names the size and the limit', async () => {
    await request(app.getHttpServer())
      .post('/api/set-note')
      .send({ note: 'x'.repeat(LIMIT) })
      .expect(500);
    const logged = errors.flat().map(String).join('\n');
    expect(logged).toContain(SessionTooLargeError.name);
    expect(logged).toMatch(/The session cookie would be \d{4} bytes, over the limit of 1024/);
  });
});
