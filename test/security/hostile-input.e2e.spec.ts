import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS } from '../fixtures/create-app.js';

const RUNS = 10_000;

describe.each(MODES_ON_PLATFORMS)('hostile cookies in %s', (_label, _mode, options, platform) => {
  let app: INestApplication;
  let loggedIn: string;

  beforeAll(async () => {
    app = await createApp(options, [ApiController], { providers: [CartService], platform });
    loggedIn = cookieHeader(
      await request(app.getHttpServer()).post('/api/patch').send({ userId: 'alice' }),
    );
  });
  afterAll(() => app.close());

  const userWith = (cookie: string) =>
    request(app.getHttpServer()).get('/api/user').set('Cookie', cookie);

  it(`answers ${RUNS} generated Cookie headers without a 5xx`, async () => {
    const session = loggedIn.split('; ');
    const mutated = fc
      .tuple(fc.constantFrom(...session), fc.nat(), fc.string({ maxLength: 8 }))
      .map(([pair, at, insert]) => {
        const index = at % pair.length;
        return pair.slice(0, index) + insert + pair.slice(index + 1);
      });
    const header = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.stringMatching(/^sid=[\w+/=%.:-]{0,300}$/),
      fc
        .array(fc.oneof(mutated, fc.constantFrom(...session)), { minLength: 1, maxLength: 4 })
        .map((pairs) => pairs.join('; ')),
      fc.string({ unit: 'binary', maxLength: 100 }).map((value) => `sid=${value}`),
      fc.nat({ max: 20_000 }).map((length) => `sid=${'A'.repeat(length)}`),
    );
    // Characters Node's HTTP client refuses to send are not a server's concern.
    const sendable = header.filter((value) =>
      [...value].every(
        (char) => char === '\t' || (char >= ' ' && char <= '\xff' && char !== '\x7f'),
      ),
    );

    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(sendable, async (cookie) => {
        const response = await userWith(cookie);
        seen.add(response.status);
        return response.status < 500;
      }),
      { numRuns: RUNS },
    );
    expect([...seen].every((status) => status < 500)).toBe(true);
  }, 120_000);

  it('treats a duplicated session cookie as no session', async () => {
    await userWith(loggedIn).expect(200, { userId: 'alice' });
    await userWith(`${loggedIn}; ${loggedIn}`).expect(200, { userId: null });
  });

  it('rejects a session value moved into another cookie name', async () => {
    const renamed = await createApp({ ...options, name: 'other' }, [ApiController], {
      providers: [CartService],
      platform,
    });
    const moved = loggedIn.replace(/(^|; )sid([.=])/g, '$1other$2');
    await request(renamed.getHttpServer())
      .get('/api/user')
      .set('Cookie', moved)
      .expect(200, { userId: null });
    await renamed.close();
  });
});
