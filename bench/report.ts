import type { Comparison, Target } from './comparisons.js';
import type { Measurement } from './load/measure.js';
import { median } from './statistics.js';

/** What a comparison came to: its rounds, or why it could not run. */
export type ComparisonResult =
  | { comparison: Comparison; rounds: { a: Measurement; b: Measurement }[] }
  | { comparison: Comparison; unavailable: string };

type Unavailable = Extract<ComparisonResult, { unavailable: string }>;
type Measured = Extract<ComparisonResult, { rounds: unknown }>;

const isUnavailable = (result: ComparisonResult): result is Unavailable => 'unavailable' in result;

/** Medians over the rounds of one side of a comparison. */
interface Summary {
  rps: number;
  cpu: number | undefined;
  p50: number;
  p99: number;
  failures: number;
}

/** Per-round ratios wider apart than this: the run disagrees with itself, no verdict. */
const MAX_SPREAD = 0.15;

/** A comparison's figures: both sides, and A ÷ B by CPU per request and by throughput. */
interface Figures {
  a: Summary;
  b: Summary;
  /** Median A req/s ÷ median B req/s. */
  ratio: number;
  min: number;
  max: number;
  /**
   * Median B CPU per request ÷ median A CPU per request: the figure the targets are judged on
   * (it hardly moves when something else takes the cores), with its per-round range.
   */
  cpuRatio: number | undefined;
  cpuMin: number | undefined;
  cpuMax: number | undefined;
}

function summarize(measurements: Measurement[]): Summary {
  const cpu = measurements.map((m) => m.cpuPerRequest);
  return {
    rps: median(measurements.map((m) => m.rps)),
    cpu: cpu.every((value) => value !== undefined) ? median(cpu) : undefined,
    p50: median(measurements.map((m) => m.p50)),
    p99: median(measurements.map((m) => m.p99)),
    failures: measurements.reduce((sum, m) => sum + m.failures, 0),
  };
}

function figuresOf({ rounds }: Measured): Figures {
  const a = summarize(rounds.map((round) => round.a));
  const b = summarize(rounds.map((round) => round.b));
  const perRound = rounds.map((round) => round.a.rps / round.b.rps);
  const cpuPerRound = rounds.map(({ a, b }) => (b.cpuPerRequest ?? NaN) / (a.cpuPerRequest ?? NaN));
  const cpuKnown = a.cpu !== undefined && b.cpu !== undefined;
  return {
    a,
    b,
    ratio: a.rps / b.rps,
    min: Math.min(...perRound),
    max: Math.max(...perRound),
    cpuRatio: cpuKnown ? b.cpu! / a.cpu! : undefined,
    cpuMin: cpuKnown ? Math.min(...cpuPerRound) : undefined,
    cpuMax: cpuKnown ? Math.max(...cpuPerRound) : undefined,
  };
}

/** Which side answered errors: its req/s then counts cheap failures, not the route's work. */
function failureNote(a: Summary, b: Summary): string {
  const sides = [
    a.failures > 0 ? `A: ${a.failures} failed responses` : '',
    b.failures > 0 ? `B: ${b.failures} failed responses` : '',
  ].filter(Boolean);
  return sides.length > 0 ? ` (${sides.join(', ')})` : '';
}

const fixed = (value: number | undefined, digits = 2) => value?.toFixed(digits) ?? '–';
const side = (s: Summary) =>
  `${fixed(s.rps, 0)} | ${fixed(s.cpu, 0)} | ${fixed(s.p50, 0)} / ${fixed(s.p99, 0)}`;

/**
 * One markdown table: for both sides req/s, server CPU µs per request and p50/p99 latency;
 * then A ÷ B by CPU per request (the verdicts' figure) and by req/s, each with its per-round
 * range.
 */
export function formatTable(results: ComparisonResult[]): string {
  const header = [
    '| A ÷ B | A req/s | A CPU µs/req | A p50 / p99 ms | B req/s | B CPU µs/req | B p50 / p99 ms | CPU ratio | per-round min–max | req/s ratio | per-round min–max |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const rows = results.map((result) => {
    const { id } = result.comparison;
    if (isUnavailable(result)) {
      return `| ${id} | not available: ${result.unavailable} | | | | | | | | | |`;
    }
    const { a, b, ratio, min, max, cpuRatio, cpuMin, cpuMax } = figuresOf(result);
    const warning = failureNote(a, b);
    return (
      `| ${id}${warning} | ${side(a)} | ${side(b)} | **${fixed(cpuRatio)}** | ` +
      `${fixed(cpuMin)}–${fixed(cpuMax)} | ${fixed(ratio)} | ${fixed(min)}–${fixed(max)} |`
    );
  });
  return [...header, ...rows].join('\n');
}

/**
 * One line per target: met, missed, inconclusive or not measured, judged on the CPU ratio, with
 * the req/s one beside it. A comparison with failed responses never meets its target; one whose
 * per-round CPU ratios lie more than `MAX_SPREAD` apart gets no verdict (the run disagrees with
 * itself: run it again on a quieter machine).
 */
export function formatVerdicts(results: ComparisonResult[], targets: readonly Target[]): string {
  const byId = new Map(results.map((result) => [result.comparison.id, result]));
  const line = (verdict: string, text: string) => `${verdict.padEnd(12)} ${text}`;
  return targets
    .map((target) => {
      const ids = [...target.comparisons, ...(target.atLeast ?? [])];
      const judged = ids.flatMap((id) => byId.get(id) ?? []);
      if (judged.length < ids.length) {
        return line('skipped', `${target.title} (not selected)`);
      }
      const unavailable = judged.find(isUnavailable);
      if (unavailable) {
        return line('not measured', `${target.title}: ${unavailable.unavailable}`);
      }
      const figures = target.comparisons.map((id, index) => {
        const own = figuresOf(byId.get(id) as Measured);
        const counterpart =
          target.atLeast && figuresOf(byId.get(target.atLeast[index]) as Measured);
        const threshold = counterpart ? (counterpart.cpuRatio ?? Infinity) : target.threshold;
        const spread = [own, ...(counterpart ? [counterpart] : [])].map(
          ({ cpuMin, cpuMax }) => (cpuMax ?? Infinity) - (cpuMin ?? -Infinity),
        );
        return {
          path: (byId.get(id) as Measured).comparison.a.path,
          threshold,
          wide: Math.max(...spread) > MAX_SPREAD,
          ...own,
        };
      });
      const text = figures.map(({ path, ratio, cpuRatio, cpuMin, cpuMax, threshold, a, b }) => {
        const below = cpuRatio === undefined || cpuRatio < threshold ? ' (below)' : '';
        const against = target.atLeast ? ` vs Express ${fixed(threshold)}` : '';
        return (
          `${path} CPU ${fixed(cpuRatio)} (${fixed(cpuMin)}–${fixed(cpuMax)})${against} ` +
          `[req/s ${fixed(ratio)}]${below}${failureNote(a, b)}`
        );
      });
      if (figures.some(({ wide }) => wide)) {
        return line('inconclusive', `${target.title}: ${text.join(', ')}`);
      }
      // A side that answered errors was not doing the route's work: its ratio proves nothing.
      const met = figures.every(
        ({ cpuRatio, threshold, a, b }) =>
          cpuRatio !== undefined && cpuRatio >= threshold && a.failures + b.failures === 0,
      );
      return line(met ? 'met' : 'missed', `${target.title}: ${text.join(', ')}`);
    })
    .join('\n');
}
