import type { IncomingMessage } from 'node:http';

/**
 * Removes every cookie called one of `names` from the request when any of them was sent more
 * than once. Two session cookies mean someone planted one (cookie tossing) or a stale one
 * shadows the real one: either way, the request is treated as having no session.
 */
export function dropDuplicatedCookies(req: IncomingMessage, names: readonly string[]): void {
  const header = req.headers.cookie;
  if (!header || !names.some((name) => occursTwice(header, `${name}=`))) {
    return;
  }
  const pairs = header.split(';').map((pair) => pair.trim());
  const counts = new Map<string, number>();
  for (const pair of pairs) {
    const name = pair.slice(0, pair.indexOf('='));
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const duplicated = names.filter((name) => (counts.get(name) ?? 0) > 1);
  if (duplicated.length > 0) {
    const dropped = new Set(names);
    req.headers.cookie = pairs
      .filter((pair) => !dropped.has(pair.slice(0, pair.indexOf('='))))
      .join('; ');
  }
}

function occursTwice(header: string, needle: string): boolean {
  const first = header.indexOf(needle);
  return first !== -1 && header.indexOf(needle, first + needle.length) !== -1;
}
