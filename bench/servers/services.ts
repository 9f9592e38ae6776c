import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Redis, as `scripts/start-services.sh` starts it; `BENCH_REDIS_URL` overrides. */
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** PostgreSQL, as `scripts/start-services.sh` starts it; `BENCH_POSTGRES_URL` overrides. */
export const POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A SQLite file of this process alone, under the system's temporary folder. */
export function sqliteFile(): string {
  return join(tmpdir(), `nestjs-session-kit-bench-${process.pid}.sqlite`);
}
