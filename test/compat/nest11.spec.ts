import { fileURLToPath } from 'node:url';
import request, { type Response } from 'supertest';
import { setCookies } from '../fixtures/cookies.js';
import { INSTALL_TIMEOUT, installPacked, type PackedInstall } from '../package/packed-install.js';
import { startApp, type RunningApp } from './start-app.js';

/** A NestJS 11 CommonJS app in plain JavaScript: see test/compat/nest11/. */
const NEST11_APP = fileURLToPath(new URL('./nest11', import.meta.url));

/** The `Cookie` header that sends back every cookie `response` set. */
function cookieHeader(response: Response): string {
  return setCookies(response)
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

describe('a NestJS 11 CommonJS app that requires the packed library', () => {
  let installed: PackedInstall;

  beforeAll(async () => {
    installed = await installPacked({ app: NEST11_APP });
  }, INSTALL_TIMEOUT);
  afterAll(() => installed?.remove());

  describe.each(['store', 'cookie'])('in %s mode', (mode) => {
    let app: RunningApp;

    beforeAll(async () => {
      app = await startApp(installed.dir, [mode]);
    });
    afterAll(() => app?.stop());

    /** Writes `data` through `@Session()` and returns the response and the cookie to send back. */
    async function write(data: Record<string, string>) {
      const response = await request(app.url).post('/session').send(data).expect(200);
      return { id: (response.body as { id: string }).id, cookie: cookieHeader(response) };
    }

    it('runs on @nestjs/core 11', () => {
      expect(app.nestVersion).toMatch(/^11\./);
    });

    it('lets a second request with the cookie read what the first wrote', async () => {
      const { id, cookie } = await write({ note: 'from nest 11' });
      expect(cookie).toMatch(/^sid=/);

      const read = await request(app.url).get('/session').set('Cookie', cookie).expect(200);
      expect(read.body).toEqual({ id, isNew: false, mode, data: { note: 'from nest 11' } });
    });

    it('reads the same session through the injected SessionService', async () => {
      const { id, cookie } = await write({ note: 'via the service' });

      const read = await request(app.url).get('/service').set('Cookie', cookie).expect(200);
      expect(read.body).toEqual({ id, data: { note: 'via the service' } });
    });

    it('guards a route with @RequireSession: 401 without the key, 200 with it', async () => {
      await request(app.url).get('/account').expect(401);
      const { cookie } = await write({ userId: 'ada' });

      const account = await request(app.url).get('/account').set('Cookie', cookie).expect(200);
      expect(account.body).toEqual({ userId: 'ada' });
    });

    it('serves a session without logging any warning or error', async () => {
      await write({ note: 'quiet' });
      expect(app.output()).toBe('');
    });
  });
});
