/** How long and how hard the benchmark runs, from the environment. */
export interface BenchSettings {
  /** `BENCH_QUICK=1`: one short round, a smoke run for CI (the figures mean little). */
  quick: boolean;
  /** Rounds of every comparison; the rounds of one comparison are spread over the whole run. */
  rounds: number;
  /** Seconds of load per side of a comparison in one round (as A, B, B, A halves). */
  duration: number;
  /** Seconds of unrecorded load per route before the first round, to warm the JIT. */
  warmup: number;
  /** autocannon connections. */
  connections: number;
  /** Sessions logged in on each server; the requests carry their cookies in turn. */
  sessions: number;
  /** `BENCH_ONLY=a,b`: run only the comparisons (or `memory`) whose ID contains one of these. */
  only: string[];
  /**
   * `BENCH_BASELINE=<git revision>`: also run every kit server from that revision's build, in
   * the same run, and compare each with its twin (what a change costs, route by route).
   */
  baseline: string | undefined;
  /** `BENCH_NODE24=0` leaves out the Node 24 section (every comparison again on Node 24). */
  node24: boolean;
}

/** Reads `BENCH_*` variables; every one is optional. */
export function readBenchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  return {
    quick,
    rounds: positive(env.BENCH_ROUNDS, quick ? 1 : 5),
    duration: positive(env.BENCH_DURATION, quick ? 0.5 : 4),
    warmup: positive(env.BENCH_WARMUP, quick ? 0 : 2, true),
    connections: positive(env.BENCH_CONNECTIONS, 32),
    sessions: whole(env.BENCH_SESSIONS, quick ? 50 : 1000),
    only: list(env.BENCH_ONLY),
    baseline: env.BENCH_BASELINE?.trim() || undefined,
    node24: env.BENCH_NODE24 !== '0' && env.BENCH_NODE24 !== 'false',
  };
}

/** Whether the section or comparison `id` is selected by `BENCH_ONLY`. */
export function isSelected(settings: BenchSettings, id: string): boolean {
  return settings.only.length === 0 || settings.only.some((part) => id.includes(part));
}

function positive(value: string | undefined, fallback: number, zeroAllowed = false): number {
  if (value === undefined || value === '') {
    return fallback;
  }
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (number === 0 && !zeroAllowed)) {
    throw new Error(`BENCH_*: "${value}" is not a positive number`);
  }
  return number;
}

function whole(value: string | undefined, fallback: number): number {
  const number = positive(value, fallback);
  if (!Number.isInteger(number)) {
    throw new Error(`BENCH_*: "${value}" is not a whole number`);
  }
  return number;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
