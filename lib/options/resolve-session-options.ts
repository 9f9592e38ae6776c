import { isReservedKey } from '../core/session-keys.js';
import { isUserSessionIndex } from '../core/user-session-index.interface.js';
import type { SessionStoreOption } from '../stores/builtin-stores.js';
import { SessionConfigError } from '../errors/session-config.error.js';
import { checkStoreOption } from './check-store-option.js';
import { cookieDomain, cookiePrefixOf, isCookieName, isCookiePath } from './cookie-attributes.js';
import { nearestName } from './nearest-name.js';
import { OptionProblems, renderProblem, show, type OptionProblem } from './option-problems.js';
import { parseDuration } from '../core/duration.js';
import type { ResolvedSessionOptions } from './resolved-session-options.js';

const ONE_DAY = 24 * 60 * 60 * 1000;
const SAME_SITE_VALUES: readonly unknown[] = ['lax', 'strict', 'none'];
const DURATION = "use milliseconds or a duration such as '90s', '30m', '12h', '7d'";
/** Shortest secret accepted when `NODE_ENV=production`. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** Every option, by path; the mode after `/` for those of one mode only. */
const OPTIONS = {
  mode: 'both',
  secret: 'both',
  name: 'both',
  cookie: 'both',
  'cookie.maxAge': 'both',
  'cookie.path': 'both',
  'cookie.domain': 'both',
  'cookie.sameSite': 'both',
  'cookie.secure': 'both',
  'cookie.httpOnly': 'both',
  rolling: 'both',
  idleTimeout: 'both',
  absoluteTimeout: 'both',
  proxy: 'both',
  authKey: 'both',
  routes: 'both',
  'routes.include': 'both',
  'routes.exclude': 'both',
  track: 'both',
  'track.userAgent': 'both',
  'track.ip': 'both',
  encrypt: 'cookie',
  maxCookieBytes: 'cookie',
  revocation: 'cookie',
  store: 'store',
} as const;
const OPTION_PATHS = Object.keys(OPTIONS);

/** Marks options read from the environment, whose warnings `sessionConfig` already logged. */
export const WARNED = Symbol('nestjs-session-kit:warned');

/** The outcome of checking options: the resolved options when there is no problem. */
export interface SessionOptionsCheck {
  resolved: ResolvedSessionOptions | undefined;
  problems: OptionProblem[];
  warnings: OptionProblem[];
}

/**
 * The one validator of the session options, for `forRoot`, `forRootAsync` and `SESSION_*`
 * variables alike: every rule is here, every default is applied here, and every problem is
 * reported at once, by option path. Secrets' values are never repeated.
 */
export function checkSessionOptions(
  options: unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
): SessionOptionsCheck {
  const found = new OptionProblems();
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    found.fail('options', 'must be an object with at least `secret`');
    return { resolved: undefined, ...found };
  }
  const input = options as Record<string, unknown>;
  const production = env.NODE_ENV === 'production';

  const mode = input.mode ?? 'store';
  if (mode !== 'store' && mode !== 'cookie') {
    found.fail('mode', `${show(mode)} is not a session mode; use 'store' or 'cookie'`);
  }
  checkKeys(input, '', found, mode);

  const secrets = checkSecrets(input.secret, production, found);
  const name = input.name ?? 'sid';
  if (!isCookieName(name)) {
    found.fail(
      'name',
      `${show(name)} is not a cookie name; use letters, digits and !#$%&'*+-.^_\`|~`,
    );
  }

  const cookie = objectOption(input.cookie, 'cookie', found);
  checkKeys(cookie, 'cookie.', found, mode);
  const maxAge = duration('cookie.maxAge', cookie.maxAge, found) ?? ONE_DAY;
  const sameSite = cookie.sameSite ?? 'lax';
  if (!SAME_SITE_VALUES.includes(sameSite)) {
    found.fail(
      'cookie.sameSite',
      `${show(sameSite)} is not allowed; use 'lax', 'strict' or 'none'`,
    );
  }
  const secure = cookie.secure ?? 'auto';
  if (secure !== true && secure !== false && secure !== 'auto') {
    found.fail('cookie.secure', `${show(secure)} is not allowed; use true, false or 'auto'`);
  }
  if (sameSite === 'none' && secure === false) {
    found.fail(
      'cookie.sameSite',
      "'none' needs a Secure cookie, which browsers require of it; set {cookie.secure} to true " +
        "or 'auto', or {cookie.sameSite} to 'lax' or 'strict'",
    );
  }
  const httpOnly = booleanOption('cookie.httpOnly', cookie.httpOnly, true, found);
  const domain =
    cookie.domain === undefined
      ? undefined
      : (cookieDomain(cookie.domain) ??
        found.fail(
          'cookie.domain',
          `${show(cookie.domain)} is not a host name; use one such as 'example.com' or ` +
            "'.example.com', without a scheme, port, path or spaces",
        ));
  const path = cookie.path ?? '/';
  if (!isCookiePath(path)) {
    found.fail(
      'cookie.path',
      `${show(path)} is not a cookie path; use one that starts with / and holds no ';', '<' ` +
        "or control characters (e.g. '/app')",
    );
  }
  const prefix = typeof name === 'string' ? cookiePrefixOf(name) : undefined;
  if (prefix && secure === false) {
    found.fail(
      'cookie.secure',
      `browsers keep a ${prefix} cookie only when it is Secure; set {cookie.secure} to true or ` +
        "'auto' (which the name makes true), or rename the cookie ({name})",
    );
  }
  if (prefix === '__Host-' && cookie.domain !== undefined) {
    found.fail(
      'cookie.domain',
      'browsers keep a __Host- cookie only without a Domain; leave it unset',
    );
  }
  if (prefix === '__Host-' && path !== '/') {
    found.fail('cookie.path', "browsers keep a __Host- cookie only with Path=/; use '/'");
  }

  const authKey = input.authKey ?? 'userId';
  if (typeof authKey !== 'string' || authKey === '') {
    found.fail('authKey', `${show(authKey)} is not allowed; use a non-empty session key`);
  } else if (isReservedKey(authKey)) {
    found.fail(
      'authKey',
      `${show(authKey)} is a reserved name that never holds session data; pick another`,
    );
  }

  const routes = objectOption(input.routes, 'routes', found);
  checkKeys(routes, 'routes.', found, mode);
  const include = routeList('routes.include', routes.include, found);
  const exclude = routeList('routes.exclude', routes.exclude, found);

  const encrypt = booleanOption('encrypt', input.encrypt, true, found);
  const maxCookieBytes = input.maxCookieBytes ?? 4096;
  if (!Number.isInteger(maxCookieBytes) || (maxCookieBytes as number) < 64) {
    found.fail(
      'maxCookieBytes',
      `${show(maxCookieBytes)} is not allowed; use a whole number >= 64`,
    );
  }
  const track = objectOption(input.track, 'track', found);
  checkKeys(track, 'track.', found, mode);

  const store = mode !== 'cookie' ? checkStoreOption(input.store ?? 'memory', found) : 'memory';
  if (production && mode === 'store' && isMemoryStore(store)) {
    found.warn(
      'store',
      'the memory store keeps sessions inside this process: with NODE_ENV=production they are ' +
        "lost on restart and not shared between instances; use 'redis', 'postgres' or 'sqlite', " +
        "or {mode} 'cookie'",
    );
  }
  const revocation =
    mode === 'cookie' && input.revocation !== undefined
      ? checkRevocationStore(input.revocation, found)
      : undefined;
  if (production && isMemoryStore(revocation)) {
    found.warn(
      'revocation',
      'the memory store keeps revocations inside this process: with NODE_ENV=production a ' +
        "revoked cookie still works on every other instance and after a restart; use 'redis', " +
        "'postgres' or 'sqlite'",
    );
  }

  const resolved: ResolvedSessionOptions = {
    mode: mode as ResolvedSessionOptions['mode'],
    secrets: secrets ?? [],
    name: name as string,
    cookie: {
      maxAge,
      path: path as string,
      domain,
      sameSite: sameSite as ResolvedSessionOptions['cookie']['sameSite'],
      // A prefixed cookie that is not Secure would be dropped by the browser.
      secure: prefix ? true : (secure as boolean | 'auto'),
      httpOnly,
    },
    rolling: booleanOption('rolling', input.rolling, false, found),
    idleTimeout: duration('idleTimeout', input.idleTimeout, found),
    absoluteTimeout: duration('absoluteTimeout', input.absoluteTimeout, found),
    proxy: booleanOption('proxy', input.proxy, false, found),
    authKey: authKey as string,
    track: {
      userAgent: booleanOption('track.userAgent', track.userAgent, false, found),
      ip: booleanOption('track.ip', track.ip, false, found),
    },
    routes: { include, exclude },
    encrypt,
    maxCookieBytes: maxCookieBytes as number,
    revocation,
    store: store ?? 'memory',
  };
  return { resolved: found.problems.length === 0 ? resolved : undefined, ...found };
}

/**
 * Validates `SessionModule` options and applies every default, throwing one
 * `SessionConfigError` with every problem; warnings go to `warn`.
 */
export function resolveSessionOptions(
  options: unknown,
  warn: (line: string) => void,
): ResolvedSessionOptions {
  const { resolved, problems, warnings } = checkSessionOptions(options);
  const asOption = (path: string) => path;
  if (!(options as { [WARNED]?: boolean } | undefined)?.[WARNED]) {
    for (const warning of warnings) {
      warn(renderProblem(warning, asOption));
    }
  }
  if (!resolved) {
    throw new SessionConfigError(problems.map((problem) => renderProblem(problem, asOption)));
  }
  return resolved;
}

/** Unknown keys of `object` (at `prefix`), with the nearest known option; other modes' warned. */
function checkKeys(
  object: Record<string, unknown>,
  prefix: string,
  found: OptionProblems,
  mode: unknown,
) {
  for (const key of Object.keys(object)) {
    const path = prefix + key;
    const known = OPTIONS[path as keyof typeof OPTIONS];
    if (object[key] === undefined) {
      continue;
    }
    if (!known) {
      const nearest = nearestName(key, OPTION_PATHS);
      found.fail(path, `not an option${nearest ? `; did you mean \`${nearest}\`?` : ''}`);
    } else if (known !== 'both' && known !== mode && (mode === 'store' || mode === 'cookie')) {
      found.warn(path, `ignored: it applies to ${known} mode, and {mode} is ${mode}`);
    }
  }
}

/** `revocation`: a store option, whose store must keep users' indexes, which revocations live in. */
function checkRevocationStore(
  option: unknown,
  found: OptionProblems,
): SessionStoreOption | undefined {
  const store = checkStoreOption(option, found, 'revocation');
  if (typeof store === 'object' && !('driver' in store) && !isUserSessionIndex(store)) {
    return found.fail(
      'revocation',
      `your ${store.constructor.name} keeps no index of each user's sessions, which revocations ` +
        "are kept in; use a built-in store ('memory', 'redis', 'postgres' or 'sqlite'), or " +
        "implement UserSessionIndex on your store (README: 'Your own store')",
    );
  }
  return store;
}

function isMemoryStore(store: SessionStoreOption | undefined): boolean {
  return store === 'memory' || (store as { driver?: unknown } | undefined)?.driver === 'memory';
}

function checkSecrets(
  secret: unknown,
  production: boolean,
  found: OptionProblems,
): string[] | undefined {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    return found.fail('secret', 'required; pass a non-empty string or a non-empty list of strings');
  }
  if (secrets.some((item) => typeof item !== 'string' || item.length === 0)) {
    return found.fail('secret', 'every secret must be a non-empty string');
  }
  // Positions, not values: a secret's length or text must not reach the logs.
  const short = secrets.flatMap((item: string, index) =>
    item.length < MIN_PRODUCTION_SECRET_LENGTH ? [index + 1] : [],
  );
  if (production && short.length > 0) {
    return found.fail(
      'secret',
      `secrets shorter than ${MIN_PRODUCTION_SECRET_LENGTH} characters (number ` +
        `${short.join(', ')} in the list; values hidden); when NODE_ENV=production every secret ` +
        `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters (e.g. from \`openssl rand -base64 32\`)`,
    );
  }
  return secrets as string[];
}

function objectOption(
  value: unknown,
  path: string,
  found: OptionProblems,
): Record<string, unknown> {
  if (value === undefined) {
    return {};
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    found.fail(path, `${show(value)} is not allowed; use an object`);
    return {};
  }
  return value as Record<string, unknown>;
}

function booleanOption(
  path: string,
  value: unknown,
  fallback: boolean,
  found: OptionProblems,
): boolean {
  if (value === undefined) {
    return fallback;
  }
  if (typeof value !== 'boolean') {
    found.fail(path, `${show(value)} is not allowed; use true or false`);
    return fallback;
  }
  return value;
}

function duration(path: string, value: unknown, found: OptionProblems): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  return parseDuration(value) ?? found.fail(path, `${show(value)} is not a duration; ${DURATION}`);
}

function routeList(
  path: string,
  value: unknown,
  found: OptionProblems,
): ResolvedSessionOptions['routes']['include'] {
  if (value === undefined) {
    return [];
  }
  const isRoute = (route: unknown) =>
    typeof route === 'string' ||
    (typeof route === 'object' &&
      route !== null &&
      typeof (route as { path?: unknown }).path === 'string');
  if (!Array.isArray(value) || !value.every(isRoute)) {
    found.fail(
      path,
      "not a list of routes; use paths ('health', 'api/{*path}') or { path, method }",
    );
    return [];
  }
  return value;
}
