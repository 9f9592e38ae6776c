import { applyChanges, type SessionMerge } from './session-changes.js';

/**
 * Writes ARGV[2] only if the key still holds ARGV[1] (a compare-and-set in one step) and
 * returns 1; returns 0 when the key is gone, or what it holds now when that differs.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if current ~= ARGV[1] then return current end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/** Enough for every request of one user racing at once; more means something is looping. */
const MAX_ATTEMPTS = 100;

/** The command a merge needs, as node-redis clients (single, cluster, sentinel) have it. */
interface MergeClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * Per-key saves for connect-redis's JSON records: apply the changes to the record as the
 * request loaded it and swap it in if the store still holds exactly that (one round trip, as
 * a plain save); if another request wrote in between, start over from what it wrote.
 * Lua's own JSON codec is not used: it turns `[]` into `{}` and rounds large numbers.
 */
export function redisMerge(client: unknown, prefix: string): SessionMerge {
  const redis = client as MergeClient;
  return async (key, changes, expiresAt) => {
    const redisKey = prefix + key;
    let expected = changes.loaded;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const merged = JSON.stringify(applyChanges(JSON.parse(expected), changes));
      const ttl = String(Math.max(1, expiresAt - Date.now()));
      const answer = await redis.eval(COMPARE_AND_SET, {
        keys: [redisKey],
        arguments: [expected, merged, ttl],
      });
      if (typeof answer !== 'string') {
        return answer === 1;
      }
      expected = answer;
    }
    throw new Error(`a session kept changing under ${MAX_ATTEMPTS} attempts to save it`);
  };
}
