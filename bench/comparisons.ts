import { EXCLUDED_PATH } from './servers/bench-routes.js';
import { KIT_SERVERS, type BenchServerName, type ServerName } from './servers/server-names.js';

/**
 * One route of one server, loaded with the cookies of the server's logged-in sessions in turn,
 * or with `oneSession`, every request with the first one's (one busy user).
 */
export interface Route {
  server: BenchServerName;
  path: string;
  oneSession?: boolean;
}

/** A ratio the benchmark measures: `a` ÷ `b`, with A and B loaded back to back in each round. */
export interface Comparison {
  id: string;
  a: Route;
  b: Route;
}

/**
 * A goal, judged by CPU per request (req/s is shown beside it): every listed comparison at or
 * above `threshold`; or, with `atLeast`, each listed comparison at least its counterpart in
 * `atLeast` (same position).
 */
export interface Target {
  title: string;
  threshold: number;
  comparisons: string[];
  atLeast?: string[];
}

const SESSION_PATHS = ['/none', '/read', '/write'] as const;

/** `a` ÷ `b` on each of `/none`, `/read` and `/write`. */
function onEveryPath(a: BenchServerName, b: BenchServerName): Comparison[] {
  return SESSION_PATHS.map((path) => ({
    id: `${a} ÷ ${b} ${path}`,
    a: { server: a, path },
    b: { server: b, path },
  }));
}

const ids = (comparisons: Comparison[], paths: readonly string[] = SESSION_PATHS) =>
  comparisons.filter(({ a }) => paths.includes(a.path)).map(({ id }) => id);

const encrypted = onEveryPath('kit-cookie-encrypted', 'ceiling');
const signed = onEveryPath('kit-cookie-signed', 'cookie-session');
const storeMemory = onEveryPath('kit-store-memory', 'express-session-memory');
const storeRedis = onEveryPath('kit-store-redis', 'express-session-redis');
const storePostgres = onEveryPath('kit-store-postgres', 'express-session-postgres');
const storeSqlite = onEveryPath('kit-store-sqlite', 'express-session-sqlite');
/** Encryption against the field's signed-only choice, on the route that seals. */
const encryptedWrite: Comparison = {
  id: 'kit-cookie-encrypted ÷ cookie-session /write',
  a: { server: 'kit-cookie-encrypted', path: '/write' },
  b: { server: 'cookie-session', path: '/write' },
};
/** Every connection on one session: saves of one session queue up (raw connect-redis loses them). */
const busyRedis: Comparison = {
  id: 'kit-store-redis ÷ express-session-redis /write, one busy session',
  a: { server: 'kit-store-redis', path: '/write', oneSession: true },
  b: { server: 'express-session-redis', path: '/write', oneSession: true },
};
const fastifyEncrypted = onEveryPath('kit-fastify-cookie-encrypted', 'fastify-secure-session');
const fastifyCeiling = (
  ['kit-fastify-cookie-encrypted', 'kit-fastify-cookie-signed', 'kit-fastify-store-memory'] as const
).flatMap((name) => onEveryPath(name, 'fastify-ceiling'));
const expressCeiling = (
  ['kit-cookie-encrypted', 'kit-cookie-signed', 'kit-store-memory'] as const
).flatMap((name) => onEveryPath(name, 'ceiling'));
const excluded: Comparison = {
  id: `kit-store-memory-routes ${EXCLUDED_PATH} (excluded) ÷ ceiling /none`,
  a: { server: 'kit-store-memory-routes', path: EXCLUDED_PATH },
  b: { server: 'ceiling', path: '/none' },
};
/** What setting `routes` costs the routes the middleware still runs on. */
const withRoutes: Comparison = {
  id: 'kit-store-memory-routes ÷ kit-store-memory /read',
  a: { server: 'kit-store-memory-routes', path: '/read' },
  b: { server: 'kit-store-memory', path: '/read' },
};
const service: Comparison = {
  id: 'kit-store-memory /read: SessionService ÷ @Session()',
  a: { server: 'kit-store-memory', path: '/read/service' },
  b: { server: 'kit-store-memory', path: '/read' },
};
const scoped: Comparison = {
  id: 'kit-store-memory /read: request-scoped provider ÷ @Session()',
  a: { server: 'kit-store-memory', path: '/read/scoped' },
  b: { server: 'kit-store-memory', path: '/read' },
};

/** Every comparison, in the order each round runs them and the table lists them. */
export const COMPARISONS: Comparison[] = [
  ...encrypted,
  ...signed,
  ...storeMemory,
  ...storeRedis,
  ...storePostgres,
  ...storeSqlite,
  encryptedWrite,
  busyRedis,
  excluded,
  service,
  scoped,
  // Context, no target: what `routes` costs, and what the raw middleware and the SQL stores
  // cost against the ceiling.
  withRoutes,
  ...onEveryPath('express-session-memory', 'ceiling'),
  ...onEveryPath('cookie-session', 'ceiling'),
  ...onEveryPath('kit-store-postgres', 'ceiling'),
  ...onEveryPath('kit-store-sqlite', 'ceiling'),
  // Fastify: the module beside Nest's recipe (@fastify/secure-session) and @fastify/session,
  // and how close each mode comes to the ceiling on Fastify and on Express.
  ...fastifyEncrypted,
  ...onEveryPath('kit-fastify-store-memory', 'fastify-session'),
  ...fastifyCeiling,
  ...expressCeiling.filter(({ id }) => !encrypted.some((comparison) => comparison.id === id)),
];

/** With `BENCH_BASELINE`: every kit server ÷ itself built from the baseline revision. */
export const BASELINE_COMPARISONS: Comparison[] = KIT_SERVERS.flatMap((name) =>
  onEveryPath(name, `${name}@baseline`),
);

/** `comparison` with both sides on Node 24. */
function onNode24({ id, a, b }: Comparison): Comparison {
  const twin = (route: Route): Route => ({
    ...route,
    server: `${route.server as ServerName}@node24`,
  });
  return { id: `${id} @node24`, a: twin(a), b: twin(b) };
}

/**
 * With Node 24: every comparison again, both sides on Node 24, but SQLite's: better-sqlite3's
 * native addon is built for the Node that installed it, and neither a prebuilt one nor Node's
 * headers can be downloaded here to build one for Node 24.
 */
export const NODE24_COMPARISONS: Comparison[] = COMPARISONS.filter(
  ({ a, b }) => !`${a.server} ${b.server}`.includes('sqlite'),
).map(onNode24);

/** The targets, each with the comparisons it is judged on. */
export const TARGETS: Target[] = [
  {
    title: 'cookie mode, encrypted ≥ 0.80 of the ceiling on /read and /write',
    threshold: 0.8,
    comparisons: ids(encrypted, ['/read', '/write']),
  },
  {
    title:
      'cookie mode, encrypted /write ≥ raw cookie-session /write (which only signs): ' +
      'encryption for free',
    threshold: 1,
    comparisons: [encryptedWrite.id],
  },
  {
    title: 'store mode, memory ≥ 0.97 of raw express-session on every route',
    threshold: 0.97,
    comparisons: ids(storeMemory),
  },
  {
    title: 'store mode, Redis ≥ 0.97 of raw express-session + connect-redis on /none and /read',
    threshold: 0.97,
    comparisons: ids(storeRedis, ['/none', '/read']),
  },
  {
    title: 'store mode, Redis /write ≥ 0.90 of raw connect-redis, with the per-key merge',
    threshold: 0.9,
    comparisons: ids(storeRedis, ['/write']),
  },
  {
    title: 'store mode, Redis /write ≥ 0.70 of raw connect-redis with one busy session',
    threshold: 0.7,
    comparisons: [busyRedis.id],
  },
  {
    title:
      'store mode, PostgreSQL ≥ 0.97 of raw express-session + connect-pg-simple on every route',
    threshold: 0.97,
    comparisons: ids(storePostgres),
  },
  {
    title: 'store mode, SQLite ≥ 0.97 of raw express-session + a minimal better-sqlite3 store',
    threshold: 0.97,
    comparisons: ids(storeSqlite),
  },
  {
    title: 'a route excluded by `routes` ≥ 0.97 of the ceiling',
    threshold: 0.97,
    comparisons: [excluded.id],
  },
  {
    title: 'SessionService ≥ 0.97 of @Session() on /read',
    threshold: 0.97,
    comparisons: [service.id],
  },
  {
    title: 'cookie mode, signed (`encrypt: false`) ≥ 0.95 of raw cookie-session',
    threshold: 0.95,
    comparisons: ids(signed),
  },
  {
    title:
      "Fastify: cookie mode, encrypted ≥ 0.95 of @fastify/secure-session (Nest's recipe) on " +
      '/read and /write',
    threshold: 0.95,
    comparisons: ids(fastifyEncrypted, ['/read', '/write']),
  },
  {
    title: 'Fastify: every mode at least as close to its ceiling as on Express',
    threshold: 0,
    comparisons: ids(fastifyCeiling),
    atLeast: ids(expressCeiling),
  },
];

/** The same targets judged on Node 24 (both sides of every comparison on Node 24). */
export const NODE24_TARGETS: Target[] = TARGETS.filter(
  ({ comparisons }) => !comparisons.some((id) => id.includes('sqlite')),
).map((target) => ({
  ...target,
  title: `Node 24: ${target.title}`,
  comparisons: target.comparisons.map((id) => `${id} @node24`),
  atLeast: target.atLeast?.map((id) => `${id} @node24`),
}));

/** Routes whose response names the logged-in user. */
export function readsUser(route: Route): boolean {
  return !route.server.replace(/@\w+$/, '').endsWith('ceiling') && route.path.startsWith('/read');
}
