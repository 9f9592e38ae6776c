import { SessionConfigError } from '../errors/session-config.error.js';
import type { SessionModuleOptions } from '../interfaces/session-module-options.interface.js';
import { isReservedKey } from '../session-keys.js';
import { storeOptionProblems } from '../stores/store-option-problems.js';
import { cookieDomain, cookiePrefixOf, isCookieName, isCookiePath } from './cookie-attributes.js';
import { parseDuration } from './parse-duration.js';
import type { ResolvedSessionOptions } from './resolved-session-options.js';

const ONE_DAY = 24 * 60 * 60 * 1000;
const SAME_SITE_VALUES = ['lax', 'strict', 'none'] as const;

/**
 * Validates `SessionModule` options and applies every default in one place. All problems are
 * reported together in one `SessionConfigError`, which never includes a secret's value.
 */
export function resolveSessionOptions(options: SessionModuleOptions): ResolvedSessionOptions {
  const problems: string[] = [];
  const fail = (problem: string) => {
    problems.push(problem);
    return undefined;
  };
  if (options === null || typeof options !== 'object') {
    throw new SessionConfigError(['options must be an object with at least `secret`']);
  }

  const mode = options.mode ?? 'store';
  if (mode !== 'store' && mode !== 'cookie') {
    fail(`mode: "${String(mode)}" is not a session mode; use 'store' or 'cookie'`);
  }

  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    fail('secret: required; pass a non-empty string or a non-empty list of strings');
  } else if (secrets.some((secret) => typeof secret !== 'string' || secret.length === 0)) {
    fail('secret: every secret must be a non-empty string');
  }

  const name = options.name ?? 'sid';
  if (!isCookieName(name)) {
    fail(`name: "${String(name)}" is not a valid cookie name`);
  }

  const cookie = options.cookie ?? {};
  const maxAge = duration('cookie.maxAge', cookie.maxAge) ?? ONE_DAY;
  const sameSite = cookie.sameSite ?? 'lax';
  if (!SAME_SITE_VALUES.includes(sameSite)) {
    fail(`cookie.sameSite: "${String(sameSite)}" is not allowed; use 'lax', 'strict' or 'none'`);
  }
  const secure = cookie.secure ?? 'auto';
  if (secure !== true && secure !== false && secure !== 'auto') {
    fail(`cookie.secure: "${String(secure)}" is not allowed; use true, false or 'auto'`);
  }
  if (sameSite === 'none' && secure === false) {
    fail("cookie.sameSite: 'none' requires secure cookies; set cookie.secure to true or 'auto'");
  }
  const domain =
    cookie.domain === undefined
      ? undefined
      : (cookieDomain(cookie.domain) ??
        fail(
          `cookie.domain: "${String(cookie.domain)}" is not a host name; use one such as ` +
            "'example.com' or '.example.com', without a scheme, port, path or spaces",
        ));
  const path = cookie.path ?? '/';
  if (!isCookiePath(path)) {
    fail(
      `cookie.path: "${String(path)}" is not a cookie path; use one that starts with / and ` +
        "holds no ';', '<' or control characters (e.g. '/app')",
    );
  }
  const prefix = typeof name === 'string' ? cookiePrefixOf(name) : undefined;
  if (prefix && secure === false) {
    fail(
      `cookie.secure: browsers keep a ${prefix} cookie only when it is Secure; set ` +
        "cookie.secure to true or 'auto' (which a prefixed name makes true), or rename it",
    );
  }
  if (prefix === '__Host-' && (cookie.domain !== undefined || path !== '/')) {
    fail(
      'cookie.domain / cookie.path: browsers keep a __Host- cookie only without a Domain and ' +
        "with Path=/; leave cookie.domain unset and cookie.path '/', or rename it",
    );
  }

  const authKey = options.authKey ?? 'userId';
  if (typeof authKey !== 'string' || authKey === '') {
    fail('authKey: must be a non-empty string');
  } else if (isReservedKey(authKey)) {
    fail(`authKey: "${authKey}" is a reserved name that can never hold session data; pick another`);
  }

  const encrypt = (options.mode === 'cookie' ? options.encrypt : undefined) ?? true;
  if (typeof encrypt !== 'boolean') {
    fail(`encrypt: "${String(encrypt)}" is not allowed; use true or false`);
  }

  const maxCookieBytes = (options.mode === 'cookie' ? options.maxCookieBytes : undefined) ?? 4096;
  if (!Number.isInteger(maxCookieBytes) || maxCookieBytes < 64) {
    fail(`maxCookieBytes: ${String(maxCookieBytes)} is not allowed; use a whole number >= 64`);
  }

  const store = options.mode === 'cookie' ? 'memory' : (options.store ?? 'memory');
  problems.push(...storeOptionProblems(store));

  const resolved: ResolvedSessionOptions = {
    mode,
    secrets: secrets as string[],
    name,
    cookie: {
      maxAge,
      path,
      domain,
      sameSite,
      // A prefixed cookie that is not Secure would be dropped by the browser.
      secure: prefix ? true : secure,
      httpOnly: cookie.httpOnly ?? true,
    },
    rolling: options.rolling ?? false,
    idleTimeout: duration('idleTimeout', options.idleTimeout),
    absoluteTimeout: duration('absoluteTimeout', options.absoluteTimeout),
    proxy: options.proxy ?? false,
    authKey,
    routes: { include: options.routes?.include ?? [], exclude: options.routes?.exclude ?? [] },
    encrypt,
    maxCookieBytes,
    store,
  };
  if (problems.length > 0) {
    throw new SessionConfigError(problems);
  }
  return resolved;

  function duration(option: string, value: unknown): number | undefined {
    if (value === undefined) {
      return undefined;
    }
    return (
      parseDuration(value) ??
      fail(
        `${option}: "${String(value)}" is not a duration; use milliseconds or '90s', '30m', '12h', '7d'`,
      )
    );
  }
}
