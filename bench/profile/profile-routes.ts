/**
 * `npm run bench:profile -- <server>:<path> [<server>:<path>]`: runs each server under
 * `--cpu-prof`, sends a fixed number of requests to the route carrying the cookies of its
 * logged-in sessions in turn (`BENCH_SESSIONS`, 1,000), and prints where the CPU time of one
 * request went (self time, µs per request). Given two routes, it also prints where the first
 * spends more than the second, by package and by function.
 *
 * @example
 * npm run bench:profile -- kit-cookie-encrypted:/read ceiling:/read
 */
import autocannon from 'autocannon';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cookiesInTurn } from '../load/cookies-in-turn.js';
import { logInSessions } from '../load/log-in.js';
import { ServerProcess } from '../load/server-process.js';
import { prepareBaseline } from '../baseline.js';
import {
  baseServer,
  isServerName,
  serverInfo,
  type BenchServerName,
} from '../servers/server-names.js';
import { readBenchSettings } from '../settings.js';
import { readSelfTime, type SelfTime } from './cpu-profile.js';

const WARM_UP_REQUESTS = 10_000;
const REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 50_000);
const CONNECTIONS = 32;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const SHOWN = 15;

interface Profiled {
  label: string;
  /** Self time per request, in µs. */
  perRequest: SelfTime;
}

const routes = process.argv.slice(2).map((arg) => {
  const [server, path] = [arg.slice(0, arg.indexOf(':')), arg.slice(arg.indexOf(':') + 1)];
  if (!isServerName(baseServer(server as BenchServerName)) || !path.startsWith('/')) {
    throw new Error(`"${arg}" is not <server>:<path>, e.g. kit-store-memory:/read`);
  }
  return { server: server as BenchServerName, path };
});
if (routes.length < 1 || routes.length > 2) {
  throw new Error('give one or two <server>:<path> routes');
}

// `<kit server>@baseline` profiles the BENCH_BASELINE revision's build of that server.
const { baseline: revision } = readBenchSettings();
const needsBaseline = routes.some(({ server }) => server.endsWith('@baseline'));
const baseline = needsBaseline && revision ? prepareBaseline(revision) : undefined;

// Start-up is in the profile too: over 60,000 requests it adds a few µs per request to each.
const profiles: Profiled[] = [];
try {
  for (const { server, path } of routes) {
    profiles.push(await profileRoute(server, path, baseline?.entry));
  }
} finally {
  baseline?.remove();
}
for (const { label, perRequest } of profiles) {
  console.log(`\n## ${label}: ${perRequest.busy.toFixed(0)} µs of CPU per request\n`);
  console.log(formatTop(perRequest.byPlace));
  console.log('');
  console.log(formatTop(perRequest.byFrame));
}
if (profiles.length === 2) {
  const [a, b] = profiles;
  const extra = a.perRequest.busy - b.perRequest.busy;
  console.log(`\n## ${a.label} costs ${extra.toFixed(0)} µs more per request than ${b.label}`);
  console.log(`(${((100 * extra) / b.perRequest.busy).toFixed(0)}% of it; where, by place:)\n`);
  console.log(formatTop(difference(a.perRequest.byPlace, b.perRequest.byPlace)));
  console.log('\nby function:\n');
  console.log(formatTop(difference(a.perRequest.byFrame, b.perRequest.byFrame)));
}

async function profileRoute(
  server: BenchServerName,
  path: string,
  baselineEntry: string | undefined,
): Promise<Profiled> {
  const dir = await mkdtemp(join(tmpdir(), 'nestjs-session-kit-profile-'));
  const start = await ServerProcess.start(server, { profileDir: dir, baselineEntry });
  if (!('server' in start)) {
    throw new Error(`${server} is not available: ${start.reason}`);
  }
  const { baseUrl } = start.server;
  try {
    const cookies = serverInfo(server).logsIn ? await logInSessions(baseUrl, SESSIONS) : [];
    const load = (amount: number) =>
      autocannon({
        url: `${baseUrl}${path}`,
        connections: CONNECTIONS,
        amount,
        ...(cookies.length > 0 && { setupClient: cookiesInTurn(cookies, CONNECTIONS).setupClient }),
      });
    await load(WARM_UP_REQUESTS);
    const result = await load(REQUESTS);
    if (result.non2xx + result.errors > 0) {
      console.log(`(${server} ${path}: ${result.non2xx + result.errors} failed responses)`);
    }
  } finally {
    await start.server.stop();
  }
  const [file] = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'));
  const total = await readSelfTime(join(dir, file));
  const requests = WARM_UP_REQUESTS + REQUESTS;
  console.log(`${server} ${path}: profile in ${join(dir, file)}`);
  return { label: `${server} ${path}`, perRequest: scale(total, 1 / requests) };
}

function scale(time: SelfTime, factor: number): SelfTime {
  const each = (map: Map<string, number>) =>
    new Map([...map].map(([key, micros]) => [key, micros * factor]));
  return { busy: time.busy * factor, byFrame: each(time.byFrame), byPlace: each(time.byPlace) };
}

function difference(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return new Map([...keys].map((key) => [key, (a.get(key) ?? 0) - (b.get(key) ?? 0)]));
}

function formatTop(micros: Map<string, number>): string {
  return [...micros]
    .sort(([, x], [, y]) => y - x)
    .slice(0, SHOWN)
    .map(([key, value]) => `${value.toFixed(1).padStart(7)} µs  ${key}`)
    .join('\n');
}
