import { readSessionEnv } from '../../lib/config/read-session-env.js';

/** Reads `vars` as the whole environment of a development process. */
function read(vars: Record<string, string>) {
  return readSessionEnv({ NODE_ENV: 'development', SESSION_SECRET: 'dev-secret', ...vars });
}

/** The problems `vars` raise, which must all name `name`. */
function problemsOf(vars: Record<string, string>) {
  return read(vars).problems;
}

describe('readSessionEnv reads each variable', () => {
  it('leaves every option to SessionModule defaults when only the secret is set', () => {
    expect(read({})).toEqual({
      options: { mode: 'store', secret: ['dev-secret'] },
      problems: [],
      warnings: [],
    });
  });

  it.each([
    ['store', 'store'],
    ['cookie', 'cookie'],
    ['COOKIE', 'cookie'],
    [' Cookie ', 'cookie'],
  ])('SESSION_MODE=%j gives mode %s', (text, mode) => {
    expect(read({ SESSION_MODE: text }).options.mode).toBe(mode);
  });

  it.each(['cokie', 'both', 'stores'])('rejects SESSION_MODE=%j', (text) => {
    expect(problemsOf({ SESSION_MODE: text })).toEqual([
      `SESSION_MODE is "${text}"; allowed: store, cookie`,
    ]);
  });

  it.each([
    ['one', ['one']],
    ['new,old', ['new', 'old']],
    [' new , old ,older ', ['new', 'old', 'older']],
  ])('SESSION_SECRET=%j gives secrets %j', (text, secrets) => {
    expect(read({ SESSION_SECRET: text }).options.secret).toEqual(secrets);
  });

  it.each(['new,,old', 'new,', ',new', 'new, ,old', ','])(
    'rejects SESSION_SECRET=%j without showing it',
    (text) => {
      expect(problemsOf({ SESSION_SECRET: text })).toEqual([
        'SESSION_SECRET is (value hidden); allowed: one or more secrets separated by single ' +
          'commas, with no empty entries',
      ]);
    },
  );

  it.each(['sid', 'app.sid', '__Host-sid', 'my_app-session'])('SESSION_NAME=%j', (name) => {
    expect(read({ SESSION_NAME: name }).options.name).toBe(name);
  });

  it.each(['my sid', 'a;b', 'a=b', 'sid,x', 'séance'])('rejects SESSION_NAME=%j', (text) => {
    expect(problemsOf({ SESSION_NAME: text })).toEqual([
      `SESSION_NAME is ${JSON.stringify(text)}; allowed: a cookie name made of letters, digits ` +
        "and !#$%&'*+-.^_`|~ (e.g. sid)",
    ]);
  });

  const DURATIONS = [
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['12h', 43_200_000],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
    ['60000', 60_000],
    ['2 days', 172_800_000],
  ] as const;
  const BAD_DURATIONS = ['0', '-1d', 'soon', '10 parsecs', '1e', 'h'];
  const DURATION_ALLOWED = 'a positive duration: milliseconds (e.g. 60000) or 90s, 30m, 12h, 7d';

  it.each(DURATIONS)('SESSION_MAX_AGE=%j is cookie.maxAge %d ms', (text, milliseconds) => {
    expect(read({ SESSION_MAX_AGE: text }).options.cookie).toEqual({ maxAge: milliseconds });
  });

  it.each(DURATIONS)('SESSION_IDLE_TIMEOUT=%j is idleTimeout %d ms', (text, milliseconds) => {
    expect(read({ SESSION_IDLE_TIMEOUT: text }).options.idleTimeout).toBe(milliseconds);
  });

  it.each(DURATIONS)('SESSION_ABSOLUTE_TIMEOUT=%j is %d ms', (text, milliseconds) => {
    expect(read({ SESSION_ABSOLUTE_TIMEOUT: text }).options.absoluteTimeout).toBe(milliseconds);
  });

  it.each(
    ['SESSION_MAX_AGE', 'SESSION_IDLE_TIMEOUT', 'SESSION_ABSOLUTE_TIMEOUT'].flatMap((name) =>
      BAD_DURATIONS.map((text) => [name, text]),
    ),
  )('rejects %s=%j', (name, text) => {
    expect(problemsOf({ [name]: text })).toEqual([
      `${name} is ${JSON.stringify(text)}; allowed: ${DURATION_ALLOWED}`,
    ]);
  });

  const BOOLEANS = [
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['Yes', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['no', false],
    ['NO', false],
  ] as const;
  const BAD_BOOLEANS = ['on', 'off', 'y', '2', 'truthy'];

  it.each(BOOLEANS)('SESSION_ROLLING=%j is rolling %s', (text, value) => {
    expect(read({ SESSION_ROLLING: text }).options.rolling).toBe(value);
  });

  it.each(BOOLEANS)('SESSION_PROXY=%j is proxy %s', (text, value) => {
    expect(read({ SESSION_PROXY: text }).options.proxy).toBe(value);
  });

  it.each(BOOLEANS)('SESSION_ENCRYPT=%j is encrypt %s in cookie mode', (text, value) => {
    expect(read({ SESSION_MODE: 'cookie', SESSION_ENCRYPT: text }).options).toEqual({
      mode: 'cookie',
      secret: ['dev-secret'],
      encrypt: value,
    });
  });

  it.each(
    ['SESSION_ROLLING', 'SESSION_PROXY', 'SESSION_ENCRYPT'].flatMap((name) =>
      BAD_BOOLEANS.map((text) => [name, text]),
    ),
  )('rejects %s=%j', (name, text) => {
    expect(problemsOf({ SESSION_MODE: 'cookie', [name]: text })).toEqual([
      `${name} is "${text}"; allowed: true, false, 1, 0, yes or no`,
    ]);
  });

  it.each([
    ['auto', 'auto'],
    ['AUTO', 'auto'],
    ['true', true],
    ['yes', true],
    ['false', false],
    ['0', false],
  ] as const)('SESSION_COOKIE_SECURE=%j is cookie.secure %j', (text, secure) => {
    expect(read({ SESSION_COOKIE_SECURE: text }).options.cookie).toEqual({ secure });
  });

  it.each(['maybe', 'https', 'automatic'])('rejects SESSION_COOKIE_SECURE=%j', (text) => {
    expect(problemsOf({ SESSION_COOKIE_SECURE: text })).toEqual([
      `SESSION_COOKIE_SECURE is "${text}"; allowed: auto, true, false, 1, 0, yes or no`,
    ]);
  });

  it.each([
    ['lax', 'lax'],
    ['Strict', 'strict'],
    ['NONE', 'none'],
  ])('SESSION_COOKIE_SAMESITE=%j is cookie.sameSite %s', (text, sameSite) => {
    expect(read({ SESSION_COOKIE_SAMESITE: text }).options.cookie).toEqual({ sameSite });
  });

  it.each(['sometimes', 'true', 'lax;'])('rejects SESSION_COOKIE_SAMESITE=%j', (text) => {
    expect(problemsOf({ SESSION_COOKIE_SAMESITE: text })).toEqual([
      `SESSION_COOKIE_SAMESITE is "${text}"; allowed: lax, strict, none`,
    ]);
  });

  it.each([
    ['example.com', 'example.com'],
    ['.example.com', '.example.com'],
    ['app.example.co.uk', 'app.example.co.uk'],
    ['localhost', 'localhost'],
    ['bücher.ch', 'xn--bcher-kva.ch'],
  ])('SESSION_COOKIE_DOMAIN=%j is cookie.domain %j', (text, domain) => {
    expect(read({ SESSION_COOKIE_DOMAIN: text }).options.cookie).toEqual({ domain });
  });

  it.each(['exa mple.com', 'a;b', 'http://example.com', 'example..com', 'example.com/app'])(
    'rejects SESSION_COOKIE_DOMAIN=%j',
    (text) => {
      expect(problemsOf({ SESSION_COOKIE_DOMAIN: text })).toEqual([
        `SESSION_COOKIE_DOMAIN is "${text}"; allowed: a host name such as example.com or .example.com`,
      ]);
    },
  );

  it.each(['/', '/app', '/app/v1'])('SESSION_COOKIE_PATH=%j is cookie.path', (path) => {
    expect(read({ SESSION_COOKIE_PATH: path }).options.cookie).toEqual({ path });
  });

  it.each(['app', '/a;b', 'https://example.com/'])('rejects SESSION_COOKIE_PATH=%j', (text) => {
    expect(problemsOf({ SESSION_COOKIE_PATH: text })).toEqual([
      `SESSION_COOKIE_PATH is "${text}"; allowed: a path starting with / and containing no ; (e.g. /app)`,
    ]);
  });

  it('puts every cookie attribute in one cookie object', () => {
    expect(
      read({
        SESSION_MAX_AGE: '1h',
        SESSION_COOKIE_SECURE: 'true',
        SESSION_COOKIE_SAMESITE: 'strict',
        SESSION_COOKIE_DOMAIN: 'example.com',
        SESSION_COOKIE_PATH: '/app',
      }).options.cookie,
    ).toEqual({
      maxAge: 3_600_000,
      secure: true,
      sameSite: 'strict',
      domain: 'example.com',
      path: '/app',
    });
  });

  it.each([
    ['memory', 'memory'],
    ['Memory', 'memory'],
    ['redis', { driver: 'redis' }],
    ['postgres', { driver: 'postgres' }],
    ['SQLITE', { driver: 'sqlite' }],
  ])('SESSION_STORE=%j is store %j', (text, store) => {
    expect(read({ SESSION_STORE: text }).options).toEqual({
      mode: 'store',
      secret: ['dev-secret'],
      store,
    });
  });

  it.each(['mongo', 'redis-cluster', 'file'])('rejects SESSION_STORE=%j', (text) => {
    expect(problemsOf({ SESSION_STORE: text })).toEqual([
      `SESSION_STORE is "${text}"; allowed: memory, redis, postgres, sqlite`,
    ]);
  });

  it.each([
    ['redis', 'redis://localhost:6379'],
    ['redis', 'rediss://default:token@cache.example.com:6380/1'],
    ['postgres', 'postgres://postgres@127.0.0.1:5432/test'],
    ['postgres', 'postgresql://app:password@db/app?sslmode=require'],
    ['sqlite', './sessions.db'],
    ['sqlite', '/var/lib/app/sessions.sqlite'],
  ])('SESSION_STORE=%s with SESSION_STORE_URL=%j is store.url', (driver, url) => {
    expect(read({ SESSION_STORE: driver, SESSION_STORE_URL: url }).options).toMatchObject({
      store: { driver, url },
    });
  });

  it.each([
    ['redis', 'localhost:6379', '"localhost:6379"', 'a redis:// or rediss:// URL'],
    ['redis', 'postgres://localhost/db', '"postgres://localhost/db"', 'a redis:// or rediss://'],
    ['redis', 'redis://:hunter2@', '"redis://***@"', 'a redis:// or rediss:// URL'],
    ['redis', 'redis:hunter2@cache', '"***@cache"', 'a redis:// or rediss:// URL'],
    [
      'postgres',
      'http://user:hunter2@db/app',
      '"http://***@db/app"',
      'a postgres:// or postgresql://',
    ],
    ['postgres', 'redis://localhost', '"redis://localhost"', 'a postgres:// or postgresql:// URL'],
  ])(
    'rejects SESSION_STORE=%s with SESSION_STORE_URL=%j, hiding credentials',
    (driver, url, shown, allowed) => {
      const problems = problemsOf({ SESSION_STORE: driver, SESSION_STORE_URL: url });
      expect(problems).toEqual([
        expect.stringContaining(`SESSION_STORE_URL is ${shown}; allowed: ${allowed}`),
      ]);
      expect(problems.join()).not.toContain('hunter2');
    },
  );

  it('passes SESSION_STORE_PREFIX to the store as prefix', () => {
    expect(
      read({
        SESSION_STORE: 'postgres',
        SESSION_STORE_URL: 'postgres://localhost/app',
        SESSION_STORE_PREFIX: 'app_sessions',
      }).options,
    ).toMatchObject({
      store: { driver: 'postgres', url: 'postgres://localhost/app', prefix: 'app_sessions' },
    });
  });

  it('treats a blank variable as unset', () => {
    expect(
      read({ SESSION_MODE: '', SESSION_NAME: '  ', SESSION_MAX_AGE: '', SESSION_STORE: ' ' }),
    ).toEqual({ options: { mode: 'store', secret: ['dev-secret'] }, problems: [], warnings: [] });
  });
});
