import { readSessionEnv } from '../../lib/config/read-session-env.js';

const LONG_SECRET = 'a-production-secret-of-at-least-32-chars';

describe('the rules between SESSION_* variables', () => {
  describe('SESSION_SECRET', () => {
    it.each([{}, { SESSION_SECRET: '' }, { SESSION_SECRET: '   ' }])(
      'is required when NODE_ENV=production (%j)',
      (vars) => {
        const { problems } = readSessionEnv({ NODE_ENV: 'production', ...vars });
        expect(problems).toEqual([
          expect.stringMatching(
            /^SESSION_SECRET is not set; it is required when NODE_ENV=production/,
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
          'SESSION_SECRET is not set: this process uses a random secret, so sessions will not ' +
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
        SESSION_SECRET: `${LONG_SECRET},short-one,${'x'.repeat(31)}`,
      });
      expect(problems).toEqual([
        'SESSION_SECRET has secrets shorter than 32 characters (number 2, 3 in the list; values ' +
          'hidden); when NODE_ENV=production every secret must be at least 32 characters (e.g. ' +
          'from `openssl rand -base64 32`)',
      ]);
      expect(problems.join()).not.toContain('short-one');
    });

    it('accepts secrets of exactly 32 characters in production', () => {
      const { problems, options } = readSessionEnv({
        NODE_ENV: 'production',
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
      const { problems } = readSessionEnv({
        SESSION_SECRET: 'dev',
        SESSION_COOKIE_SAMESITE: 'none',
        SESSION_COOKIE_SECURE: secure,
      });
      expect(problems).toEqual([
        'SESSION_COOKIE_SAMESITE is "none", which browsers accept only on secure cookies, but ' +
          'SESSION_COOKIE_SECURE is false; set SESSION_COOKIE_SECURE to true or auto, or ' +
          'SESSION_COOKIE_SAMESITE to lax or strict',
      ]);
    });

    it.each([{ SESSION_COOKIE_SECURE: 'true' }, { SESSION_COOKIE_SECURE: 'auto' }, {}])(
      'is accepted with %j',
      (vars) => {
        const reading = readSessionEnv({
          SESSION_SECRET: 'dev',
          SESSION_COOKIE_SAMESITE: 'none',
          ...vars,
        });
        expect(reading.problems).toEqual([]);
        expect(reading.options.cookie?.sameSite).toBe('none');
      },
    );

    it('leaves SESSION_COOKIE_SECURE=false alone with another SameSite', () => {
      expect(
        readSessionEnv({ SESSION_SECRET: 'dev', SESSION_COOKIE_SECURE: 'false' }).problems,
      ).toEqual([]);
    });
  });

  describe('variables of the other mode', () => {
    it('warns about store variables in cookie mode and leaves them out', () => {
      const reading = readSessionEnv({
        SESSION_SECRET: 'dev',
        SESSION_MODE: 'cookie',
        SESSION_STORE: 'redis',
        SESSION_STORE_URL: 'redis://:hunter2@localhost:6379',
        SESSION_STORE_PREFIX: 'app:',
      });
      expect(reading.problems).toEqual([]);
      expect(reading.warnings).toEqual([
        'SESSION_STORE is ignored: it applies to store mode, and SESSION_MODE is cookie',
        'SESSION_STORE_URL is ignored: it applies to store mode, and SESSION_MODE is cookie',
        'SESSION_STORE_PREFIX is ignored: it applies to store mode, and SESSION_MODE is cookie',
      ]);
      expect(reading.options).toEqual({ mode: 'cookie', secret: ['dev'] });
    });

    it('warns about SESSION_ENCRYPT in store mode and leaves it out', () => {
      const reading = readSessionEnv({ SESSION_SECRET: 'dev', SESSION_ENCRYPT: 'false' });
      expect(reading.warnings).toEqual([
        'SESSION_ENCRYPT is ignored: it applies to cookie mode, and SESSION_MODE is store',
      ]);
      expect(reading.options).toEqual({ mode: 'store', secret: ['dev'] });
    });

    it('warns that the memory store ignores SESSION_STORE_URL and SESSION_STORE_PREFIX', () => {
      const reading = readSessionEnv({
        SESSION_SECRET: 'dev',
        SESSION_STORE: 'memory',
        SESSION_STORE_URL: 'redis://localhost',
        SESSION_STORE_PREFIX: 'app:',
      });
      expect(reading.warnings).toEqual([
        'SESSION_STORE_URL is ignored by the memory store; set SESSION_STORE to redis, postgres ' +
          'or sqlite to use it',
        'SESSION_STORE_PREFIX is ignored by the memory store; set SESSION_STORE to redis, ' +
          'postgres or sqlite to use it',
      ]);
      expect(reading.options).toEqual({ mode: 'store', secret: ['dev'], store: 'memory' });
    });
  });

  describe('the memory store in production', () => {
    const MEMORY_WARNING =
      'The memory store keeps sessions inside this process: with NODE_ENV=production they are ' +
      'lost on restart and not shared between instances; set SESSION_STORE to redis, postgres ' +
      'or sqlite, or SESSION_MODE to cookie';

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

  it('warns about a SESSION_* variable it does not know, without its value', () => {
    const reading = readSessionEnv({
      SESSION_SECRET: 'dev',
      SESSION_SECERT: 'misspelt-secret-value',
      SESSION_COOKIE_SAMESIT: 'strict',
      OTHER_VARIABLE: 'x',
    });
    expect(reading.warnings).toEqual([
      'SESSION_SECERT is not a variable nestjs-session-kit reads; check its spelling',
      'SESSION_COOKIE_SAMESIT is not a variable nestjs-session-kit reads; check its spelling',
    ]);
  });

  it('reports every bad variable and every broken rule together', () => {
    const { problems } = readSessionEnv({
      NODE_ENV: 'production',
      SESSION_MODE: 'cokie',
      SESSION_MAX_AGE: 'forever',
      SESSION_ROLLING: 'sometimes',
      SESSION_COOKIE_SECURE: 'no',
      SESSION_COOKIE_SAMESITE: 'none',
      SESSION_STORE: 'mongo',
    });
    expect(problems).toEqual([
      'SESSION_MODE is "cokie"; allowed: store, cookie',
      expect.stringMatching(/^SESSION_MAX_AGE is "forever"; allowed: /),
      expect.stringMatching(/^SESSION_ROLLING is "sometimes"; allowed: /),
      'SESSION_STORE is "mongo"; allowed: memory, redis, postgres, sqlite',
      expect.stringMatching(/^SESSION_SECRET is not set; it is required/),
      expect.stringMatching(/^SESSION_COOKIE_SAMESITE is "none", which browsers accept only/),
    ]);
  });
});
