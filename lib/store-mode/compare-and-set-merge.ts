import { mergedRecords, type SessionChanges, type SessionMerge } from './session-changes.js';

/**
 * Replaces the record stored under `key` with `next` only if it still holds exactly `expected`,
 * in one atomic step. Resolves `true` when it wrote, the text the store holds instead when that
 * differs, and `undefined` when the record is gone.
 */
export type CompareAndSet = (
  key: string,
  expected: string,
  next: string,
  expiresAt: number,
) => Promise<true | string | undefined>;

/** Enough for every request of one user racing at once; more means something is looping. */
const MAX_ATTEMPTS = 100;

/** One request's save, waiting its turn. */
interface QueuedSave {
  changes: SessionChanges;
  expiresAt: number;
  done(error: unknown, saved?: boolean): void;
}

/** The saves of one session in this process: one compare-and-set at a time. */
interface SessionQueue {
  waiting: QueuedSave[];
  /** What this process last wrote, which the next compare-and-set expects to find. */
  written?: string;
}

/**
 * Per-key saves on a store that can compare and set a record's text: apply the changes to the
 * record as the request loaded it and swap it in if the store still holds exactly that (one
 * round trip, as a plain save); if another request wrote in between, start over from what it
 * wrote. Saves of one session from this process never race each other: while one is in flight
 * the next ones wait, and those that queued up meanwhile go together as one compare-and-set,
 * their changes applied in the order they came (a busy session costs one round trip per batch,
 * not per request). Only other instances can make a save start over. The merge works on the
 * JSON text, so any value JSON can hold is kept as it is.
 */
export function compareAndSetMerge(compareAndSet: CompareAndSet): SessionMerge {
  const queues = new Map<string, SessionQueue>();

  /** Swaps in `batch`'s changes on `start`; the text written, or `undefined` when gone. */
  const swap = async (
    key: string,
    batch: readonly QueuedSave[],
    start: string,
  ): Promise<string | undefined> => {
    const expiresAt = Math.max(...batch.map((save) => save.expiresAt));
    let expected = start;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const merged = mergedRecords(
        expected,
        batch.map((save) => save.changes),
      );
      const answer = await compareAndSet(key, expected, merged, expiresAt);
      if (answer === true) {
        return merged;
      }
      if (answer === undefined) {
        return undefined;
      }
      expected = answer;
    }
    throw new Error(`a session kept changing under ${MAX_ATTEMPTS} attempts to save it`);
  };

  const drain = async (key: string, queue: SessionQueue): Promise<void> => {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0);
      try {
        queue.written = await swap(key, batch, queue.written ?? batch[0].changes.loaded);
        for (const save of batch) save.done(undefined, queue.written !== undefined);
      } catch (error) {
        queue.written = undefined;
        for (const save of batch) save.done(error);
      }
    }
    queues.delete(key);
  };

  return (key, changes, expiresAt) =>
    new Promise<boolean>((resolve, reject) => {
      const save: QueuedSave = {
        changes,
        expiresAt,
        done: (error, saved) => (error ? reject(error) : resolve(saved!)),
      };
      const queue = queues.get(key);
      if (queue) {
        queue.waiting.push(save);
        return;
      }
      const started: SessionQueue = { waiting: [save] };
      queues.set(key, started);
      void drain(key, started);
    });
}
