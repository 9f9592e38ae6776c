/**
 * A store URL fit for logs and error messages: scheme, host, port and path, never the user
 * name, password or query (which may carry credentials).
 */
export function redactUrl(url: string): string {
  try {
    const { protocol, host, pathname } = new URL(url);
    return `${protocol}//${host}${pathname === '/' ? '' : pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}
