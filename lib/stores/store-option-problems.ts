import session from 'express-session';

const DRIVERS = ['memory', 'redis', 'postgres', 'sqlite'] as const;
type Driver = (typeof DRIVERS)[number];

const OPTIONS: Record<Driver, readonly string[]> = {
  memory: ['driver', 'max'],
  redis: ['driver', 'url', 'prefix', 'client'],
  postgres: ['driver', 'url', 'prefix', 'client'],
  sqlite: ['driver', 'url', 'prefix', 'client'],
};

/** What a user-supplied `client` must have, per driver. */
const CLIENT_METHODS: Record<Exclude<Driver, 'memory'>, readonly string[]> = {
  redis: ['get', 'set', 'on', 'off'],
  postgres: ['query', 'on', 'off'],
  sqlite: ['prepare', 'exec'],
};

const URL_PROTOCOLS: Partial<Record<Driver, readonly string[]>> = {
  redis: ['redis:', 'rediss:', 'unix:'],
  postgres: ['postgres:', 'postgresql:'],
};

const URL_EXAMPLES: Partial<Record<Driver, string>> = {
  redis: 'redis://[:password@]host:6379[/db] or rediss://… for TLS',
  postgres: 'postgres://user:password@host:5432/database',
};

/** A table name that needs no escaping and leaves room for the index name's suffix. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,49}$/;

const USAGE =
  "use 'memory', 'redis', 'postgres' or 'sqlite', an object { driver, url?, prefix?, client? } " +
  "({ driver: 'memory', max? } for memory) or an express-session Store instance";

/**
 * Every problem with the `store` option, as lines for `SessionConfigError`; empty when it is
 * valid. URLs are never repeated back, since they may hold a password.
 */
export function storeOptionProblems(store: unknown): string[] {
  if (typeof store === 'string') {
    return isDriver(store) ? [] : [`store: "${store}" is not a store; ${USAGE}`];
  }
  if (store === null || typeof store !== 'object') {
    return [`store: not a store; ${USAGE}`];
  }
  if (!('driver' in store)) {
    return isStore(store)
      ? []
      : [`store: this object is neither a Store nor store options; ${USAGE}`];
  }
  const options = store as Record<string, unknown>;
  const { driver } = options;
  if (!isDriver(driver)) {
    return [`store.driver: "${String(driver)}" is not a store; ${USAGE}`];
  }

  const problems = Object.keys(options)
    .filter((key) => options[key] !== undefined && !OPTIONS[driver].includes(key))
    .map(
      (key) =>
        `store.${key}: the ${driver} store has no such option; it takes ` +
        OPTIONS[driver].join(', '),
    );
  if (driver === 'memory') {
    const { max } = options;
    if (max !== undefined && !(Number.isInteger(max) && (max as number) > 0)) {
      problems.push(`store.max: ${String(max)} is not allowed; use a whole number > 0`);
    }
    return problems;
  }

  const { url, prefix, client } = options;
  if (url !== undefined && client !== undefined) {
    problems.push(`store: pass either url or client to the ${driver} store, not both`);
  }
  if (url !== undefined && !isUrlFor(driver, url)) {
    problems.push(
      driver === 'sqlite'
        ? 'store.url: use the path of the SQLite database file'
        : `store.url: not a ${driver} URL; use ${URL_EXAMPLES[driver]}`,
    );
  }
  if (prefix !== undefined) {
    if (driver === 'redis' && (typeof prefix !== 'string' || prefix === '')) {
      problems.push('store.prefix: use a non-empty string such as "sess:"');
    } else if (driver !== 'redis' && (typeof prefix !== 'string' || !TABLE_NAME.test(prefix))) {
      problems.push(
        `store.prefix: "${String(prefix)}" is not a usable table name; use up to 50 letters, ` +
          'digits and underscores, not starting with a digit',
      );
    }
  }
  if (client !== undefined && !hasMethods(client, CLIENT_METHODS[driver])) {
    problems.push(
      `store.client: not a ${driver} client; it needs ${CLIENT_METHODS[driver].join(', ')} ` +
        `(pass ${clientExample(driver)})`,
    );
  }
  return problems;
}

function isDriver(value: unknown): value is Driver {
  return (DRIVERS as readonly unknown[]).includes(value);
}

function isStore(value: object): boolean {
  // A Store built on another copy of express-session fails `instanceof` but works all the same.
  return (
    value instanceof session.Store ||
    hasMethods(value, ['get', 'set', 'destroy', 'on', 'createSession'])
  );
}

function isUrlFor(driver: Driver, url: unknown): boolean {
  if (typeof url !== 'string' || url.trim() === '') {
    return false;
  }
  const protocols = URL_PROTOCOLS[driver];
  if (!protocols) {
    return true;
  }
  try {
    const { protocol, pathname } = new URL(url);
    return (
      protocols.includes(protocol) &&
      (driver !== 'redis' || protocol === 'unix:' || /^\/?\d*$/.test(pathname))
    );
  } catch {
    return false;
  }
}

function hasMethods(value: unknown, methods: readonly string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function')
  );
}

function clientExample(driver: Exclude<Driver, 'memory'>): string {
  return {
    redis: "a connected client from the 'redis' package's createClient()",
    postgres: "a Pool from the 'pg' package",
    sqlite: "a Database from the 'better-sqlite3' package",
  }[driver];
}
