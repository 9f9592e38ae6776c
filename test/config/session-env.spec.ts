import { readSessionEnv } from '../../lib/options/session-env.js';

/** Reads `vars` as the whole environment of a development process. */
function read(vars: Record<string, string>) {
  return readSessionEnv({ NODE_ENV: 'development', SESSION_SECRET: 'dev-secret', ...vars });
}

const problemsOf = (vars: Record<string, string>) => read(vars).problems;

const LONG_SECRET = 'a-production-secret-of-at-least-32-chars';
const DURATION =
  "is not a duration; use milliseconds or a duration such as '90s', '30m', '12h', '7d'";

describe('readSessionEnv reads each variable', () => {
  it('leaves every option to SessionModule defaults when only the secret is set', () => {
    expect(read({})).toEqual({ options: { secret: ['dev-secret'] }, problems: [], warnings: [] });
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
      `SESSION_MODE: "${text}" is not a session mode; use 'store' or 'cookie'`,
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
        'SESSION_SECRET: (value hidden) is not allowed; use one or more secrets separated by ' +
          'single commas, with no empty entries',
      ]);
    },
  );

  it.each(['sid', 'app.sid', '__Secure-sid', 'my_app-session'])('SESSION_NAME=%j', (name) => {
    expect(read({ SESSION_NAME: name }).options.name).toBe(name);
  });

  it.each(['my sid', 'a;b', 'a=b', 'sid,x', 'séance'])('rejects SESSION_NAME=%j', (text) => {
    expect(problemsOf({ SESSION_NAME: text })).toEqual([
      `SESSION_NAME: ${JSON.stringify(text)} is not a cookie name; use letters, digits and ` +
        "!#$%&'*+-.^_`|~",
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
    expect(problemsOf({ [name]: text })).toEqual([`${name}: ${JSON.stringify(text)} ${DURATION}`]);
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
      `${name}: "${text}" is not allowed; use true, false, 1, 0, yes or no`,
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
      `SESSION_COOKIE_SECURE: "${text}" is not allowed; use auto, true, false, 1, 0, yes or no`,
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
      `SESSION_COOKIE_SAMESITE: "${text}" is not allowed; use 'lax', 'strict' or 'none'`,
    ]);
  });

  it.each(['example.com', '.example.com', 'app.example.co.uk', 'localhost', 'bücher.ch'])(
    'SESSION_COOKIE_DOMAIN=%j is cookie.domain',
    (domain) => {
      expect(read({ SESSION_COOKIE_DOMAIN: domain })).toMatchObject({
        options: { cookie: { domain } },
        problems: [],
      });
    },
  );

  it.each(['exa mple.com', 'a;b', 'http://example.com', 'example..com', 'example.com/app'])(
    'rejects SESSION_COOKIE_DOMAIN=%j',
    (text) => {
      expect(problemsOf({ SESSION_COOKIE_DOMAIN: text })).toEqual([
        `SESSION_COOKIE_DOMAIN: "${text}" is not a host name; use one such as 'example.com' or ` +
          "'.example.com', without a scheme, port, path or spaces",
      ]);
    },
  );

  it.each(['/', '/app', '/app/v1'])('SESSION_COOKIE_PATH=%j is cookie.path', (path) => {
    expect(read({ SESSION_COOKIE_PATH: path }).options.cookie).toEqual({ path });
  });

  it.each(['app', '/a;b', 'https://example.com/'])('rejects SESSION_COOKIE_PATH=%j', (text) => {
    expect(problemsOf({ SESSION_COOKIE_PATH: text })).toEqual([
      `SESSION_COOKIE_PATH: "${text}" is not a cookie path; use one that starts with / and holds ` +
        "no ';', '<' or control characters (e.g. '/app')",
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
    ['redis', 'redis'],
    ['postgres', 'postgres'],
    ['SQLITE', 'sqlite'],
  ])('SESSION_STORE=%j is store %j', (text, driver) => {
    expect(read({ SESSION_STORE: text })).toEqual({
      options: { secret: ['dev-secret'], store: { driver } },
      problems: [],
      warnings: [],
    });
  });

  it.each(['mongo', 'redis-cluster', 'file'])('rejects SESSION_STORE=%j', (text) => {
    expect(problemsOf({ SESSION_STORE: text })).toEqual([
      expect.stringMatching(`^SESSION_STORE: "${text}" is not a store; use 'memory', 'redis'`),
    ]);
  });

  it.each([
    ['redis', 'redis://localhost:6379'],
    ['redis', 'rediss://default:token@cache.example.com:6380/1'],
    ['redis', 'unix:///run/redis/redis.sock'],
    ['postgres', 'postgres://postgres@127.0.0.1:5432/test'],
    ['postgres', 'postgresql://app:password@db/app?sslmode=require'],
    ['sqlite', './sessions.db'],
    ['sqlite', '/var/lib/app/sessions.sqlite'],
  ])('SESSION_STORE=%s with SESSION_STORE_URL=%j is store.url', (driver, url) => {
    expect(read({ SESSION_STORE: driver, SESSION_STORE_URL: url })).toMatchObject({
      options: { store: { driver, url } },
      problems: [],
    });
  });

  it.each([
    ['redis', 'localhost:6379'],
    ['redis', 'postgres://localhost/db'],
    ['redis', 'redis://:hunter2@h/x'],
    ['redis', 'redis:hunter2@cache'],
    ['postgres', 'http://user:hunter2@db/app'],
    ['postgres', 'redis://localhost'],
  ])('rejects SESSION_STORE=%s with SESSION_STORE_URL=%j, never showing it', (driver, url) => {
    const problems = problemsOf({ SESSION_STORE: driver, SESSION_STORE_URL: url });
    expect(problems).toEqual([
      expect.stringMatching(`^SESSION_STORE_URL: not a ${driver} address; use ${driver}`),
    ]);
    expect(problems.join()).not.toContain('hunter2');
  });

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
    ).toEqual({ options: { secret: ['dev-secret'] }, problems: [], warnings: [] });
  });
});

describe('the rules between SESSION_* variables', () => {
  describe('SESSION_SECRET', () => {
    it.each([{}, { SESSION_SECRET: '' }, { SESSION_SECRET: '   ' }])(
      'is required when NODE_ENV=production (%j)',
      (vars) => {
        const { problems } = readSessionEnv({
          NODE_ENV: 'production',
          SESSION_MODE: 'cookie',
          ...vars,
        });
        expect(problems).toEqual([
          expect.stringMatching(
            /^SESSION_SECRET: not set; it is required when NODE_ENV=production/,
          ),
        ]);
      },
    );

    it.each([undefined, 'development', 'test', 'staging'])(
      'defaults to one random secret per process, with a warning, when NODE_ENV=%s',
      (nodeEnv) => {
        const first = readSessionEnv({ NODE_ENV: nodeEnv });
        const second = readSessionEnv({ NODE_ENV: nodeEnv, SESSION_MODE: 'cookie' });

        expect(first.problems).toEqual([]);
        expect(first.warnings).toEqual([
          'SESSION_SECRET: not set, so this process uses a random secret: sessions will not ' +
            'survive a restart nor be shared between instances; set SESSION_SECRET to keep them',
        ]);
        const [secret] = first.options.secret as string[];
        expect(secret.length).toBeGreaterThanOrEqual(32);
        expect(second.options.secret).toEqual([secret]);
      },
    );

    it('rejects secrets shorter than 32 characters in production, naming them by position', () => {
      const { problems } = readSessionEnv({
        NODE_ENV: 'production',
        SESSION_MODE: 'cookie',
        SESSION_SECRET: `${LONG_SECRET},short-one,${'x'.repeat(31)}`,
      });
      expect(problems).toEqual([
        'SESSION_SECRET: secrets shorter than 32 characters (number 2, 3 in the list; values ' +
          'hidden); when NODE_ENV=production every secret must be at least 32 characters (e.g. ' +
          'from `openssl rand -base64 32`)',
      ]);
      expect(problems.join()).not.toContain('short-one');
    });

    it('accepts secrets of exactly 32 characters in production', () => {
      const { problems, options } = readSessionEnv({
        NODE_ENV: 'production',
        SESSION_MODE: 'cookie',
        SESSION_SECRET: `${'y'.repeat(32)}, ${LONG_SECRET}`,
      });
      expect(problems).toEqual([]);
      expect(options.secret).toEqual(['y'.repeat(32), LONG_SECRET]);
    });

    it('accepts short secrets outside production', () => {
      expect(readSessionEnv({ NODE_ENV: 'development', SESSION_SECRET: 'dev' })).toMatchObject({
        problems: [],
        warnings: [],
      });
    });
  });

  describe('SESSION_COOKIE_SAMESITE=none', () => {
    it.each(['false', '0', 'no'])('is rejected with SESSION_COOKIE_SECURE=%s', (secure) => {
      expect(
        problemsOf({ SESSION_COOKIE_SAMESITE: 'none', SESSION_COOKIE_SECURE: secure }),
      ).toEqual([
        "SESSION_COOKIE_SAMESITE: 'none' needs a Secure cookie, which browsers require of it; set " +
          "SESSION_COOKIE_SECURE to true or 'auto', or SESSION_COOKIE_SAMESITE to 'lax' or 'strict'",
      ]);
    });

    it.each<Record<string, string>>([
      { SESSION_COOKIE_SECURE: 'true' },
      { SESSION_COOKIE_SECURE: 'auto' },
      {},
    ])('is accepted with %j', (vars) => {
      const reading = read({ SESSION_COOKIE_SAMESITE: 'none', ...vars });
      expect(reading.problems).toEqual([]);
      expect(reading.options.cookie?.sameSite).toBe('none');
    });
  });

  describe('variables of the other mode', () => {
    it('warns about store variables in cookie mode', () => {
      const reading = read({
        SESSION_MODE: 'cookie',
        SESSION_STORE: 'redis',
        SESSION_STORE_URL: 'redis://:hunter2@localhost:6379',
        SESSION_STORE_PREFIX: 'app:',
      });
      expect(reading.problems).toEqual([]);
      expect(reading.warnings).toEqual([
        'SESSION_STORE, SESSION_STORE_URL, SESSION_STORE_PREFIX: ignored: it applies to store ' +
          'mode, and SESSION_MODE is cookie',
      ]);
    });

    it('warns about SESSION_ENCRYPT in store mode', () => {
      expect(read({ SESSION_ENCRYPT: 'false' }).warnings).toEqual([
        'SESSION_ENCRYPT: ignored: it applies to cookie mode, and SESSION_MODE is store',
      ]);
    });

    it('refuses SESSION_STORE_URL and SESSION_STORE_PREFIX for the memory store', () => {
      expect(
        problemsOf({ SESSION_STORE_URL: 'redis://localhost', SESSION_STORE_PREFIX: 'app:' }),
      ).toEqual([
        'SESSION_STORE_URL: the memory store has no such option; it takes max; the redis, ' +
          'postgres and sqlite stores take it',
        'SESSION_STORE_PREFIX: the memory store has no such option; it takes max; the redis, ' +
          'postgres and sqlite stores take it',
      ]);
    });
  });

  describe('the memory store in production', () => {
    const MEMORY_WARNING =
      'SESSION_STORE: the memory store keeps sessions inside this process: with ' +
      'NODE_ENV=production they are lost on restart and not shared between instances; use ' +
      "'redis', 'postgres' or 'sqlite', or SESSION_MODE 'cookie'";

    it.each([{}, { SESSION_STORE: 'memory' }])('gives a warning (%j)', (vars) => {
      const reading = readSessionEnv({
        NODE_ENV: 'production',
        SESSION_SECRET: LONG_SECRET,
        ...vars,
      });
      expect(reading.problems).toEqual([]);
      expect(reading.warnings).toEqual([MEMORY_WARNING]);
    });

    it.each([
      ['in development', { NODE_ENV: 'development' }],
      ['with a Redis store', { NODE_ENV: 'production', SESSION_STORE: 'redis' }],
      ['in cookie mode', { NODE_ENV: 'production', SESSION_MODE: 'cookie' }],
    ])('gives none %s', (_, vars) => {
      expect(readSessionEnv({ SESSION_SECRET: LONG_SECRET, ...vars }).warnings).toEqual([]);
    });
  });

  it('warns about a SESSION_* variable it does not know, naming the nearest, without its value', () => {
    const reading = read({
      SESSION_SECERT: 'misspelt-secret-value',
      SESSION_COOKIE_SAMESIT: 'strict',
      SESSION_WHATEVER_THIS_IS: 'x',
      OTHER_VARIABLE: 'x',
    });
    expect(reading.warnings).toEqual([
      'SESSION_SECERT: not a variable nestjs-session-kit reads; did you mean SESSION_SECRET?',
      'SESSION_COOKIE_SAMESIT: not a variable nestjs-session-kit reads; did you mean SESSION_COOKIE_SAMESITE?',
      'SESSION_WHATEVER_THIS_IS: not a variable nestjs-session-kit reads',
    ]);
    expect(reading.warnings.join()).not.toContain('misspelt-secret-value');
  });

  it('reports every bad variable and every broken rule together', () => {
    const { problems } = readSessionEnv({
      NODE_ENV: 'production',
      SESSION_MODE: 'cokie',
      SESSION_MAX_AGE: 'forever',
      SESSION_ROLLING: 'sometimes',
      SESSION_COOKIE_SECURE: 'no',
      SESSION_COOKIE_SAMESITE: 'none',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^SESSION_ROLLING: "sometimes" is not allowed; /),
      expect.stringMatching(/^SESSION_SECRET: not set; it is required/),
      "SESSION_MODE: \"cokie\" is not a session mode; use 'store' or 'cookie'",
      `SESSION_MAX_AGE: "forever" ${DURATION}`,
      expect.stringMatching(/^SESSION_COOKIE_SAMESITE: 'none' needs a Secure cookie/),
    ]);
  });
});
