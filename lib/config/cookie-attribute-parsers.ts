import { cookieDomain, isCookieName, isCookiePath } from '../options/cookie-attributes.js';
import type { EnvParser } from './env-parser.js';

/** A cookie name: an HTTP token (letters, digits and ``!#$%&'*+-.^_`|~``). */
export const cookieNameEnv: EnvParser<string> = {
  parse: (text) => (isCookieName(text) ? text : undefined),
  allowed: "a cookie name made of letters, digits and !#$%&'*+-.^_`|~ (e.g. sid)",
};

/** A host name for the cookie's `Domain`, optionally with a leading dot; IDNs become ASCII. */
export const cookieDomainEnv: EnvParser<string> = {
  parse: cookieDomain,
  allowed: 'a host name such as example.com or .example.com',
};

/** A cookie `Path`: starts with `/`, no `;` and no control characters. */
export const cookiePathEnv: EnvParser<string> = {
  parse: (text) => (isCookiePath(text) ? text : undefined),
  allowed: 'a path starting with / and containing no ; (e.g. /app)',
};
