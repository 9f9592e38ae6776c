import {
  BASELINE_COMPARISONS,
  COMPARISONS,
  NODE24_COMPARISONS,
  readsUser,
  type Comparison,
  type Route,
} from './comparisons.js';
import { checkRoute, logInSessions } from './load/log-in.js';
import { measure, type Measurement } from './load/measure.js';
import { ServerProcess, type Twins } from './load/server-process.js';
import type { ComparisonResult } from './report.js';
import { serverInfo, type BenchServerName } from './servers/server-names.js';
import { isSelected, type BenchSettings } from './settings.js';

/**
 * A started server with the cookies of its logged-in sessions (none for a server without
 * sessions), or why it cannot be measured.
 */
type Started = { server: ServerProcess; cookies: string[] } | { reason: string };

/**
 * Starts every server the selected comparisons need, logs in `settings.sessions` sessions on
 * each (the requests carry their cookies in turn), then runs the rounds:
 * one round runs every comparison (A and B interleaved) before the next round starts, so each
 * ratio's rounds span the whole run.
 */
export async function runThroughput(
  settings: BenchSettings,
  twins: Twins,
): Promise<ComparisonResult[]> {
  const all = [
    ...COMPARISONS,
    ...(twins.baselineEntry ? BASELINE_COMPARISONS : []),
    ...(twins.node24 ? NODE24_COMPARISONS : []),
  ];
  const comparisons = all.filter((comparison) => isSelected(settings, comparison.id));
  const names = [...new Set(comparisons.flatMap(({ a, b }) => [a.server, b.server]))];

  const started = new Map<BenchServerName, Started>();
  try {
    for (const name of names) {
      started.set(name, await startAndLogIn(name, settings.sessions, twins));
      log(`${name}: ${describe(started.get(name)!)}`);
    }
    const unavailable = await findUnavailable(comparisons, started);
    const runnable = comparisons.filter(({ id }) => !unavailable.has(id));
    const rounds = new Map(
      runnable.map(({ id }) => [id, [] as { a: Measurement; b: Measurement }[]]),
    );

    if (settings.warmup > 0) {
      const routes = new Map(runnable.flatMap(({ a, b }) => [a, b]).map((r) => [key(r), r]));
      log(`warming up ${routes.size} routes for ${settings.warmup} s each`);
      for (const route of routes.values()) {
        await load(route, started, settings, settings.warmup);
      }
    }
    for (let round = 0; round < settings.rounds; round++) {
      for (const comparison of runnable) {
        const measured = await loadPair(comparison, started, settings, round % 2 === 1);
        rounds.get(comparison.id)!.push(measured);
        const ratio = (measured.a.rps / measured.b.rps).toFixed(2);
        log(`round ${round + 1}/${settings.rounds}  ${comparison.id}: ${ratio}`);
      }
    }
    return comparisons.map((comparison) =>
      unavailable.has(comparison.id)
        ? { comparison, unavailable: unavailable.get(comparison.id)! }
        : { comparison, rounds: rounds.get(comparison.id)! },
    );
  } finally {
    for (const entry of started.values()) {
      if ('server' in entry) {
        await entry.server.stop();
      }
    }
  }
}

async function startAndLogIn(
  name: BenchServerName,
  sessions: number,
  twins: Twins,
): Promise<Started> {
  const start = await ServerProcess.start(name, twins);
  if (!('server' in start)) {
    return start;
  }
  if (!serverInfo(name).logsIn) {
    return { server: start.server, cookies: [] };
  }
  try {
    return { server: start.server, cookies: await logInSessions(start.server.baseUrl, sessions) };
  } catch (error) {
    await start.server.stop();
    return { reason: (error as Error).message };
  }
}

/** The comparisons that cannot run, each with the reason: a server down or a route broken. */
async function findUnavailable(
  comparisons: Comparison[],
  started: Map<BenchServerName, Started>,
): Promise<Map<string, string>> {
  const broken = new Map<string, string>();
  for (const comparison of comparisons) {
    for (const route of [comparison.a, comparison.b]) {
      const entry = started.get(route.server)!;
      if (!broken.has(key(route))) {
        broken.set(key(route), await routeProblem(route, entry));
      }
    }
  }
  const unavailable = new Map<string, string>();
  for (const { id, a, b } of comparisons) {
    const problem = broken.get(key(a)) || broken.get(key(b));
    if (problem) {
      unavailable.set(id, problem);
    }
  }
  return unavailable;
}

async function routeProblem(route: Route, entry: Started): Promise<string> {
  if ('reason' in entry) {
    return `${route.server}: ${entry.reason}`;
  }
  try {
    await checkRoute(entry.server.baseUrl, route.path, entry.cookies[0], readsUser(route));
    return '';
  } catch (error) {
    return `${route.server}: ${(error as Error).message}`;
  }
}

/**
 * One round of a comparison: A, B, B, A (or B, A, A, B), half the duration each, so that a
 * machine getting steadily busier or quieter weighs on both sides alike.
 */
async function loadPair(
  { a, b }: Comparison,
  started: Map<BenchServerName, Started>,
  settings: BenchSettings,
  bFirst: boolean,
): Promise<{ a: Measurement; b: Measurement }> {
  const half = settings.duration / 2;
  const [first, second] = bFirst ? [b, a] : [a, b];
  const sequence = [first, second, second, first];
  const measured: Measurement[] = [];
  for (const route of sequence) {
    measured.push(await load(route, started, settings, half));
  }
  const firstSide = combine(measured[0], measured[3]);
  const secondSide = combine(measured[1], measured[2]);
  return bFirst ? { a: secondSide, b: firstSide } : { a: firstSide, b: secondSide };
}

/** Two equally long measurements of one route as one. */
function combine(x: Measurement, y: Measurement): Measurement {
  const cpu = (x.cpuPerRequest ?? NaN) * x.rps + (y.cpuPerRequest ?? NaN) * y.rps;
  return {
    rps: (x.rps + y.rps) / 2,
    cpuPerRequest: Number.isNaN(cpu) ? undefined : cpu / (x.rps + y.rps),
    p50: (x.p50 + y.p50) / 2,
    p99: Math.max(x.p99, y.p99),
    failures: x.failures + y.failures,
  };
}

function load(
  route: Route,
  started: Map<BenchServerName, Started>,
  settings: BenchSettings,
  duration: number,
): Promise<Measurement> {
  const entry = started.get(route.server) as { server: ServerProcess; cookies: string[] };
  return measure(
    `${entry.server.baseUrl}${route.path}`,
    route.oneSession ? entry.cookies.slice(0, 1) : entry.cookies,
    entry.server.pid,
    settings.connections,
    duration,
  );
}

function describe(entry: Started): string {
  if (!('server' in entry)) {
    return `not available (${entry.reason})`;
  }
  const sessions = entry.cookies.length;
  return `listening on port ${entry.server.port}${sessions ? `, ${sessions} sessions logged in` : ''}`;
}

function key(route: Route): string {
  return `${route.server} ${route.path}${route.oneSession ? ' (one session)' : ''}`;
}

function log(message: string): void {
  console.log(`  ${message}`);
}
