import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchSettings } from '../settings.js';
import type { MemorySample, MemoryStoreKind } from './memory-sample.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./measure-store.js', import.meta.url));

/** Short enough that the sessions expire during the run. */
const MAX_AGE_MS = 5000;

/** Heap that may stay behind once a store is empty again. */
const RETURNED_SLACK_BYTES = 5 * 1024 * 1024;

/**
 * Item 3 of issue 8: 200,000 short-lived sessions in the module's memory store, then in
 * express-session's MemoryStore, each in its own process. The module's store is measured once
 * its own timer has pruned every session; express-session's after as long a wait.
 * `BENCH_QUICK=1`: 20,000 sessions and a one-second prune timer.
 */
export async function runMemoryBench(settings: BenchSettings): Promise<string> {
  const sessions = settings.quick ? 20_000 : 200_000;
  const maxAge = settings.quick ? 1000 : MAX_AGE_MS;
  const prune = settings.quick ? ['1000'] : [];
  const kit = await measureStore('kit', [sessions, maxAge, 'until-empty', ...prune]);
  const waitMs = Math.round(kit.waited * 1000);
  const express = await measureStore('express-session', [sessions, maxAge, waitMs]);

  const lines = [
    `${sessions.toLocaleString('en')} sessions, maxAge ${maxAge / 1000} s` +
      (settings.quick ? ', prune timer 1 s (quick run)' : ', prune timer at its default'),
    '',
    '| store | heap before | heap at peak | sessions held at peak | heap after expiry + GC | sessions held after | waited |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('nestjs-session-kit MemorySessionStore', kit),
    row('express-session MemoryStore', express),
    '',
    ...verdicts(kit, express),
  ];
  return lines.join('\n');
}

async function measureStore(
  kind: MemoryStoreKind,
  args: (string | number)[],
): Promise<MemorySample> {
  const { stdout } = await run(process.execPath, ['--expose-gc', CHILD, kind, ...args.map(String)]);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as MemorySample;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const count = (value: number) => value.toLocaleString('en');

function row(label: string, sample: MemorySample): string {
  return (
    `| ${label} | ${mb(sample.heapBefore)} | ${mb(sample.heapPeak)} | ${count(sample.heldAtPeak)} | ` +
    `${mb(sample.heapAfter)} | ${count(sample.heldAfter)} | ${sample.waited.toFixed(0)} s |`
  );
}

function verdicts(kit: MemorySample, express: MemorySample): string[] {
  const bounded = kit.bound !== undefined && kit.heldAtPeak <= kit.bound;
  const returned = kit.heldAfter === 0 && kit.heapAfter - kit.heapBefore <= RETURNED_SLACK_BYTES;
  return [
    `${bounded ? 'met   ' : 'missed'} the bound holds: ${count(kit.heldAtPeak)} held of ` +
      `${count(kit.sessions)} written (bound ${count(kit.bound ?? Infinity)})`,
    `${returned ? 'met   ' : 'missed'} memory comes back: ${count(kit.heldAfter)} held and ` +
      `${mb(kit.heapAfter - kit.heapBefore)} over the start after ${kit.waited.toFixed(0)} s`,
    `       express-session's MemoryStore still holds ${count(express.heldAfter)} expired ` +
      `sessions (${mb(express.heapAfter - express.heapBefore)} of heap) after the same wait`,
  ];
}
