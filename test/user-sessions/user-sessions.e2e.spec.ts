import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SessionInfo, SessionModuleOptions } from '../../lib/index.js';
import { createApp, type Platform } from '../fixtures/create-app.js';
import { requireStoreServices } from '../stores/services.js';
import { Browser } from './browser.js';
import {
  CONFIGURATIONS,
  CONFIGURATIONS_ON_PLATFORMS,
  type UserSessionsConfiguration,
} from './configurations.js';
import { DevicesController } from './devices.controller.js';

await requireStoreServices();

type Listed = Omit<SessionInfo, 'createdAt' | 'lastSeenAt' | 'expiresAt'> & {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
};

let next = 0;

afterAll(async () => {
  for (const subject of new Set(CONFIGURATIONS.map((config) => config.subject))) {
    await subject.cleanup();
  }
});

describe.each(CONFIGURATIONS_ON_PLATFORMS)(
  "a user's sessions in %s",
  (_label, config, platform) => {
    let app: INestApplication;
    const start = async (extra: Partial<SessionModuleOptions> = {}) => {
      app = await createApp(config.options(next++, extra), [DevicesController], { platform });
    };
    const browser = (agent?: string) => new Browser(agent, app);
    const list = async (by: Browser, user?: string): Promise<Listed[]> => {
      const response = await by.get(user === undefined ? '/sessions' : `/sessions?user=${user}`);
      expect(response.status).toBe(200);
      return response.body as Listed[];
    };
    /** Browsers logged in as `user`, one after the other. */
    const loggedIn = async (user: string, count: number): Promise<Browser[]> => {
      const browsers = Array.from({ length: count }, (_, i) => browser(`agent-${user}-${i}`));
      for (const each of browsers) {
        await each.logIn(user);
      }
      return browsers;
    };

    afterEach(async () => {
      await app?.close();
    });

    it('lists every session of the user, the asking one marked current', async () => {
      await start();
      const [first, , third] = await loggedIn('alice', 3);
      await loggedIn('bob', 1);
      const sessions = await list(third);
      expect(sessions).toHaveLength(3);
      expect(sessions.filter(({ current }) => current)).toHaveLength(1);
      const keys = new Set(sessions.map(({ key }) => key));
      expect(keys.size).toBe(3);
      const currentKey = sessions.find(({ current }) => current)!.key;
      expect((await list(first)).find(({ current }) => current)!.key).not.toBe(currentKey);
      expect(await list(first, 'bob')).toHaveLength(1);
      for (const { createdAt, lastSeenAt, expiresAt } of sessions) {
        const [created, seen, expires] = [createdAt, lastSeenAt, expiresAt].map(Date.parse);
        expect(Math.abs(created - Date.now())).toBeLessThan(60_000);
        expect(seen).toBeGreaterThanOrEqual(created);
        expect(expires - Date.now()).toBeGreaterThan(23 * 60 * 60 * 1000);
      }
    });

    it('gives keys that are no session ID and no cookie', async () => {
      await start();
      const [alice] = await loggedIn('alice', 1);
      const [{ key }] = await list(alice);
      expect(alice.jar.header).not.toContain(key);
      const me = await request(app.getHttpServer())
        .get('/me')
        .set('Cookie', `sid=${key}; sid.sig=${key}`)
        .expect(200);
      expect(me.body.userId).toBeNull();
    });

    it('lists nothing for a visitor who is not logged in', async () => {
      await start();
      await loggedIn('alice', 1);
      expect(await list(browser())).toEqual([]);
    });

    it('logs out every other device, keeping the current one', async () => {
      await start();
      const [first, second, third] = await loggedIn('alice', 3);
      const [bob] = await loggedIn('bob', 1);
      const answer = await first.post('/sessions/revoke-all', {
        userId: 'alice',
        exceptCurrent: true,
      });
      expect(answer.body).toEqual({ count: 2 });
      expect(await first.user()).toBe('alice');
      expect(await second.user()).toBeNull();
      expect(await third.user()).toBeNull();
      expect(await bob.user()).toBe('bob');
      const left = await list(first);
      expect(left).toHaveLength(1);
      expect(left[0].current).toBe(true);
    });

    it('logs out everywhere, the asking session included', async () => {
      await start();
      const [first, second] = await loggedIn('alice', 2);
      const answer = await first.post('/sessions/revoke-all', { userId: 'alice' });
      expect(answer.body).toEqual({ count: 2 });
      expect(await first.user()).toBeNull();
      expect(await second.user()).toBeNull();
      expect(await list(browser(), 'alice')).toEqual([]);
    });

    it('ends one session by its key, once', async () => {
      await start();
      const [first, second, third] = await loggedIn('alice', 3);
      const secondKey = (await list(second)).find(({ current }) => current)!.key;
      const revoke = () => first.post('/sessions/revoke', { userId: 'alice', key: secondKey });
      expect((await revoke()).body).toEqual({ revoked: true });
      expect(await second.user()).toBeNull();
      expect(await first.user()).toBe('alice');
      expect(await third.user()).toBe('alice');
      expect((await revoke()).body).toEqual({ revoked: false });
      expect((await list(first)).map(({ key }) => key)).not.toContain(secondKey);
    });

    it("refuses to end another user's session, or one it does not know", async () => {
      await start();
      const [alice] = await loggedIn('alice', 1);
      const [bob] = await loggedIn('bob', 1);
      const [{ key: bobKey }] = await list(bob);
      const attempts = [
        { userId: 'alice', key: bobKey },
        { userId: 'alice', key: 'not-a-key' },
        { userId: 'alice', key: '' },
        { userId: 'alice', key: { $ne: '' } },
        { userId: 'alice', key: [bobKey] },
        { userId: 'carol', key: bobKey },
      ];
      for (const attempt of attempts) {
        const answer = await alice.post('/sessions/revoke', attempt);
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ revoked: false });
      }
      expect(await bob.user()).toBe('bob');
      expect(await alice.user()).toBe('alice');
    });

    it('takes malformed user IDs as nobody: no sessions, nothing ended, never a 5xx', async () => {
      await start();
      const [alice] = await loggedIn('alice', 1);
      const [{ key }] = await list(alice);
      const hostile = [{}, [], ['alice'], null, true, '', 'x'.repeat(100_000), { __proto__: 'a' }];
      for (const userId of hostile) {
        expect((await alice.post('/sessions/revoke', { userId, key })).body).toEqual({
          revoked: false,
        });
        expect((await alice.post('/sessions/revoke-all', { userId })).body).toEqual({ count: 0 });
      }
      for (const query of ['user=alice&user=bob', `user=${'x'.repeat(5000)}`]) {
        const response = await alice.get(`/sessions?${query}`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual([]);
      }
      for (const reserved of ['__proto__', 'constructor', 'toString', 'prototype']) {
        expect(await list(alice, reserved)).toEqual([]);
        expect((await alice.post('/sessions/revoke-all', { userId: reserved })).body).toEqual({
          count: 0,
        });
      }
      expect(await alice.user()).toBe('alice');
      expect(({} as Record<string, unknown>).userId).toBeUndefined();
    });

    it('keeps the index true as sessions log in again, log out and change hands', async () => {
      await start();
      const [first, second, third] = await loggedIn('alice', 3);
      await second.logIn('alice');
      expect(await list(first)).toHaveLength(3);
      await third.post('/logout');
      expect(await list(first)).toHaveLength(2);
      await second.post('/become', { userId: 'bob' });
      expect(await list(first)).toHaveLength(1);
      expect(await list(first, 'bob')).toHaveLength(1);
      await second.post('/become', {});
      expect(await list(first, 'bob')).toEqual([]);
      expect(await second.user()).toBeNull();
    });

    it('indexes every one of concurrent logins of one user', async () => {
      await start();
      const browsers = Array.from({ length: 12 }, () => browser());
      await Promise.all(browsers.map((each) => each.logIn('alice')));
      expect(await list(browsers[0])).toHaveLength(12);
      expect(await Promise.all(browsers.map((each) => each.user()))).toEqual(
        browsers.map(() => 'alice'),
      );
    });

    it('shows no client details unless track asks for them', async () => {
      await start();
      const [alice] = await loggedIn('alice', 1);
      const [listed] = await list(alice);
      expect(listed).not.toHaveProperty('userAgent');
      expect(listed).not.toHaveProperty('ip');
    });

    it('shows the user agent and address of each login when track asks for them', async () => {
      await start({ track: { userAgent: true, ip: true } });
      const [first, second] = await loggedIn('alice', 2);
      await first.get('/me');
      const sessions = await list(second);
      expect(sessions.map(({ userAgent }) => userAgent).sort()).toEqual([
        'agent-alice-0',
        'agent-alice-1',
      ]);
      for (const { ip } of sessions) {
        expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      }
    });

    it('lets a writing, still logged-in session stay listed and revocable', async () => {
      await start();
      const [first, second] = await loggedIn('alice', 2);
      for (let i = 0; i < 3; i++) {
        await second.post('/note', { note: `note ${i}` });
      }
      expect(await list(first)).toHaveLength(2);
      await first.post('/sessions/revoke-all', { userId: 'alice', exceptCurrent: true });
      expect(await second.user()).toBeNull();
    });

    if (config.mode === 'cookie') {
      cookieModeOnly(config, platform);
    }
  },
);

/** What only cookie mode has to prove: a revoked cookie, replayed, is refused. */
function cookieModeOnly(config: UserSessionsConfiguration, platform: Platform) {
  it('refuses a revoked cookie replayed, and a logged-out one', async () => {
    const app = await createApp(config.options(next++), [DevicesController], { platform });
    try {
      const [first, second, third] = [1, 2, 3].map(() => new Browser('b', app));
      for (const each of [first, second, third]) {
        await each.logIn('alice');
      }
      const captured = second.jar.header;
      await first.post('/sessions/revoke-all', { userId: 'alice', exceptCurrent: true });
      const replay = await request(app.getHttpServer())
        .get('/me')
        .set('Cookie', captured)
        .expect(200);
      expect(replay.body.userId).toBeNull();

      const beforeLogout = first.jar.header;
      await first.post('/logout');
      const replayed = await request(app.getHttpServer())
        .get('/me')
        .set('Cookie', beforeLogout)
        .expect(200);
      expect(replayed.body.userId).toBeNull();
    } finally {
      await app.close();
    }
  });
}
