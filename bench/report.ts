import { TARGETS, type Comparison } from './comparisons.js';
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

/** A comparison's figures: both sides, and A ÷ B by throughput and by CPU per request. */
interface Figures {
  a: Summary;
  b: Summary;
  /** Median A req/s ÷ median B req/s: the figure the targets are judged on. */
  ratio: number;
  min: number;
  max: number;
  /** Median B CPU per request ÷ median A CPU per request: the same ratio, by cost. */
  cpuRatio: number | undefined;
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
  return {
    a,
    b,
    ratio: a.rps / b.rps,
    min: Math.min(...perRound),
    max: Math.max(...perRound),
    cpuRatio: a.cpu === undefined || b.cpu === undefined ? undefined : b.cpu / a.cpu,
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
 * then A ÷ B by req/s (with the per-round range) and by CPU per request.
 */
export function formatTable(results: ComparisonResult[]): string {
  const header = [
    '| A ÷ B | A req/s | A CPU µs/req | A p50 / p99 ms | B req/s | B CPU µs/req | B p50 / p99 ms | ratio | per-round min–max | CPU ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const rows = results.map((result) => {
    const { id } = result.comparison;
    if (isUnavailable(result)) {
      return `| ${id} | not available: ${result.unavailable} | | | | | | | | |`;
    }
    const { a, b, ratio, min, max, cpuRatio } = figuresOf(result);
    const warning = failureNote(a, b);
    return (
      `| ${id}${warning} | ${side(a)} | ${side(b)} | **${fixed(ratio)}** | ` +
      `${fixed(min)}–${fixed(max)} | ${fixed(cpuRatio)} |`
    );
  });
  return [...header, ...rows].join('\n');
}

/**
 * One line per target: met, missed or not measured, judged on the req/s ratio or the CPU one as
 * the target says, with the other beside it (when the two disagree, the machine was noisy). A
 * comparison with failed responses never meets its target.
 */
export function formatVerdicts(results: ComparisonResult[]): string {
  const byId = new Map(results.map((result) => [result.comparison.id, result]));
  const line = (verdict: string, text: string) => `${verdict.padEnd(12)} ${text}`;
  return TARGETS.map((target) => {
    const ids = [...target.comparisons, ...(target.atLeast ?? [])];
    const judged = ids.flatMap((id) => byId.get(id) ?? []);
    if (judged.length < ids.length) {
      return line('skipped', `${target.title} (not selected)`);
    }
    const unavailable = judged.find(isUnavailable);
    if (unavailable) {
      return line('not measured', `${target.title}: ${unavailable.unavailable}`);
    }
    const figures = target.comparisons.flatMap((id, index) => {
      const result = byId.get(id) as Measured | undefined;
      const counterpart =
        target.atLeast && (byId.get(target.atLeast[index]) as Measured | undefined);
      if (!result || (target.atLeast && !counterpart)) {
        return [];
      }
      const own = figuresOf(result);
      const judgedRatio = target.by === 'cpu' || target.atLeast ? own.cpuRatio : own.ratio;
      const threshold = counterpart
        ? (figuresOf(counterpart).cpuRatio ?? Infinity)
        : target.threshold;
      return [{ path: result.comparison.a.path, judgedRatio, threshold, ...own }];
    });
    const text = figures.map(({ path, ratio, cpuRatio, judgedRatio, threshold, a, b }) => {
      const below = judgedRatio === undefined || judgedRatio < threshold ? ' (below)' : '';
      const against = target.atLeast ? ` vs Express ${fixed(threshold)}` : '';
      return `${path} ${fixed(ratio)} [CPU ${fixed(cpuRatio)}${against}]${below}${failureNote(a, b)}`;
    });
    // A side that answered errors was not doing the route's work: its ratio proves nothing.
    const met =
      figures.length > 0 &&
      figures.every(
        ({ judgedRatio, threshold, a, b }) =>
          judgedRatio !== undefined && judgedRatio >= threshold && a.failures + b.failures === 0,
      );
    return line(met ? 'met' : 'missed', `${target.title}: ${text.join(', ')}`);
  }).join('\n');
}
