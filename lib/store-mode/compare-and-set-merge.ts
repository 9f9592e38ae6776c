import { mergedRecord, type SessionChanges, type SessionMerge } from './session-changes.js';

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

/** The last save of a session queued in this process, and what it wrote once done. */
interface PendingSave {
  done: Promise<void>;
  written?: string;
}

/**
 * Per-key saves on a store that can compare and set a record's text: apply the changes to the
 * record as the request loaded it and swap it in if the store still holds exactly that (one
 * round trip, as a plain save); if another request wrote in between, start over from what it
 * wrote. Saves of one session from this process wait for each other, starting from what the
 * previous one wrote, so only other instances can make a save start over. The merge works on
 * the JSON text, so any value JSON can hold is kept as it is.
 */
export function compareAndSetMerge(compareAndSet: CompareAndSet): SessionMerge {
  const pending = new Map<string, PendingSave>();

  const swap = async (
    key: string,
    changes: SessionChanges,
    expiresAt: number,
    start: string,
  ): Promise<string | undefined> => {
    let expected = start;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const merged = mergedRecord(expected, changes);
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

  return (key, changes, expiresAt) => {
    const previous = pending.get(key);
    const saved = (previous?.done ?? Promise.resolve()).then(() =>
      swap(key, changes, expiresAt, previous?.written ?? changes.loaded),
    );
    const entry: PendingSave = {
      done: saved.then(
        (written) => {
          entry.written = written;
        },
        () => undefined,
      ),
    };
    pending.set(key, entry);
    void entry.done.then(() => {
      if (pending.get(key) === entry) {
        pending.delete(key);
      }
    });
    return saved.then((written) => written !== undefined);
  };
}
