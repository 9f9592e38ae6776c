/** Every server the benchmark starts, each in its own process. */
export const SERVERS = [
  { name: 'ceiling', label: 'Nest, no sessions (ceiling)', logsIn: false },
  { name: 'express-session-memory', label: 'raw express-session, MemoryStore', logsIn: true },
  { name: 'express-session-redis', label: 'raw express-session, connect-redis', logsIn: true },
  {
    name: 'express-session-postgres',
    label: 'raw express-session, connect-pg-simple',
    logsIn: true,
  },
  {
    name: 'express-session-sqlite',
    label: 'raw express-session, a minimal better-sqlite3 store',
    logsIn: true,
  },
  { name: 'cookie-session', label: 'raw cookie-session', logsIn: true },
  { name: 'kit-store-memory', label: 'kit store mode, memory', logsIn: true },
  {
    name: 'kit-store-memory-routes',
    label: 'kit store mode, memory, with `routes.exclude` set',
    logsIn: true,
  },
  { name: 'kit-store-redis', label: 'kit store mode, Redis', logsIn: true },
  { name: 'kit-store-postgres', label: 'kit store mode, PostgreSQL', logsIn: true },
  { name: 'kit-store-sqlite', label: 'kit store mode, SQLite', logsIn: true },
  { name: 'kit-cookie-signed', label: 'kit cookie mode, signed', logsIn: true },
  { name: 'kit-cookie-encrypted', label: 'kit cookie mode, encrypted', logsIn: true },
  { name: 'fastify-ceiling', label: 'Nest on Fastify, no sessions (ceiling)', logsIn: false },
  {
    name: 'fastify-secure-session',
    label: "Nest on Fastify, @fastify/secure-session (Nest's recipe)",
    logsIn: true,
  },
  {
    name: 'fastify-session',
    label: 'Nest on Fastify, @fastify/session + @fastify/cookie',
    logsIn: true,
  },
  { name: 'kit-fastify-store-memory', label: 'kit on Fastify, store mode, memory', logsIn: true },
  { name: 'kit-fastify-cookie-signed', label: 'kit on Fastify, cookie mode, signed', logsIn: true },
  {
    name: 'kit-fastify-cookie-encrypted',
    label: 'kit on Fastify, cookie mode, encrypted',
    logsIn: true,
  },
] as const;

export type ServerName = (typeof SERVERS)[number]['name'];

/** A server of this module run from the `BENCH_BASELINE` revision's build instead. */
export type BaselineServerName = `${Extract<ServerName, `kit-${string}`>}@baseline`;

/** A server run on Node 24 instead of the Node that runs the benchmark. */
export type Node24ServerName = `${ServerName}@node24`;

/** Any server a comparison can load. */
export type BenchServerName = ServerName | BaselineServerName | Node24ServerName;

/** The kit servers, each of which has a baseline twin. */
export const KIT_SERVERS = SERVERS.flatMap(({ name }) =>
  name.startsWith('kit-') ? [name as Extract<ServerName, `kit-${string}`>] : [],
);

/** The server `name` runs (a twin runs its original). */
export function baseServer(name: BenchServerName): ServerName {
  return name.replace(/@(baseline|node24)$/, '') as ServerName;
}

/** The entry of server `name`. */
export function serverInfo(name: BenchServerName): (typeof SERVERS)[number] {
  return SERVERS.find((server) => server.name === baseServer(name))!;
}

export function isServerName(name: string): name is ServerName {
  return SERVERS.some((server) => server.name === name);
}
