/**
 * Fills one memory store with sessions that expire quickly, then reports the heap before, at
 * peak and after expiry + GC as one JSON line. Run by memory-bench.ts in its own process:
 * `node --expose-gc dist-bench/memory/measure-store.js <kit|express-session> <sessions>
 * <maxAgeMs> <waitMs|until-empty> [pruneIntervalMs]`. `until-empty` waits for the store to
 * prune every session by itself (at most five minutes).
 */
import session from 'express-session';
import { MemorySessionStore } from '../../dist/index.js';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MemorySample, MemoryStoreKind } from './memory-sample.js';

/** The module's default bound (`{ driver: 'memory', max }` defaults to this). */
const KIT_DEFAULT_MAX = 100_000;

const gc = globalThis.gc;
if (!gc) {
  throw new Error('run with `node --expose-gc`');
}
const [kindArg, sessionsArg, maxAgeArg, waitArg, pruneArg] = process.argv.slice(2);
const kind = kindArg as MemoryStoreKind;
const sessions = Number(sessionsArg);
const maxAge = Number(maxAgeArg);
const pruneInterval = pruneArg ? Number(pruneArg) : undefined;

function heapUsed(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** A logged-in session as express-session hands it to its store. */
function record(index: number): session.SessionData {
  const cookie = {
    originalMaxAge: maxAge,
    expires: new Date(Date.now() + maxAge),
    httpOnly: true,
    path: '/',
    sameSite: 'lax' as const,
  };
  return { cookie, userId: `user-${index}`, counter: 1 } as unknown as session.SessionData;
}

const heapBefore = heapUsed();
const kit = kind === 'kit' ? new MemorySessionStore({ pruneInterval }) : undefined;
const store = kit ?? new session.MemoryStore();
// express-session's MemoryStore keeps its records in a plain object and prunes only on reads.
const held = () =>
  kit ? kit.size : Object.keys((store as unknown as { sessions: object }).sessions).length;

for (let index = 0; index < sessions; index++) {
  // The module files records under a 43-character HMAC; express-session under 32-character IDs.
  const id = randomBytes(kit ? 32 : 24).toString('base64url');
  store.set(id, record(index));
}
await sleep(0);
const heapPeak = heapUsed();
const heldAtPeak = held();

const insertedAt = Date.now();
if (waitArg === 'until-empty') {
  while (held() > 0 && Date.now() - insertedAt < maxAge + 300_000) {
    await sleep(500);
  }
} else {
  await sleep(Number(waitArg));
}
const waited = (Date.now() - insertedAt) / 1000;
const heapAfter = heapUsed();

const sample: MemorySample = {
  kind,
  sessions,
  bound: kit ? KIT_DEFAULT_MAX : undefined,
  heapBefore,
  heapPeak,
  heapAfter,
  heldAtPeak,
  heldAfter: held(),
  waited,
};
console.log(JSON.stringify(sample));
kit?.close();
