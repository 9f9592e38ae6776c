import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Where the load generator and the servers run: on a machine with more than one core, the
 * runner (autocannon, in this process) on core 0 and every server on the others, so that the
 * two never take turns on one core (the noise of earlier runs: up to 0.24 between two runs of
 * the same pair). On one core, nothing is pinned.
 */
export const PINNED = cpus().length > 1;

/** The cores servers run on, as taskset takes them. */
const SERVER_CORES = `1-${cpus().length - 1}`;

/** Pins this process, every thread of it, to core 0. */
export function pinRunner(): void {
  if (PINNED) {
    execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  }
}

/** The command and arguments that run `node args…` on the servers' cores. */
export function onServerCores(node: string, args: string[]): [string, string[]] {
  return PINNED ? ['taskset', ['-c', SERVER_CORES, node, ...args]] : [node, args];
}

/** How the run is pinned, for its header. */
export function describePinning(): string {
  return PINNED
    ? `load generator on core 0, servers on cores ${SERVER_CORES} (taskset)`
    : 'one core: load generator and servers share it';
}
