import autocannon from 'autocannon';
import { cookiesInTurn } from './cookies-in-turn.js';
import { cpuTimeMs } from './cpu-time.js';

/** One autocannon run against one route. */
export interface Measurement {
  /** Responses per second over the run. */
  rps: number;
  /** Latency percentiles, in milliseconds. */
  p50: number;
  p99: number;
  /** CPU time the server spent per response, in microseconds; undefined without `/proc`. */
  cpuPerRequest: number | undefined;
  /** Non-2xx responses, errors and timeouts: any makes the run suspect. */
  failures: number;
}

/**
 * Loads `url` for `duration` seconds over `connections` keep-alive connections, counting the
 * CPU time of the server process `pid`. Each request carries the next of `cookies` in turn
 * (none if empty).
 */
export async function measure(
  url: string,
  cookies: readonly string[],
  pid: number,
  connections: number,
  duration: number,
): Promise<Measurement> {
  const inTurn = cookies.length > 0 ? cookiesInTurn(cookies, connections) : undefined;
  const cpuBefore = cpuTimeMs(pid);
  const result = await autocannon({
    url,
    connections,
    duration,
    setupClient: inTurn?.setupClient,
  });
  const cpuAfter = cpuTimeMs(pid);
  const cpuMs =
    cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return {
    rps: result.requests.total / (result.duration - (inTurn?.setupMs ?? 0) / 1000),
    cpuPerRequest: cpuMs === undefined ? undefined : (1000 * cpuMs) / result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
