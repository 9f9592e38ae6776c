import { getConfigToken, type ConfigType } from '@nestjs/config';
import { SessionConfigError, sessionConfig } from '../../lib/index.js';
import { setSessionEnv } from './env.js';
import { captureLogs } from './log-capture.js';

/** What `sessionConfig` throws for the current environment (fails if it throws nothing). */
function configError(): SessionConfigError {
  try {
    sessionConfig();
  } catch (error) {
    expect(error).toBeInstanceOf(SessionConfigError);
    return error as SessionConfigError;
  }
  throw new Error('sessionConfig() accepted the environment');
}

describe('sessionConfig', () => {
  let restoreEnv: () => void;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => {
    restoreEnv();
    logs.restore();
  });

  it('is the "session" namespace of @nestjs/config', () => {
    restoreEnv = setSessionEnv({});
    expect(sessionConfig.KEY).toBe(getConfigToken('session'));
  });

  it('reads the options from process.env', () => {
    restoreEnv = setSessionEnv({
      NODE_ENV: 'production',
      SESSION_MODE: 'cookie',
      SESSION_SECRET:
        'first-secret-that-is-long-enough-to-sign, second-secret-long-enough-to-verify',
      SESSION_NAME: 'app.sid',
      SESSION_MAX_AGE: '30m',
      SESSION_IDLE_TIMEOUT: '10m',
      SESSION_ABSOLUTE_TIMEOUT: '12h',
      SESSION_ROLLING: 'yes',
      SESSION_COOKIE_SECURE: 'true',
      SESSION_COOKIE_SAMESITE: 'none',
      SESSION_COOKIE_DOMAIN: 'example.com',
      SESSION_COOKIE_PATH: '/app',
      SESSION_PROXY: '1',
      SESSION_ENCRYPT: 'false',
    });
    const options: ConfigType<typeof sessionConfig> = sessionConfig();

    expect(options).toEqual({
      mode: 'cookie',
      secret: ['first-secret-that-is-long-enough-to-sign', 'second-secret-long-enough-to-verify'],
      name: 'app.sid',
      cookie: {
        maxAge: 1_800_000,
        secure: true,
        sameSite: 'none',
        domain: 'example.com',
        path: '/app',
      },
      rolling: true,
      idleTimeout: 600_000,
      absoluteTimeout: 43_200_000,
      proxy: true,
      encrypt: false,
    });
    expect(logs.lines).toEqual([]);
  });

  it('maps SESSION_STORE, SESSION_STORE_URL and SESSION_STORE_PREFIX to the store option', () => {
    restoreEnv = setSessionEnv({
      SESSION_SECRET: 'dev',
      SESSION_STORE: 'redis',
      SESSION_STORE_URL: 'redis://127.0.0.1:6379/2',
      SESSION_STORE_PREFIX: 'app:sess:',
    });
    expect(sessionConfig()).toEqual({
      secret: ['dev'],
      store: { driver: 'redis', url: 'redis://127.0.0.1:6379/2', prefix: 'app:sess:' },
    });
  });

  it('throws one SessionConfigError that lists every bad variable', () => {
    restoreEnv = setSessionEnv({
      SESSION_MODE: 'cokie',
      SESSION_SECRET: 'dev',
      SESSION_NAME: 'my session',
      SESSION_MAX_AGE: 'a while',
      SESSION_IDLE_TIMEOUT: '-5m',
      SESSION_ABSOLUTE_TIMEOUT: 'never',
      SESSION_ROLLING: 'maybe',
      SESSION_COOKIE_SECURE: 'sometimes',
      SESSION_COOKIE_SAMESITE: 'loose',
      SESSION_COOKIE_DOMAIN: 'exa mple.com',
      SESSION_COOKIE_PATH: 'app',
      SESSION_PROXY: 'on',
      SESSION_ENCRYPT: 'please',
      SESSION_STORE: 'mongo',
    });
    const error = configError();

    const bad = [
      ['SESSION_MODE', 'cokie'],
      ['SESSION_NAME', 'my session'],
      ['SESSION_MAX_AGE', 'a while'],
      ['SESSION_IDLE_TIMEOUT', '-5m'],
      ['SESSION_ABSOLUTE_TIMEOUT', 'never'],
      ['SESSION_ROLLING', 'maybe'],
      ['SESSION_COOKIE_SECURE', 'sometimes'],
      ['SESSION_COOKIE_SAMESITE', 'loose'],
      ['SESSION_COOKIE_DOMAIN', 'exa mple.com'],
      ['SESSION_COOKIE_PATH', 'app'],
      ['SESSION_PROXY', 'on'],
      ['SESSION_ENCRYPT', 'please'],
      ['SESSION_STORE', 'mongo'],
    ];
    expect(error.problems).toHaveLength(bad.length);
    for (const [name, value] of bad) {
      expect(error.message).toContain(`  - ${name}: "${value}" is not `);
    }
    expect(error.message).toMatch(/^Invalid session configuration:\n/);
    expect(logs.lines).toEqual([]);
  });

  it('logs its warnings through the Nest Logger when the configuration is usable', () => {
    restoreEnv = setSessionEnv({ SESSION_MODE: 'cookie', SESSION_STORE: 'redis' });
    sessionConfig();
    expect(logs.lines).toEqual([
      { level: 'warn', text: expect.stringMatching(/^SESSION_SECRET: not set, so this process/) },
      { level: 'warn', text: expect.stringMatching(/^SESSION_STORE: ignored/) },
    ]);
  });

  describe('never prints a secret', () => {
    const SECRETS = ['s3cret-short-one', 's3cret-short-two', 'hunter2'];

    /** Fails if any secret appears in `text`. */
    function expectNoSecretIn(text: string) {
      for (const secret of SECRETS) {
        expect(text).not.toContain(secret);
      }
    }

    it.each([
      [
        'too short in production',
        { NODE_ENV: 'production', SESSION_SECRET: `${SECRETS[0]},${SECRETS[1]}` },
      ],
      ['with an empty entry', { SESSION_SECRET: `${SECRETS[0]},,${SECRETS[1]}` }],
      [
        'next to other bad variables',
        {
          NODE_ENV: 'production',
          SESSION_SECRET: SECRETS[0],
          SESSION_MODE: 'x',
          SESSION_STORE: 'y',
        },
      ],
      [
        'in a bad store URL',
        {
          SESSION_SECRET: 'dev',
          SESSION_STORE: 'redis',
          SESSION_STORE_URL: `redis:/:${SECRETS[2]}@cache:6379`,
        },
      ],
      [
        'in a store URL of the wrong scheme',
        {
          SESSION_SECRET: 'dev',
          SESSION_STORE: 'postgres',
          SESSION_STORE_URL: `mysql://app:${SECRETS[2]}@db/app`,
        },
      ],
    ])('in the error when a secret is %s', (_, vars) => {
      restoreEnv = setSessionEnv(vars);
      const error = configError();
      expectNoSecretIn(error.message);
      expectNoSecretIn(String(error.stack));
      expectNoSecretIn(JSON.stringify(error.problems));
      expectNoSecretIn(logs.lines.map((line) => line.text).join('\n'));
    });

    it('in the warnings', () => {
      restoreEnv = setSessionEnv({
        SESSION_SECRET: SECRETS[0],
        SESSION_SECRETS: SECRETS[1],
        SESSION_PASSWORD: SECRETS[1],
        SESSION_MODE: 'cookie',
        SESSION_STORE_URL: `redis://:${SECRETS[2]}@cache:6379`,
      });
      sessionConfig();
      expect(logs.lines.length).toBe(3);
      expectNoSecretIn(logs.lines.map((line) => line.text).join('\n'));
    });
  });
});
