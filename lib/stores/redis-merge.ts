import { hash } from 'node:crypto';
import { compareAndSetMerge } from '../store-mode/compare-and-set-merge.js';
import type { SessionMerge } from '../store-mode/session-changes.js';

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
 * Per-key saves for connect-redis's JSON records, by compare-and-set. The script is called by
 * its SHA and compares digests, so a save sends neither the script nor the record it expects.
 * Lua's own JSON codec is not used: it turns `[]` into `{}` and rounds large numbers.
 */
export function redisMerge(client: unknown, prefix: string): SessionMerge {
  const redis = client as MergeClient;
  const run = (call: ScriptCall): Promise<unknown> =>
    redis.evalSha(COMPARE_AND_SET_SHA, call).catch((error: unknown) => {
      // Redis forgets its scripts on SCRIPT FLUSH and on restart; EVAL loads it again.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return redis.eval(COMPARE_AND_SET, call);
      }
      throw error;
    });

  return compareAndSetMerge(async (key, expected, next, expiresAt) => {
    const ttl = String(Math.max(1, expiresAt - Date.now()));
    const answer = await run({
      keys: [prefix + key],
      arguments: [hash('sha1', expected), next, ttl],
    });
    return typeof answer === 'string' ? answer : answer === 1 ? true : undefined;
  });
}
