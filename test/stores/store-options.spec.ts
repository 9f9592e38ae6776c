import session from 'express-session';
import { createClient } from 'redis';
import { SessionConfigError, type SessionStoreOption } from '../../lib/index.js';
import { resolveSessionOptions } from '../../lib/options/resolve-session-options.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { AccountController } from './account.controller.js';

/** The problems `resolveSessionOptions` reports for `store`, or [] when it accepts it. */
function problemsOf(store: unknown): readonly string[] {
  try {
    resolveSessionOptions({ secret: TEST_SECRET, store: store as SessionStoreOption }, () => {});
    return [];
  } catch (error) {
    if (error instanceof SessionConfigError) {
      return error.problems;
    }
    throw error;
  }
}

describe('the store option', () => {
  it.each<[string, unknown]>([
    ['a driver name', 'redis'],
    ['the memory store with a bound', { driver: 'memory', max: 10 }],
    ['a Redis URL with password and database', { driver: 'redis', url: 'redis://:pw@h:6380/2' }],
    ['a TLS Redis URL', { driver: 'redis', url: 'rediss://default:pw@redis.example.com' }],
    ['a Redis socket', { driver: 'redis', url: 'unix:///run/redis.sock' }],
    [
      'a Redis Cluster over TLS with credentials',
      { driver: 'redis', cluster: ['rediss://app:pw@a:7001', 'rediss://app:pw@[::1]:7002'] },
    ],
    [
      'Redis Sentinel',
      { driver: 'redis', sentinel: { name: 'mymaster', nodes: ['redis://:pw@s1:26379/2'] } },
    ],
    [
      'a PostgreSQL URL and table',
      { driver: 'postgres', url: 'postgresql://u:p@h/db', prefix: 'web_sessions' },
    ],
    ['a SQLite file', { driver: 'sqlite', url: './var/sessions.db' }],
    [
      'options whose unset keys are undefined',
      { driver: 'sqlite', url: undefined, prefix: undefined },
    ],
    ['an express-session Store', new session.MemoryStore()],
  ])('accepts %s', (_label, store) => {
    expect(problemsOf(store)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['an unknown driver name', 'mysql', 'store: "mysql" is not a store'],
    ['an unknown driver', { driver: 'mongo' }, 'store.driver: "mongo" is not a store'],
    ['an object that is no store', { get: () => undefined }, 'neither a Store nor store options'],
    ['a bound that is not a whole number', { driver: 'memory', max: 0 }, 'store.max: 0'],
    [
      'an option the driver does not have',
      { driver: 'redis', ttl: 60 },
      'store.ttl: the redis store has no such option',
    ],
    [
      'a URL of another kind',
      { driver: 'redis', url: 'http://h' },
      'store.url: not a redis address',
    ],
    ['a Redis database that is not a number', { driver: 'redis', url: 'redis://h/x' }, 'store.url'],
    [
      'an empty SQLite path',
      { driver: 'sqlite', url: '' },
      'store.url: not a sqlite address; use the path',
    ],
    [
      'a table name that needs quoting',
      { driver: 'postgres', prefix: 'a"; drop' },
      'store.prefix: "a\\"; drop" is not a usable table name',
    ],
    ['an empty Redis prefix', { driver: 'redis', prefix: '' }, 'store.prefix'],
    ['an empty cluster', { driver: 'redis', cluster: [] }, 'store.cluster: not a list'],
    ['a cluster given as one text', { driver: 'redis', cluster: 'redis://a' }, 'store.cluster'],
    [
      'a Redis socket in a cluster',
      { driver: 'redis', cluster: ['redis://a:7001', 'unix:///run/redis.sock'] },
      'store.cluster: entry 2 is not a Redis address',
    ],
    [
      'cluster nodes with different passwords',
      { driver: 'redis', cluster: ['redis://:one@a:7001', 'redis://:two@b:7002'] },
      'store.cluster: its URLs differ in scheme, user, password or database',
    ],
    [
      'cluster nodes, some over TLS',
      { driver: 'redis', cluster: ['rediss://a:7001', 'redis://b:7002'] },
      'store.cluster: its URLs differ',
    ],
    [
      'a cluster with a database',
      { driver: 'redis', cluster: ['redis://a:7001/1'] },
      'store.cluster: a Redis Cluster has database 0 only',
    ],
    [
      'a Sentinel without a master name',
      { driver: 'redis', sentinel: { nodes: ['redis://s:26379'] } },
      'store.sentinel.name: not a master name',
    ],
    [
      'a Sentinel without sentinels',
      { driver: 'redis', sentinel: { name: 'mymaster', nodes: [] } },
      'store.sentinel.nodes: not a list of addresses',
    ],
    [
      'a Sentinel option that does not exist',
      { driver: 'redis', sentinel: { name: 'm', nodes: ['redis://s'], password: 'x' } },
      'store.sentinel.password: not an option of sentinel',
    ],
    [
      'a Sentinel given as a text',
      { driver: 'redis', sentinel: 'mymaster' },
      'store.sentinel: not an object',
    ],
    [
      'both url and cluster',
      { driver: 'redis', url: 'redis://a', cluster: ['redis://b'] },
      'store.cluster: pass only one of store.url, store.cluster',
    ],
    [
      'both a cluster and a client',
      { driver: 'redis', cluster: ['redis://b'], client: createClient() },
      'store.client: pass only one of store.cluster, store.client',
    ],
    [
      'a cluster for another store',
      { driver: 'postgres', cluster: ['redis://b'] },
      'store.cluster: the postgres store has no such option; it takes url, prefix, client; the redis store takes it',
    ],
    [
      'both url and client',
      { driver: 'sqlite', url: 'x', client: { prepare() {}, exec() {} } },
      'either store.url or store.client',
    ],
    [
      'a client of another kind',
      { driver: 'postgres', client: {} },
      'store.client: not a postgres client',
    ],
  ])('rejects %s', (_label, store, problem) => {
    expect(problemsOf(store).join('\n')).toContain(problem);
  });

  it('never repeats a URL back, since it may hold a password', () => {
    const problems = problemsOf({ driver: 'postgres', url: 'mysql://root:hunter2@db/app' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain('hunter2');
  });

  it('never repeats a cluster or sentinel URL back', () => {
    const problems = [
      ...problemsOf({ driver: 'redis', cluster: ['redis://:hunter2@a', 'http://:hunter2@b'] }),
      ...problemsOf({ driver: 'redis', sentinel: { name: 1, nodes: ['ftp://:hunter2@s'] } }),
    ];
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reports every problem of the store at once', () => {
    expect(problemsOf({ driver: 'redis', url: 'nope', prefix: 3, ttl: 1 })).toHaveLength(3);
  });

  it('refuses a Redis client that is not connected yet', async () => {
    const client = createClient();
    await expect(
      createApp({ secret: TEST_SECRET, store: { driver: 'redis', client } }, [AccountController]),
    ).rejects.toThrow('call `await client.connect()` before passing it');
  });

  it('stops the application at start-up', async () => {
    await expect(
      createApp({ secret: TEST_SECRET, store: { driver: 'redis', url: 'http://h' } }, [
        AccountController,
      ]),
    ).rejects.toThrow(SessionConfigError);
  });
});
