import { hash } from 'node:crypto';
import { compareAndSetMerge } from '../store-mode/compare-and-set-merge.js';
import type { SessionMerge } from '../store-mode/session-changes.js';
import { redisScript } from './redis-script.js';

/**
 * Writes ARGV[2] only if the key still holds the text whose SHA-1 is ARGV[1] (a compare-and-set
 * in one step) and returns 1; returns 0 when the key is gone, or what it holds now when that
 * differs. It reads and writes KEYS[1] alone, the session's record: on a Redis Cluster its one
 * hash slot, so the master of that slot runs it whole (the store tests run it on a cluster).
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if redis.sha1hex(current) ~= ARGV[1] then return current end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/**
 * Per-key saves for connect-redis's JSON records, by compare-and-set. The script is called by
 * its SHA and compares digests, so a save sends neither the script nor the record it expects.
 * Lua's own JSON codec is not used: it turns `[]` into `{}` and rounds large numbers.
 */
export function redisMerge(client: unknown, prefix: string): SessionMerge {
  const run = redisScript(client, COMPARE_AND_SET);

  return compareAndSetMerge(async (key, expected, next, expiresAt) => {
    const ttl = String(Math.max(1, expiresAt - Date.now()));
    const answer = await run({
      keys: [prefix + key],
      arguments: [hash('sha1', expected), next, ttl],
    });
    return typeof answer === 'string' ? answer : answer === 1 ? true : undefined;
  });
}
