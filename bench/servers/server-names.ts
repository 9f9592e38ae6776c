/** Every server the benchmark starts, each in its own process. */
export const SERVERS = [
  { name: 'ceiling', label: 'Nest, no sessions (ceiling)', logsIn: false },
  { name: 'express-session-memory', label: 'raw express-session, MemoryStore', logsIn: true },
  { name: 'express-session-redis', label: 'raw express-session, connect-redis', logsIn: true },
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
] as const;

export type ServerName = (typeof SERVERS)[number]['name'];

/** The entry of server `name`. */
export function serverInfo(name: ServerName): (typeof SERVERS)[number] {
  return SERVERS.find((server) => server.name === name)!;
}

export function isServerName(name: string): name is ServerName {
  return SERVERS.some((server) => server.name === name);
}
