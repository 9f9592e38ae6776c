import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/** The machine's servers, as `scripts/start-services.sh` starts them. */
export const REDIS_URL = 'redis://127.0.0.1:6379';
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** The Redis Cluster's three masters. */
export const CLUSTER_URLS = [7001, 7002, 7003].map((port) => `redis://127.0.0.1:${port}`);
/** The sentinel, and the name of the master it watches (on 6380, its replica on 6381). */
export const SENTINEL_URL = 'redis://127.0.0.1:26379';
export const SENTINEL_MASTER = 'sessions';

/** Unique per test run, for key prefixes, table names and files. */
export const RUN_ID = randomBytes(4).toString('hex');

const PORTS = {
  Redis: [6379],
  PostgreSQL: [5432],
  'Redis Cluster': [7001, 7002, 7003],
  'Redis Sentinel': [26379, 6380, 6381],
} as const;

/**
 * Fails the suite when a service the tests need is not running, saying how to start it.
 * `npm test` starts them first (scripts/ensure-test-prerequisites.sh), so a missing service
 * means jest was run some other way, or the service stopped: never a reason to skip.
 *
 * @example
 * await requireService('Redis');
 */
export async function requireService(name: keyof typeof PORTS): Promise<void> {
  for (const port of PORTS[name]) {
    if (!(await isListening(port))) {
      throw new Error(
        `${name} is not running (nothing on 127.0.0.1:${port}): run \`npm test\` (it starts ` +
          'it) or `bash scripts/start-services.sh`',
      );
    }
  }
}

/** Fails the suite when any service the store tests use is missing (see `requireService`). */
export async function requireStoreServices(): Promise<void> {
  for (const name of Object.keys(PORTS) as (keyof typeof PORTS)[]) {
    await requireService(name);
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
