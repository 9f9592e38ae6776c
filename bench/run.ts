/**
 * `npm run bench`: throughput of every server against its comparator, one verdict per target
 * of issue 8, then the memory store benchmark. `BENCH_QUICK=1` makes it a short smoke run.
 * Run from the package root, after `npm run build` (the npm script does both).
 */
import { prepareBaseline } from './baseline.js';
import { NODE24_TARGETS, TARGETS } from './comparisons.js';
import { describePinning, pinRunner } from './cores.js';
import { describeMachine, describeVersions } from './machine.js';
import { runMemoryBench } from './memory/memory-bench.js';
import { fetchNode } from './node-binary.js';
import { formatTable, formatVerdicts } from './report.js';
import { isSelected, readBenchSettings } from './settings.js';
import { runThroughput } from './throughput.js';

const settings = readBenchSettings();
pinRunner();

console.log(`# nestjs-session-kit benchmark${settings.quick ? ' (BENCH_QUICK=1: smoke run)' : ''}`);
console.log(`machine: ${describeMachine()}`);
console.log(`versions: ${describeVersions()}`);
console.log(
  `load: autocannon, ${settings.connections} connections; ${settings.rounds} round(s), each ` +
    `${settings.duration} s per side as A B B A (or B A A B); ${settings.warmup} s warm-up per route`,
);
console.log(`cores: ${describePinning()}`);

const baseline = settings.baseline ? prepareBaseline(settings.baseline) : undefined;
if (settings.baseline) {
  console.log(
    `baseline: every kit server also runs from ${settings.baseline}'s build (…@baseline)`,
  );
}
const node24 = settings.node24 ? fetchNode(24) : undefined;
if (node24) {
  console.log(`Node 24: every comparison again with both sides on ${node24.version} (… @node24)`);
}
const results = await runThroughput(settings, {
  baselineEntry: baseline?.entry,
  node24: node24?.path,
}).finally(() => {
  baseline?.remove();
  node24?.remove();
});
console.log(
  '\n## Throughput (CPU ratio = median B CPU µs per request ÷ median A; req/s ratio = A ÷ B)\n',
);
console.log(formatTable(results));
console.log('\n## Targets (judged by CPU per request)\n');
console.log(formatVerdicts(results, TARGETS));
if (node24) {
  console.log(`\n## Targets on Node 24 (${node24.version})\n`);
  console.log(formatVerdicts(results, NODE24_TARGETS));
}
if (settings.quick) {
  console.log(
    '(a smoke run: one short round on a shared machine; the figures are not a measurement)',
  );
}

if (isSelected(settings, 'memory')) {
  console.log('\n## Memory store\n');
  console.log(await runMemoryBench(settings));
}
console.log(`\nmachine at the end: ${describeMachine()}`);
