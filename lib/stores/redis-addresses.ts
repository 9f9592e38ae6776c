/** What a `redis://` or `rediss://` URL says besides the host: credentials, TLS, database. */
export interface RedisUrlParts {
  host: string;
  port: number;
  username?: string;
  password?: string;
  tls: boolean;
  database: number;
}

/** The parts of a `redis://` or `rediss://` URL; `undefined` for any other text. */
export function redisUrlParts(url: unknown): RedisUrlParts | undefined {
  if (typeof url !== 'string') {
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const { protocol, hostname, port, username, password, pathname } = parsed;
  const database = /^\/?(\d*)$/.exec(pathname)?.[1];
  if ((protocol !== 'redis:' && protocol !== 'rediss:') || !hostname || database === undefined) {
    return undefined;
  }
  return {
    host: hostname.replace(/^\[(.*)\]$/, '$1'),
    port: port ? Number(port) : 6379,
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
    tls: protocol === 'rediss:',
    database: Number(database || 0),
  };
}

/** Whether `url` names one Redis server: `redis://`, `rediss://` (TLS) or a `unix:` socket. */
export function isRedisUrl(url: string): boolean {
  return url.startsWith('unix:') ? URL.canParse(url) : redisUrlParts(url) !== undefined;
}

/**
 * What is wrong with a list of Redis addresses (`cluster`, or `sentinel.nodes`), the addresses
 * of `what`. URLs are never repeated, since they may hold a password.
 */
export function urlListProblems(list: unknown, what: string): string[] {
  if (!Array.isArray(list) || list.length === 0) {
    return [`not a list of addresses; list ${what} as redis:// URLs (rediss:// for TLS)`];
  }
  const parts = list.map(redisUrlParts);
  const bad = parts.flatMap((part, index) => (part ? [] : [index + 1]));
  if (bad.length > 0) {
    return [
      `entr${bad.length > 1 ? 'ies' : 'y'} ${bad.join(', ')} ` +
        `${bad.length > 1 ? 'are not Redis addresses' : 'is not a Redis address'}; list ${what} ` +
        'as redis://[[user]:password@]host:port URLs (rediss:// for TLS)',
    ];
  }
  const first = parts[0]!;
  const differ = parts.some(
    (part) =>
      part!.tls !== first.tls ||
      part!.username !== first.username ||
      part!.password !== first.password ||
      part!.database !== first.database,
  );
  return differ
    ? [
        `its URLs differ in scheme, user, password or database; give them all the same, since ` +
          'the module connects to every node with them',
      ]
    : [];
}
