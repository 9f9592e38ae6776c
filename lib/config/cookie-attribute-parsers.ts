import { validateHeaderName } from 'node:http';
import { domainToASCII } from 'node:url';
import type { EnvParser } from './env-parser.js';

const DOMAIN_LABEL = /^[\p{L}\p{N}-]+$/u;

/** A cookie name: an HTTP token (letters, digits and ``!#$%&'*+-.^_`|~``). */
export const cookieNameEnv: EnvParser<string> = {
  parse: (text) => {
    try {
      // Cookie names follow the same token grammar as header names.
      validateHeaderName(text);
      return text;
    } catch {
      return undefined;
    }
  },
  allowed: "a cookie name made of letters, digits and !#$%&'*+-.^_`|~ (e.g. sid)",
};

/** A host name for the cookie's `Domain`, optionally with a leading dot; IDNs become ASCII. */
export const cookieDomainEnv: EnvParser<string> = {
  parse: (text) => {
    const dot = text.startsWith('.') ? '.' : '';
    const host = text.slice(dot.length);
    const ascii = host.split('.').every((label) => DOMAIN_LABEL.test(label)) && domainToASCII(host);
    return ascii ? dot + ascii : undefined;
  },
  allowed: 'a host name such as example.com or .example.com',
};

/** A cookie `Path`: starts with `/`, no `;` and no control characters. */
export const cookiePathEnv: EnvParser<string> = {
  parse: (text) =>
    text.startsWith('/') && ![...text].some((char) => char === ';' || char < ' ' || char === '\x7f')
      ? text
      : undefined,
  allowed: 'a path starting with / and containing no ; (e.g. /app)',
};
