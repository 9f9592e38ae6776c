import { existsSync, readFileSync } from 'node:fs';
import { BUILTIN_STORES } from '../stores/builtin-stores.js';
import { nearestName } from './nearest-name.js';
import { renderProblem, show } from './option-problems.js';
import { parseDuration } from '../core/duration.js';
import { processSecret } from './process-secret.js';
import {
  checkSessionOptions,
  MIN_PRODUCTION_SECRET_LENGTH,
  WARNED,
} from './resolve-session-options.js';
import type { SessionModuleOptions } from './session-module-options.interface.js';

/** What a text parser returns for a text the variable can never take. */
const INVALID = Symbol('invalid');

/** One `SESSION_*` variable: the option it sets, how its text becomes the option's value. */
export interface SessionEnvVariable {
  readonly name: `SESSION_${string}`;
  /** The option path it sets, as `forRoot` takes it. */
  readonly option: string;
  /** Options it becomes instead, in some cases (a list of Redis URLs: `store.cluster`). */
  readonly becomes?: readonly string[];
  readonly meaning: string;
  /** The default, as the README's table shows it. */
  readonly fallback: string;
  /** The option's value for a text; `INVALID` when no text like it is allowed. */
  readonly parse: (text: string) => unknown;
  /** What the variable accepts, for texts `parse` refuses. */
  readonly allowed?: string;
  /** Never shown: not in errors, not in logs. */
  readonly secret?: boolean;
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};
const asIs = (text: string) => text;
/** Milliseconds when the text is a duration; otherwise the text, for the validator to refuse. */
const duration = (text: string) => parseDuration(text) ?? text;
const lowerCase = (text: string) => text.toLowerCase();
const boolean = (text: string) => BOOLEAN_WORDS[text.toLowerCase()] ?? INVALID;
const BOOLEAN = 'true, false, 1, 0, yes or no';
const TRACKED: Record<string, 'userAgent' | 'ip'> = { useragent: 'userAgent', ip: 'ip' };
/** `userAgent,ip` → `{ userAgent: true, ip: true }`. */
const tracked = (text: string) => {
  const names = text.split(',').map((name) => TRACKED[name.trim().toLowerCase()]);
  return names.includes(undefined as never)
    ? INVALID
    : Object.fromEntries(names.map((name) => [name, true]));
};

/**
 * The `SESSION_*` variables, each feeding one option of the one validator: the only place
 * they are listed. The README's table of variables is checked against it.
 */
export const SESSION_ENV: readonly SessionEnvVariable[] = [
  {
    name: 'SESSION_MODE',
    option: 'mode',
    meaning: '`cookie` (the whole session in the cookie) or `store` (the cookie holds a signed ID)',
    fallback: '`store`',
    parse: lowerCase,
  },
  {
    name: 'SESSION_SECRET',
    option: 'secret',
    meaning:
      'comma-separated secrets; the first signs (and encrypts), every one verifies, so you ' +
      'rotate by putting a new one first',
    fallback:
      'required when `NODE_ENV=production` (each at least 32 characters); otherwise a random ' +
      'secret per process and a warning',
    parse: (text) => {
      const secrets = text.split(',').map((secret) => secret.trim());
      return secrets.includes('') ? INVALID : secrets;
    },
    allowed: 'one or more secrets separated by single commas, with no empty entries',
    secret: true,
  },
  { name: 'SESSION_NAME', option: 'name', meaning: 'cookie name', fallback: '`sid`', parse: asIs },
  {
    name: 'SESSION_MAX_AGE',
    option: 'cookie.maxAge',
    meaning: 'lifetime of the session and its cookie',
    fallback: '`1d`',
    parse: duration,
  },
  {
    name: 'SESSION_IDLE_TIMEOUT',
    option: 'idleTimeout',
    meaning: 'end a session unused this long',
    fallback: 'unset (no idle limit)',
    parse: duration,
  },
  {
    name: 'SESSION_ABSOLUTE_TIMEOUT',
    option: 'absoluteTimeout',
    meaning: 'end a session this long after it began, however it is used',
    fallback: 'unset (no limit)',
    parse: duration,
  },
  {
    name: 'SESSION_ROLLING',
    option: 'rolling',
    meaning: "renew the cookie's expiry on every response",
    fallback: '`false`',
    parse: boolean,
    allowed: BOOLEAN,
  },
  {
    name: 'SESSION_COOKIE_SECURE',
    option: 'cookie.secure',
    meaning: '`true`, `false` or `auto` (secure when the request came over HTTPS)',
    fallback: '`auto`',
    parse: (text) => (text.toLowerCase() === 'auto' ? 'auto' : boolean(text)),
    allowed: `auto, ${BOOLEAN}`,
  },
  {
    name: 'SESSION_COOKIE_SAMESITE',
    option: 'cookie.sameSite',
    meaning: '`lax`, `strict` or `none` (`none` requires secure cookies)',
    fallback: '`lax`',
    parse: lowerCase,
  },
  {
    name: 'SESSION_COOKIE_DOMAIN',
    option: 'cookie.domain',
    meaning: 'cookie `Domain`',
    fallback: 'unset (the exact host)',
    parse: asIs,
  },
  {
    name: 'SESSION_COOKIE_PATH',
    option: 'cookie.path',
    meaning: 'cookie `Path`',
    fallback: '`/`',
    parse: asIs,
  },
  {
    name: 'SESSION_PROXY',
    option: 'proxy',
    meaning:
      'trust `X-Forwarded-Proto` to decide whether the request is secure (behind a ' +
      'TLS-terminating proxy)',
    fallback: '`false`',
    parse: boolean,
    allowed: BOOLEAN,
  },
  {
    name: 'SESSION_ENCRYPT',
    option: 'encrypt',
    meaning: 'cookie mode: encrypt the session, not only sign it',
    fallback: '`true`',
    parse: boolean,
    allowed: BOOLEAN,
  },
  {
    name: 'SESSION_STORE',
    option: 'store.driver',
    meaning: `store mode: ${BUILTIN_STORES.map(({ driver }) => `\`${driver}\``).join(', ')}`,
    fallback: '`memory`',
    parse: lowerCase,
  },
  {
    name: 'SESSION_STORE_URL',
    option: 'store.url',
    becomes: ['store.cluster', 'store.sentinel.nodes'],
    meaning:
      'store mode: `redis://…`, `rediss://…` or `unix:…`, or several comma-separated ' +
      '`redis://` URLs: the nodes of a Redis Cluster, or the sentinels with ' +
      '`SESSION_STORE_SENTINEL`; `postgres://…` or `postgresql://…`; or a file path for `sqlite`',
    fallback: `the driver's local default (${BUILTIN_STORES.flatMap(({ url }) =>
      url ? [`\`${url.default}\``] : [],
    ).join(', ')})`,
    parse: asIs,
  },
  {
    name: 'SESSION_STORE_PREFIX',
    option: 'store.prefix',
    meaning: 'store mode: key prefix (Redis) or table name (PostgreSQL, SQLite)',
    fallback: BUILTIN_STORES.flatMap(({ driver, prefix }) =>
      prefix ? [`\`${prefix.default}\` (${driver})`] : [],
    ).join(', '),
    parse: asIs,
  },
  {
    name: 'SESSION_STORE_SENTINEL',
    option: 'store.sentinel.name',
    meaning:
      "store mode, Redis Sentinel: the master's name; `SESSION_STORE_URL` then lists the " +
      'sentinels',
    fallback: 'unset (no Sentinel)',
    parse: asIs,
  },
  {
    name: 'SESSION_TRACK',
    option: 'track',
    meaning:
      'comma-separated: `userAgent`, `ip`: what `listSessions()` shows of each session ' +
      'beside its times',
    fallback: 'unset (nothing tracked)',
    parse: tracked,
    allowed: 'userAgent, ip, or both separated by a comma',
  },
  {
    name: 'SESSION_REVOCATION_STORE',
    option: 'revocation.driver',
    meaning:
      'cookie mode: where revocations are kept (' +
      `${BUILTIN_STORES.map(({ driver }) => `\`${driver}\``).join(', ')}), so that ` +
      '`revokeSession()` and `revokeAllSessions()` can end cookies',
    fallback: 'unset (no revocation)',
    parse: lowerCase,
  },
  {
    name: 'SESSION_REVOCATION_STORE_URL',
    option: 'revocation.url',
    becomes: ['revocation.cluster'],
    meaning:
      "cookie mode: the revocation store's address, as `SESSION_STORE_URL` (several for a " +
      'Redis Cluster)',
    fallback: "the driver's local default",
    parse: asIs,
  },
];

/** The options the environment describes, and what is wrong with them, as lines. */
export interface SessionEnvReading {
  options: SessionModuleOptions;
  problems: string[];
  warnings: string[];
}

/**
 * Reads the `SESSION_*` variables into session options and checks them with the one
 * validator, naming variables rather than options in what it reports. Unset variables stay
 * out of the options, so that the module's defaults apply.
 */
export function readSessionEnv(
  env: Readonly<Record<string, string | undefined>>,
): SessionEnvReading {
  const problems: string[] = [];
  const warnings: string[] = [];
  const options: Record<string, unknown> = {};
  const set: SessionEnvVariable[] = [];
  const refused = new Set<string>();
  for (const variable of SESSION_ENV) {
    const text = env[variable.name]?.trim();
    if (!text) {
      continue;
    }
    const value = variable.parse(text);
    if (value === INVALID) {
      const shown = variable.secret ? '(value hidden)' : show(text);
      problems.push(`${variable.name}: ${shown} is not allowed; use ${variable.allowed}`);
      refused.add(variable.option);
      continue;
    }
    setPath(options, variable.option, value);
    set.push(variable);
  }
  if (options.store && (options.store as { driver?: string }).driver === undefined) {
    (options.store as { driver: string }).driver = 'memory';
  }
  redisAddresses(options.store);
  redisAddresses(options.revocation);
  if (options.revocation && (options.revocation as { driver?: string }).driver === undefined) {
    problems.push(
      'SESSION_REVOCATION_STORE_URL: set without SESSION_REVOCATION_STORE; name the store too ' +
        `(${BUILTIN_STORES.map(({ driver }) => driver).join(', ')})`,
    );
    refused.add('revocation');
    delete options.revocation;
  }
  if (!env.SESSION_SECRET?.trim()) {
    if (env.NODE_ENV === 'production') {
      problems.push(
        'SESSION_SECRET: not set; it is required when NODE_ENV=production: set one or more ' +
          `comma-separated secrets of at least ${MIN_PRODUCTION_SECRET_LENGTH} characters ` +
          '(e.g. from `openssl rand -base64 32`)',
      );
    } else {
      warnings.push(missingSecretWarning());
    }
    options.secret = [processSecret()];
  }
  warnings.push(...unknownVariables(env));

  const checked = checkSessionOptions(options, env);
  const nameOf = (path: string) => variableFor(path, set);
  problems.push(
    ...checked.problems
      .filter(({ path }) => !refused.has(path))
      .map((problem) => renderProblem(problem, nameOf)),
  );
  warnings.push(...checked.warnings.map((warning) => renderProblem(warning, nameOf)));
  // Not enumerable: the options stay plain data; a copy made with `...` is warned about again.
  Object.defineProperty(options, WARNED, { value: true });
  return { options: options as unknown as SessionModuleOptions, problems, warnings };
}

/**
 * A Redis store's `url` that lists several addresses (`SESSION_STORE_URL=redis://a,redis://b`):
 * the nodes of a Redis Cluster, or, with a Sentinel master's name, the sentinels.
 */
function redisAddresses(store: unknown): void {
  const options = store as Record<string, unknown> | undefined;
  if (options?.driver !== 'redis' || typeof options.url !== 'string') {
    return;
  }
  const urls = options.url.split(',').map((url) => url.trim());
  const sentinel = options.sentinel as Record<string, unknown> | undefined;
  if (sentinel) {
    sentinel.nodes = urls;
    delete options.url;
  } else if (urls.length > 1) {
    options.cluster = urls;
    delete options.url;
  }
}

/** The variable of option `path`; for a group (`store`), those of it that are set, or its first. */
function variableFor(path: string, set: readonly SessionEnvVariable[]): string {
  const exact = SESSION_ENV.find(
    ({ option, becomes }) => option === path || becomes?.includes(path),
  );
  if (exact) {
    return exact.name;
  }
  const inGroup = ({ option }: SessionEnvVariable) => option.startsWith(`${path}.`);
  const setInGroup = set.filter(inGroup).map(({ name }) => name);
  return setInGroup.length > 0 ? setInGroup.join(', ') : (SESSION_ENV.find(inGroup)?.name ?? path);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const dot = path.indexOf('.');
  if (dot === -1) {
    target[path] = value;
  } else {
    const first = path.slice(0, dot);
    setPath((target[first] ??= {}) as Record<string, unknown>, path.slice(dot + 1), value);
  }
}

function unknownVariables(env: Readonly<Record<string, string | undefined>>): string[] {
  const names = SESSION_ENV.map(({ name }) => name);
  return Object.keys(env)
    .filter(
      (name) => name.startsWith('SESSION_') && env[name]?.trim() && !names.includes(name as never),
    )
    .map((name) => {
      const nearest = nearestName(name, names);
      return `${name}: not a variable nestjs-session-kit reads${nearest ? `; did you mean ${nearest}?` : ''}`;
    });
}

/** Says why sessions will not survive; names `ConfigModule.forRoot()` when a `.env` was not loaded. */
function missingSecretWarning(): string {
  const warning =
    'SESSION_SECRET: not set, so this process uses a random secret: sessions will not survive a ' +
    'restart nor be shared between instances; set SESSION_SECRET to keep them';
  const unloaded =
    existsSync('.env') && /^\s*SESSION_SECRET\s*=/m.test(readFileSync('.env', 'utf8'));
  return unloaded
    ? `${warning}. A .env file here sets SESSION_SECRET, but nothing loaded it: import ` +
        'ConfigModule.forRoot() (from @nestjs/config) before SessionModule'
    : warning;
}
