import { EXCLUDED_PATH } from './servers/bench-routes.js';
import { KIT_SERVERS, type BenchServerName } from './servers/server-names.js';

/** One route of one server, loaded with the server's logged-in cookie. */
export interface Route {
  server: BenchServerName;
  path: string;
}

/** A ratio the benchmark measures: `a` ÷ `b`, with A and B loaded back to back in each round. */
export interface Comparison {
  id: string;
  a: Route;
  b: Route;
}

/**
 * A goal: every listed comparison at or above `threshold`, by req/s (the default) or by CPU
 * per request; or, with `atLeast`, each listed comparison's CPU ratio at least that of its
 * counterpart in `atLeast` (same position).
 */
export interface Target {
  title: string;
  threshold: number;
  comparisons: string[];
  by?: 'rps' | 'cpu';
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

/** The targets of issue 8, each with the comparisons it is judged on. */
export const TARGETS: Target[] = [
  {
    title: 'cookie mode, encrypted ≥ 0.80 of the ceiling on /read and /write',
    threshold: 0.8,
    comparisons: ids(encrypted, ['/read', '/write']),
  },
  {
    title: 'store mode, memory ≥ 0.97 of raw express-session on every route',
    threshold: 0.97,
    comparisons: ids(storeMemory),
  },
  {
    title: 'store mode, Redis ≥ 0.97 of raw express-session + connect-redis on every route',
    threshold: 0.97,
    comparisons: ids(storeRedis),
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
    title: 'cookie mode, signed (`encrypt: false`) ≥ 0.95 of raw cookie-session by CPU per request',
    threshold: 0.95,
    comparisons: ids(signed),
    by: 'cpu',
  },
  {
    title:
      "Fastify: cookie mode, encrypted ≥ 0.95 of @fastify/secure-session (Nest's recipe) on " +
      '/read and /write by CPU per request',
    threshold: 0.95,
    comparisons: ids(fastifyEncrypted, ['/read', '/write']),
    by: 'cpu',
  },
  {
    title: 'Fastify: every mode at least as close to its ceiling as on Express, by CPU per request',
    threshold: 0,
    comparisons: ids(fastifyCeiling),
    atLeast: ids(expressCeiling),
  },
];

/** Routes whose response names the logged-in user. */
export function readsUser(route: Route): boolean {
  return !route.server.endsWith('ceiling') && route.path.startsWith('/read');
}
