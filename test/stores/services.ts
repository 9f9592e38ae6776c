import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/** The machine's Redis and PostgreSQL, as `scripts/start-services.sh` starts them. */
export const REDIS_URL = 'redis://127.0.0.1:6379';
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Unique per test run, for key prefixes, table names and files. */
export const RUN_ID = randomBytes(4).toString('hex');

const PORTS = { Redis: 6379, PostgreSQL: 5432 } as const;

/**
 * Whether a service the tests need is running. Missing in CI (`CI=true`), it fails the suite
 * loudly; missing locally, the caller skips its tests, with a note saying how to start it.
 *
 * @example
 * const describeRedis = (await requireService('Redis')) ? describe : describe.skip;
 */
export async function requireService(name: keyof typeof PORTS): Promise<boolean> {
  const port = PORTS[name];
  if (await isListening(port)) {
    return true;
  }
  const message = `${name} is not running on 127.0.0.1:${port}; start it with \`bash scripts/start-services.sh\``;
  if (process.env.CI === 'true') {
    throw new Error(message);
  }
  console.warn(`Skipping the ${name} tests: ${message}`);
  return false;
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
