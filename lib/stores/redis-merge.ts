import { hash } from 'node:crypto';
import { mergedRecord, type SessionChanges, type SessionMerge } from './session-changes.js';

/**
 * Writes ARGV[2] only if the key still holds the text whose SHA-1 is ARGV[1] (a compare-and-set
 * in one step) and returns 1; returns 0 when the key is gone, or what it holds now when that
 * differs.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if redis.sha1hex(current) ~= ARGV[1] then return current end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

const COMPARE_AND_SET_SHA = hash('sha1', COMPARE_AND_SET);

/** Enough for every request of one user racing at once; more means something is looping. */
const MAX_ATTEMPTS = 100;

/** The last save of a session queued in this process, and what it wrote once done. */
interface PendingSave {
  done: Promise<void>;
  written?: string;
}

interface ScriptCall {
  keys: string[];
  arguments: string[];
}

/** The commands a merge needs, as node-redis clients (single, cluster, sentinel) have them. */
interface MergeClient {
  eval(script: string, options: ScriptCall): Promise<unknown>;
  evalSha(sha: string, options: ScriptCall): Promise<unknown>;
}

/**
 * Per-key saves for connect-redis's JSON records: apply the changes to the record as the
 * request loaded it and swap it in if the store still holds exactly that (one round trip, as
 * a plain save); if another request wrote in between, start over from what it wrote.
 * Saves of one session from this process wait for each other, starting from what the previous
 * one wrote, so only other instances can make a save start over.
 * The script is called by its SHA and compares digests, so a save sends neither the script
 * nor the record it expects. Lua's own JSON codec is not used: it turns `[]` into `{}` and
 * rounds large numbers.
 */
export function redisMerge(client: unknown, prefix: string): SessionMerge {
  const redis = client as MergeClient;
  const pending = new Map<string, PendingSave>();

  const compareAndSet = (call: ScriptCall): Promise<unknown> =>
    redis.evalSha(COMPARE_AND_SET_SHA, call).catch((error: unknown) => {
      // Redis forgets its scripts on SCRIPT FLUSH and on restart; EVAL loads it again.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return redis.eval(COMPARE_AND_SET, call);
      }
      throw error;
    });

  const swap = async (
    redisKey: string,
    changes: SessionChanges,
    expiresAt: number,
    start: string,
  ): Promise<string | undefined> => {
    let expected = start;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const merged = mergedRecord(expected, changes);
      const ttl = String(Math.max(1, expiresAt - Date.now()));
      const answer = await compareAndSet({
        keys: [redisKey],
        arguments: [hash('sha1', expected), merged, ttl],
      });
      if (typeof answer !== 'string') {
        return answer === 1 ? merged : undefined;
      }
      expected = answer;
    }
    throw new Error(`a session kept changing under ${MAX_ATTEMPTS} attempts to save it`);
  };

  return (key, changes, expiresAt) => {
    const redisKey = prefix + key;
    const previous = pending.get(redisKey);
    const saved = (previous?.done ?? Promise.resolve()).then(() =>
      swap(redisKey, changes, expiresAt, previous?.written ?? changes.loaded),
    );
    const entry: PendingSave = {
      done: saved.then(
        (written) => {
          entry.written = written;
        },
        () => undefined,
      ),
    };
    pending.set(redisKey, entry);
    void entry.done.then(() => {
      if (pending.get(redisKey) === entry) {
        pending.delete(redisKey);
      }
    });
    return saved.then((written) => written !== undefined);
  };
}
