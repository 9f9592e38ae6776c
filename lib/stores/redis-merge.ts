import { applyChanges, type SessionMerge } from './session-changes.js';

/** Writes ARGV[2] only if the key still holds ARGV[1]: a compare-and-set in one step. */
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/** Enough for every request of one user racing at once; more means something is looping. */
const MAX_ATTEMPTS = 100;

/** The two commands a merge needs, as node-redis clients (single, cluster, sentinel) have them. */
interface MergeClient {
  get(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * Per-key saves for connect-redis's JSON records: read the record, apply the changes, and
 * write it back only if nobody wrote in between (a Lua compare-and-set), else start over.
 * Lua's own JSON codec is not used: it turns `[]` into `{}` and rounds large numbers.
 */
export function redisMerge(client: unknown, prefix: string): SessionMerge {
  const redis = client as MergeClient;
  return async (key, changes, expiresAt) => {
    const redisKey = prefix + key;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await redis.get(redisKey);
      if (typeof stored !== 'string') {
        return false;
      }
      const merged = JSON.stringify(applyChanges(JSON.parse(stored), changes));
      const ttl = String(Math.max(1, expiresAt - Date.now()));
      const swapped = await redis.eval(COMPARE_AND_SET, {
        keys: [redisKey],
        arguments: [stored, merged, ttl],
      });
      if (swapped === 1) {
        return true;
      }
    }
    throw new Error(`a session kept changing under ${MAX_ATTEMPTS} attempts to save it`);
  };
}
