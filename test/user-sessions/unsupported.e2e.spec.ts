import session from 'express-session';
import {
  MemorySessionStore,
  SessionConfigError,
  SessionModule,
  SessionService,
  type SessionModuleOptions,
} from '../../lib/index.js';
import { Test } from '@nestjs/testing';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { Browser } from './browser.js';
import { DevicesController } from './devices.controller.js';

/** A store of the application's own that keeps no index: express-session's MemoryStore. */
class PlainStore extends session.MemoryStore {}

/** A store of the application's own that implements `UserSessionIndex`. */
class IndexedStore extends MemorySessionStore {}

const calls: [string, (service: SessionService) => Promise<unknown>][] = [
  ['listSessions', (service) => service.listSessions('alice')],
  ['revokeSession', (service) => service.revokeSession('alice', 'key')],
  ['revokeAllSessions', (service) => service.revokeAllSessions('alice')],
];

describe("a user's sessions where the configuration cannot keep them", () => {
  it.each(calls)(
    '%s() on a store of your own without an index names it and the stores that have one',
    async (name, call) => {
      const app = await createApp({ secret: TEST_SECRET, store: new PlainStore() }, []);
      try {
        const failure = call(app.get(SessionService));
        await expect(failure).rejects.toThrow(SessionConfigError);
        await expect(failure).rejects.toThrow(
          new RegExp(
            `${name}\\(\\): your PlainStore keeps no index of each user's sessions; use a ` +
              "built-in store \\('memory', 'redis', 'postgres' or 'sqlite'\\), or implement " +
              'UserSessionIndex',
          ),
        );
      } finally {
        await app.close();
      }
    },
  );

  it.each(calls)(
    '%s() in cookie mode without revocation says how to enable it',
    async (name, call) => {
      const app = await createApp({ mode: 'cookie', secret: TEST_SECRET }, []);
      try {
        const failure = call(app.get(SessionService));
        await expect(failure).rejects.toThrow(SessionConfigError);
        await expect(failure).rejects.toThrow(
          new RegExp(`${name}\\(\\): cookie mode is stateless.*set the \`revocation\` option`),
        );
      } finally {
        await app.close();
      }
    },
  );

  it('lists and revokes on a store of your own that implements UserSessionIndex', async () => {
    const app = await createApp({ secret: TEST_SECRET, store: new IndexedStore() }, [
      DevicesController,
    ]);
    try {
      const [phone, laptop] = [new Browser('phone', app), new Browser('laptop', app)];
      await phone.logIn('alice');
      await laptop.logIn('alice');
      expect((await phone.get('/sessions')).body).toHaveLength(2);
      await phone.post('/sessions/revoke-all', { userId: 'alice', exceptCurrent: true });
      expect(await laptop.user()).toBeNull();
      expect(await phone.user()).toBe('alice');
    } finally {
      await app.close();
    }
  });

  it('works outside a request given a user, and marks no session current', async () => {
    const app = await createApp({ secret: TEST_SECRET }, [DevicesController]);
    try {
      await new Browser('phone', app).logIn('alice');
      const service = app.get(SessionService);
      const [listed] = await service.listSessions('alice');
      expect(listed.current).toBe(false);
      expect(await service.listSessions()).toEqual([]);
      expect(await service.revokeAllSessions('alice')).toBe(1);
      expect(await service.listSessions('alice')).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('the revocation option at start-up', () => {
  const start = (options: SessionModuleOptions) =>
    Test.createTestingModule({ imports: [SessionModule.forRoot(options)] }).compile();

  it('refuses a store of your own without an index, saying why', async () => {
    await expect(
      start({ mode: 'cookie', secret: TEST_SECRET, revocation: new PlainStore() }),
    ).rejects.toThrow(
      /revocation: your PlainStore keeps no index of each user's sessions, which revocations are kept in/,
    );
  });

  it('names the revocation option when its store cannot open', async () => {
    await expect(
      start({
        mode: 'cookie',
        secret: TEST_SECRET,
        revocation: { driver: 'sqlite', url: '/nonexistent-folder/revocations.sqlite' },
      }),
    ).rejects.toThrow(/revocation\.url: cannot open the SQLite file/);
  });

  it('refuses what is not a store', async () => {
    await expect(
      start({ mode: 'cookie', secret: TEST_SECRET, revocation: 'mongo' as never }),
    ).rejects.toThrow(/revocation: "mongo" is not a store/);
  });
});
