import type { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { LRUCache } from 'lru-cache';
import { userIndexKey } from '../../lib/core/user-keys.js';
import { SessionDriver } from '../../lib/core/session-driver.js';
import type { MemorySessionStore } from '../../lib/index.js';
import { sessionCookie } from '../../lib/testing/index.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { withPostgres } from '../stores/backends.js';
import { requireStoreServices } from '../stores/services.js';
import { Browser } from './browser.js';
import { CONFIGURATIONS, type UserSessionsConfiguration } from './configurations.js';
import { DevicesController } from './devices.controller.js';

await requireStoreServices();

const LIFETIME_MS = 1000;
const DAY = 24 * 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  for (const subject of new Set(CONFIGURATIONS.map((config) => config.subject))) {
    await subject.cleanup();
  }
});

/** The options a configuration's storage was opened with: `store`, or cookie mode's `revocation`. */
function storageOptions(config: UserSessionsConfiguration, n: number) {
  const options = config.options(n) as { store?: unknown; revocation?: unknown };
  return (config.mode === 'store' ? options.store : options.revocation) as {
    url?: string;
    prefix: string;
  };
}

/** Every entry the backend holds in `user`'s index, expired or not. */
async function rawEntries(
  config: UserSessionsConfiguration,
  n: number,
  app: INestApplication,
  user: string,
): Promise<number> {
  const userKey = userIndexKey(user);
  const { url, prefix } = storageOptions(config, n) ?? {};
  switch (config.subject.driver) {
    case 'memory': {
      const driver = app.get(SessionDriver) as unknown as {
        store?: MemorySessionStore;
        revocationStore?: { index: MemorySessionStore };
      };
      const store = driver.store ?? driver.revocationStore!.index;
      const users = (store as unknown as { users: LRUCache<string, Map<string, unknown>> }).users;
      return users.get(userKey, { allowStale: true })?.size ?? 0;
    }
    case 'redis':
      return config.subject.redis!.withClient((client) =>
        client.hLen(`${prefix.slice(0, -1)}-users:{${userKey}}`),
      );
    case 'postgres':
      return withPostgres(async (pool) => {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS count FROM "${prefix}_users" WHERE user_key = $1`,
          [userKey],
        );
        return rows[0].count as number;
      });
    case 'sqlite': {
      const db = new Database(url!, { readonly: true });
      try {
        return db
          .prepare(`SELECT count(*) FROM "${prefix}_users" WHERE user_key = ?`)
          .pluck()
          .get(userKey) as number;
      } finally {
        db.close();
      }
    }
  }
}

/** Everything the backend holds for configuration `n`, as text. */
async function rawDump(config: UserSessionsConfiguration, n: number): Promise<string> {
  const { url, prefix } = storageOptions(config, n);
  switch (config.subject.driver) {
    case 'redis': {
      const redis = config.subject.redis!;
      const keys = await redis.keys(`${prefix.slice(0, -1)}*`);
      return redis.withClient(async (client) => {
        const values = await Promise.all(
          keys.map(async (key) =>
            ({
              hash: () => client.hGetAll(key),
              zset: () => client.zRange(key, 0, -1),
              string: () => client.get(key),
            })[(await client.type(key)) as 'hash' | 'zset' | 'string'](),
          ),
        );
        return JSON.stringify([keys, values]);
      });
    }
    case 'postgres':
      return withPostgres(async (pool) => {
        const sessions = await pool.query(`SELECT * FROM "${prefix}"`);
        const users = await pool.query(`SELECT * FROM "${prefix}_users"`);
        return JSON.stringify([sessions.rows, users.rows]);
      });
    default: {
      const db = new Database(url!, { readonly: true });
      try {
        const tables = [prefix, `${prefix}_users`].map((table) =>
          db.prepare(`SELECT * FROM "${table}"`).all(),
        );
        return JSON.stringify(tables);
      } finally {
        db.close();
      }
    }
  }
}

let next = 700;

describe.each(CONFIGURATIONS.map((config) => [config.label, config] as const))(
  'the user index, %s',
  (_label, config) => {
    let app: INestApplication;
    let n: number;
    const start = async (options = config.options(n)) => {
      app = await createApp(options, [DevicesController]);
    };
    beforeEach(() => {
      n = next++;
    });
    afterEach(() => app.close());

    it('never lists an expired session, and drops expired entries at the next login', async () => {
      await start(config.options(n, { cookie: { maxAge: LIFETIME_MS } }));
      const visitor = new Browser('visitor', app);
      for (const user of ['alice', 'alice', 'bob', 'bob']) {
        await new Browser('b', app).logIn(user);
      }
      expect(await rawEntries(config, n, app, 'bob')).toBe(2);
      // connect-pg-simple stores expiries rounded up to the second.
      await sleep(LIFETIME_MS * 1.2 + (config.subject.driver === 'postgres' ? 1000 : 0));
      expect((await visitor.get('/sessions?user=alice')).body).toEqual([]);
      // Past every entry's `until` (one lifetime after the session at most), a login of the
      // user drops them.
      await sleep(LIFETIME_MS * 1.2);
      await new Browser('b', app).logIn('bob');
      expect(await rawEntries(config, n, app, 'bob')).toBe(1);
      expect((await visitor.get('/sessions?user=bob')).body).toHaveLength(1);
    });

    if (config.subject.driver === 'redis') {
      it("lets a user's index expire with the last of its entries", async () => {
        await start(config.options(n, { cookie: { maxAge: LIFETIME_MS } }));
        await new Browser('b', app).logIn('alice');
        const { prefix } = storageOptions(config, n);
        const ttl = await config.subject.redis!.withClient((client) =>
          client.pTTL(`${prefix.slice(0, -1)}-users:{${userIndexKey('alice')}}`),
        );
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(LIFETIME_MS * 2);
      });

      it('keeps up with a user of thousands of sessions, and ends them all', async () => {
        await start();
        const count = 3000;
        for (let i = 0; i < count; i++) {
          await sessionCookie(app, { userId: 'service-account' });
        }
        const { prefix } = storageOptions(config, n);
        const index = `${prefix.slice(0, -1)}-users:{${userIndexKey('service-account')}}`;
        const redis = config.subject.redis!;
        expect(await redis.withClient((client) => client.zCard(`${index}:until`))).toBe(count);
        const visitor = new Browser('visitor', app);
        const ended = await visitor.post('/sessions/revoke-all', { userId: 'service-account' });
        expect(ended.body).toEqual({ count });
        expect((await visitor.get('/sessions?user=service-account')).body).toEqual([]);
        // Cookie mode keeps one entry: the user's "not before".
        const kept = config.mode === 'cookie' ? 1 : 0;
        expect(
          await redis.withClient((client) =>
            Promise.all([client.hLen(index), client.zCard(`${index}:until`)]),
          ),
        ).toEqual([kept, kept]);
      });
    }

    if (config.subject.driver !== 'memory') {
      it('holds no session ID in the backend, index included', async () => {
        await start(config.options(n, { track: { userAgent: true, ip: true } }));
        const ids: string[] = [];
        for (const user of ['alice', 'alice', 'bob']) {
          const browser = new Browser('agent', app);
          await browser.logIn(user);
          await browser.post('/note', { note: 'kept' });
          ids.push((await browser.get('/id')).body.id as string);
        }
        const dump = await rawDump(config, n);
        expect(dump).toContain(userIndexKey('alice'));
        for (const id of ids) {
          expect(id.length).toBeGreaterThan(20);
          expect(dump).not.toContain(id);
        }
      });
    }

    if (config.mode === 'store') {
      it('keeps a session listed and revocable when secrets rotate', async () => {
        await start(config.options(n));
        const alice = new Browser('a', app);
        await alice.logIn('alice');
        if (config.subject.driver === 'memory') {
          return; // one process: a restart loses the memory store anyway
        }
        await app.close();
        await start({
          ...config.options(n),
          secret: ['a-new-secret-of-enough-length!!', TEST_SECRET],
        });
        expect(await alice.user(app)).toBe('alice');
        expect((await alice.get('/sessions', app)).body).toHaveLength(1);
        await alice.post('/sessions/revoke-all', { userId: 'alice' }, app);
        expect(await alice.user(app)).toBeNull();
        expect(await rawEntries(config, n, app, 'alice')).toBe(0);
      });

      it("lists a remembered session with the store's 30-day expiry", async () => {
        await start(config.options(n));
        const alice = new Browser('a', app);
        await alice.post('/login', { userId: 'alice', remember: '30d' });
        const [listed] = (await alice.get('/sessions')).body as { expiresAt: string }[];
        expect((Date.parse(listed.expiresAt) - Date.now()) / DAY).toBeCloseTo(30, 2);
      });
    }
  },
);
