import { domainToASCII } from 'node:url';

const DOMAIN_LABEL = /^[\p{L}\p{N}-]+$/u;
/** A cookie `Path` as the `cookie` package writes it: printable ASCII but `;` and `<`. */
const COOKIE_PATH = /^\/[\u0020-\u003A\u003D-\u007E]*$/;
/** A cookie name: an HTTP token (letters, digits and ``!#$%&'*+-.^_`|~``). */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Cookie name prefixes that browsers enforce (RFC 6265bis), matched in any case as they are. */
export type CookiePrefix = '__Host-' | '__Secure-';

export function isCookieName(name: unknown): name is string {
  return typeof name === 'string' && COOKIE_NAME.test(name);
}

/**
 * The `Domain` attribute for `domain`: a host name, optionally with a leading dot, with IDNs
 * turned into ASCII; `undefined` for anything else (a scheme, a port, a path, spaces, empty
 * labels).
 */
export function cookieDomain(domain: unknown): string | undefined {
  if (typeof domain !== 'string') {
    return undefined;
  }
  const dot = domain.startsWith('.') ? '.' : '';
  const host = domain.slice(dot.length);
  const ascii = host.split('.').every((label) => DOMAIN_LABEL.test(label)) && domainToASCII(host);
  return ascii ? dot + ascii : undefined;
}

/** Whether `path` can be a cookie's `Path`: it starts with `/` and holds no `;` or controls. */
export function isCookiePath(path: unknown): path is string {
  return typeof path === 'string' && COOKIE_PATH.test(path);
}

/** The prefix that makes browsers hold a cookie called `name` to stricter rules, if any. */
export function cookiePrefixOf(name: string): CookiePrefix | undefined {
  const lower = name.toLowerCase();
  return lower.startsWith('__host-')
    ? '__Host-'
    : lower.startsWith('__secure-')
      ? '__Secure-'
      : undefined;
}
