import { checkSessionOptions } from '../../lib/options/resolve-session-options.js';
import { readSessionEnv, SESSION_ENV } from '../../lib/options/session-env.js';
import type { SessionModuleOptions } from '../../lib/index.js';

const SECRET = 'a-production-secret-of-at-least-32-chars';

/**
 * One case: the same configuration as `SESSION_*` variables and as `forRoot` options, and
 * the options that must be refused (none: accepted).
 */
type Case = [label: string, env: Record<string, string>, options: object, refused: string[]];

const CASES: Case[] = [
  ['the defaults', {}, {}, []],
  [
    'cookie mode, signed',
    { SESSION_MODE: 'cookie', SESSION_ENCRYPT: 'false' },
    { mode: 'cookie', encrypt: false },
    [],
  ],
  [
    'durations',
    { SESSION_MAX_AGE: '7d', SESSION_IDLE_TIMEOUT: '30m', SESSION_ABSOLUTE_TIMEOUT: '43200000' },
    { cookie: { maxAge: '7d' }, idleTimeout: '30m', absoluteTimeout: 43_200_000 },
    [],
  ],
  [
    'a duration that is none',
    { SESSION_MAX_AGE: 'forever' },
    { cookie: { maxAge: 'forever' } },
    ['cookie.maxAge'],
  ],
  ['a zero duration', { SESSION_IDLE_TIMEOUT: '0' }, { idleTimeout: 0 }, ['idleTimeout']],
  ['an unknown mode', { SESSION_MODE: 'both' }, { mode: 'both' }, ['mode']],
  ['a bad cookie name', { SESSION_NAME: 'my sid' }, { name: 'my sid' }, ['name']],
  [
    'a rolling cookie',
    { SESSION_ROLLING: 'true', SESSION_PROXY: 'true' },
    { rolling: true, proxy: true },
    [],
  ],
  [
    'SameSite=None, Secure auto',
    { SESSION_COOKIE_SAMESITE: 'none' },
    { cookie: { sameSite: 'none' } },
    [],
  ],
  [
    'SameSite=None without Secure',
    { SESSION_COOKIE_SAMESITE: 'none', SESSION_COOKIE_SECURE: 'false' },
    { cookie: { sameSite: 'none', secure: false } },
    ['cookie.sameSite'],
  ],
  [
    'an unknown SameSite',
    { SESSION_COOKIE_SAMESITE: 'loose' },
    { cookie: { sameSite: 'loose' } },
    ['cookie.sameSite'],
  ],
  [
    'a domain and a path',
    { SESSION_COOKIE_DOMAIN: '.example.com', SESSION_COOKIE_PATH: '/app' },
    { cookie: { domain: '.example.com', path: '/app' } },
    [],
  ],
  [
    'an IDN domain',
    { SESSION_COOKIE_DOMAIN: 'bücher.ch' },
    { cookie: { domain: 'bücher.ch' } },
    [],
  ],
  [
    'a domain with a port',
    { SESSION_COOKIE_DOMAIN: 'localhost:3000' },
    { cookie: { domain: 'localhost:3000' } },
    ['cookie.domain'],
  ],
  [
    'a domain with a scheme',
    { SESSION_COOKIE_DOMAIN: 'https://example.com' },
    { cookie: { domain: 'https://example.com' } },
    ['cookie.domain'],
  ],
  [
    'a path without a slash',
    { SESSION_COOKIE_PATH: 'app' },
    { cookie: { path: 'app' } },
    ['cookie.path'],
  ],
  ['a __Host- cookie', { SESSION_NAME: '__Host-sid' }, { name: '__Host-sid' }, []],
  [
    'a __Host- cookie with a domain and a path',
    {
      SESSION_NAME: '__Host-sid',
      SESSION_COOKIE_DOMAIN: 'example.com',
      SESSION_COOKIE_PATH: '/app',
    },
    { name: '__Host-sid', cookie: { domain: 'example.com', path: '/app' } },
    ['cookie.domain', 'cookie.path'],
  ],
  [
    'a __Secure- cookie that is not Secure',
    { SESSION_NAME: '__Secure-sid', SESSION_COOKIE_SECURE: 'false' },
    { name: '__Secure-sid', cookie: { secure: false } },
    ['cookie.secure'],
  ],
  [
    'a Redis URL',
    { SESSION_STORE: 'redis', SESSION_STORE_URL: 'rediss://:pw@cache:6380/1' },
    { store: { driver: 'redis', url: 'rediss://:pw@cache:6380/1' } },
    [],
  ],
  [
    'a Redis socket',
    { SESSION_STORE: 'redis', SESSION_STORE_URL: 'unix:///run/redis.sock' },
    { store: { driver: 'redis', url: 'unix:///run/redis.sock' } },
    [],
  ],
  [
    'a Redis URL of another kind',
    { SESSION_STORE: 'redis', SESSION_STORE_URL: 'http://cache' },
    { store: { driver: 'redis', url: 'http://cache' } },
    ['store.url'],
  ],
  [
    'a Redis Cluster',
    { SESSION_STORE: 'redis', SESSION_STORE_URL: 'redis://:pw@a:7001, redis://:pw@b:7002' },
    { store: { driver: 'redis', cluster: ['redis://:pw@a:7001', 'redis://:pw@b:7002'] } },
    [],
  ],
  [
    'a Redis Cluster with an address of another kind',
    { SESSION_STORE: 'redis', SESSION_STORE_URL: 'redis://a:7001,http://b:7002' },
    { store: { driver: 'redis', cluster: ['redis://a:7001', 'http://b:7002'] } },
    ['store.cluster'],
  ],
  [
    'a Redis Cluster with an empty entry',
    { SESSION_STORE: 'redis', SESSION_STORE_URL: 'redis://a:7001,' },
    { store: { driver: 'redis', cluster: ['redis://a:7001', ''] } },
    ['store.cluster'],
  ],
  [
    'a Redis Cluster whose nodes differ in password',
    { SESSION_STORE: 'redis', SESSION_STORE_URL: 'redis://:one@a:7001,redis://:two@b:7002' },
    { store: { driver: 'redis', cluster: ['redis://:one@a:7001', 'redis://:two@b:7002'] } },
    ['store.cluster'],
  ],
  [
    'a Redis Cluster with a database',
    { SESSION_STORE: 'redis', SESSION_STORE_URL: 'redis://a:7001/2,redis://b:7002/2' },
    { store: { driver: 'redis', cluster: ['redis://a:7001/2', 'redis://b:7002/2'] } },
    ['store.cluster'],
  ],
  [
    'Redis Sentinel',
    {
      SESSION_STORE: 'redis',
      SESSION_STORE_SENTINEL: 'mymaster',
      SESSION_STORE_URL: 'rediss://:pw@s1:26379,rediss://:pw@s2:26379',
    },
    {
      store: {
        driver: 'redis',
        sentinel: { name: 'mymaster', nodes: ['rediss://:pw@s1:26379', 'rediss://:pw@s2:26379'] },
      },
    },
    [],
  ],
  [
    'Redis Sentinel with one sentinel',
    { SESSION_STORE: 'redis', SESSION_STORE_SENTINEL: 'mymaster', SESSION_STORE_URL: 'redis://s' },
    { store: { driver: 'redis', sentinel: { name: 'mymaster', nodes: ['redis://s'] } } },
    [],
  ],
  [
    'Redis Sentinel without its sentinels',
    { SESSION_STORE: 'redis', SESSION_STORE_SENTINEL: 'mymaster' },
    { store: { driver: 'redis', sentinel: { name: 'mymaster' } } },
    ['store.sentinel.nodes'],
  ],
  [
    'a Redis socket among sentinels',
    {
      SESSION_STORE: 'redis',
      SESSION_STORE_SENTINEL: 'mymaster',
      SESSION_STORE_URL: 'unix:///run/redis.sock',
    },
    {
      store: { driver: 'redis', sentinel: { name: 'mymaster', nodes: ['unix:///run/redis.sock'] } },
    },
    ['store.sentinel.nodes'],
  ],
  [
    'a Sentinel for the memory store',
    { SESSION_STORE_SENTINEL: 'mymaster' },
    { store: { driver: 'memory', sentinel: { name: 'mymaster' } } },
    ['store.sentinel'],
  ],
  [
    'a PostgreSQL table',
    { SESSION_STORE: 'postgres', SESSION_STORE_PREFIX: 'web_sessions' },
    { store: { driver: 'postgres', prefix: 'web_sessions' } },
    [],
  ],
  [
    'a table name that needs quoting',
    { SESSION_STORE: 'sqlite', SESSION_STORE_PREFIX: 'a"b' },
    { store: { driver: 'sqlite', prefix: 'a"b' } },
    ['store.prefix'],
  ],
  [
    'an unknown store',
    { SESSION_STORE: 'mongo' },
    { store: { driver: 'mongo' } },
    ['store.driver'],
  ],
  [
    'a URL for the memory store',
    { SESSION_STORE_URL: 'redis://cache' },
    { store: { driver: 'memory', url: 'redis://cache' } },
    ['store.url'],
  ],
  [
    'tracking both',
    { SESSION_TRACK: 'userAgent, ip' },
    { track: { userAgent: true, ip: true } },
    [],
  ],
  ['tracking the user agent', { SESSION_TRACK: 'useragent' }, { track: { userAgent: true } }, []],
  [
    'tracking what is not kept',
    { SESSION_TRACK: 'email' },
    { track: { email: true } },
    ['track.email'],
  ],
  [
    'revocations in Redis',
    {
      SESSION_MODE: 'cookie',
      SESSION_REVOCATION_STORE: 'redis',
      SESSION_REVOCATION_STORE_URL: 'redis://cache:6379',
    },
    { mode: 'cookie', revocation: { driver: 'redis', url: 'redis://cache:6379' } },
    [],
  ],
  [
    'revocations in a Redis Cluster',
    {
      SESSION_MODE: 'cookie',
      SESSION_REVOCATION_STORE: 'redis',
      SESSION_REVOCATION_STORE_URL: 'redis://a:7001,redis://b:7002',
    },
    {
      mode: 'cookie',
      revocation: { driver: 'redis', cluster: ['redis://a:7001', 'redis://b:7002'] },
    },
    [],
  ],
  [
    'revocations in PostgreSQL under an address of another kind',
    {
      SESSION_MODE: 'cookie',
      SESSION_REVOCATION_STORE: 'postgres',
      SESSION_REVOCATION_STORE_URL: 'redis://cache',
    },
    { mode: 'cookie', revocation: { driver: 'postgres', url: 'redis://cache' } },
    ['revocation.url'],
  ],
  [
    'revocations in an unknown store',
    { SESSION_MODE: 'cookie', SESSION_REVOCATION_STORE: 'mongo' },
    { mode: 'cookie', revocation: { driver: 'mongo' } },
    ['revocation.driver'],
  ],
];

/**
 * The variable that sets option `path` (or that it becomes, as a list of Redis URLs becomes
 * `store.cluster`), else one of the object option it lies in (`track.email`, `store.sentinel`).
 */
const variableOf = (path: string) =>
  (
    SESSION_ENV.find(({ option, becomes }) => option === path || becomes?.includes(path)) ??
    SESSION_ENV.find(({ option }) => option.startsWith(`${path}.`)) ??
    SESSION_ENV.find(({ option }) => option === path.split('.')[0])
  )?.name;

describe.each([
  ['in development', 'development'],
  ['in production', 'production'],
])('forRoot and SESSION_* give the same verdicts %s', (_label, nodeEnv) => {
  it.each(CASES)('%s', (_case, vars, options, refused) => {
    const env = { NODE_ENV: nodeEnv, SESSION_SECRET: SECRET, ...vars };
    const fromCode = checkSessionOptions({ secret: [SECRET], ...options }, env);
    const reading = readSessionEnv(env);

    expect(fromCode.problems.map(({ path }) => path).sort()).toEqual([...refused].sort());
    expect(reading.problems.map((line) => line.slice(0, line.indexOf(':'))).sort()).toEqual(
      refused.map(variableOf).sort(),
    );
    if (refused.length === 0) {
      const fromEnv = checkSessionOptions(reading.options, env);
      expect(fromEnv.resolved).toEqual(fromCode.resolved);
      expect(fromEnv.warnings.map(({ path }) => path)).toEqual(
        fromCode.warnings.map(({ path }) => path),
      );
    }
  });
});

describe('unknown options', () => {
  it.each([
    [{ cookies: { maxAge: 1 } }, 'cookies: not an option; did you mean `cookie`?'],
    [{ maxAgee: 5 }, 'maxAgee: not an option; did you mean `cookie.maxAge`?'],
    [
      { cookie: { sameSIte: 'lax' } },
      'cookie.sameSIte: not an option; did you mean `cookie.sameSite`?',
    ],
    [{ idleTimout: '5m' }, 'idleTimout: not an option; did you mean `idleTimeout`?'],
    [
      { routes: { includes: ['a'] } },
      'routes.includes: not an option; did you mean `routes.include`?',
    ],
    [{ frobnicate: true }, 'frobnicate: not an option'],
    [
      { store: { driver: 'redis', urll: 'redis://x' } },
      'store.urll: the redis store has no such option; did you mean `url`?',
    ],
  ])('refuses %j, naming the nearest known option', (extra, line) => {
    const { problems } = checkSessionOptions({ secret: SECRET, ...extra } as SessionModuleOptions);
    expect(problems.map(({ path, message }) => `${path}: ${message}`)).toEqual([
      expect.stringContaining(line),
    ]);
  });
});
