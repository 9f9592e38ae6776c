import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

const PACKAGES = [
  '@nestjs/core',
  '@nestjs/platform-express',
  'express',
  'express-session',
  'cookie-session',
  'connect-redis',
  'redis',
  'pg',
  'connect-pg-simple',
  'better-sqlite3',
  'autocannon',
];

/** Cores, CPU model, memory and the load average now (others may share the machine). */
export function describeMachine(): string {
  const gb = (totalmem() / 1024 ** 3).toFixed(1);
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  // cpus(), not availableParallelism(): the runner pins itself to one core (bench/cores.ts).
  return `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${gb} GB; load average ${load}`;
}

/** Node's version and the installed versions of the packages the servers run on. */
export function describeVersions(): string {
  const versions = PACKAGES.map((name) => {
    const manifest = join(process.cwd(), 'node_modules', name, 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    return `${name} ${version}`;
  });
  return [`Node ${process.version}`, ...versions].join(', ');
}
