import type {
  IndexedSession,
  StoredRecord,
  UserSessionIndex,
} from '../core/user-session-index.interface.js';
import { redisScript } from './redis-script.js';

/**
 * Files a session in a user's hash (KEYS[1]) in one step: the field is the session's key, the
 * value `until|seenAt|expiresAt|{createdAt, userAgent, ip}` (ARGV[1..4]). An existing field
 * keeps its first-seen part and the later `until`. Fields whose `until` is before ARGV[5] (now)
 * are dropped, and the hash expires with the latest `until` it holds. One key only: on a Redis
 * Cluster the script touches a single hash slot.
 */
const INDEX_SESSION = `
local now = tonumber(ARGV[5])
local untilText, firstSeen = ARGV[2], ARGV[4]
local latest = tonumber(untilText)
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local field, value = entries[i], entries[i + 1]
  local fieldUntil = string.match(value, '^(%d+)|')
  if field == ARGV[1] then
    firstSeen = string.match(value, '^%d+|%d+|%d+|(.*)$')
    if tonumber(fieldUntil) > tonumber(untilText) then untilText = fieldUntil end
  elseif tonumber(fieldUntil) < now then
    redis.call('HDEL', KEYS[1], field)
  elseif tonumber(fieldUntil) > latest then
    latest = tonumber(fieldUntil)
  end
end
if tonumber(untilText) > latest then latest = tonumber(untilText) end
redis.call('HSET', KEYS[1], ARGV[1], untilText .. '|' .. ARGV[3] .. '|' .. firstSeen)
redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', latest))
return 1`;

/** The commands the index needs, as node-redis clients (single, cluster, sentinel) have them. */
interface IndexClient {
  hGetAll(key: string): Promise<Record<string, string>>;
  hDel(key: string, fields: string[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  pTTL(key: string): Promise<number>;
}

/**
 * The key prefix of users' indexes for session key prefix `prefix`: beside the sessions' own
 * (`sess:` → `sess-users:`), so that connect-redis's `length`, `all` and `clear`, which scan
 * `<prefix>*`, never meet them.
 */
export function userIndexPrefix(prefix: string): string {
  return `${prefix.endsWith(':') ? prefix.slice(0, -1) : prefix}-users:`;
}

/**
 * Each user's sessions in one Redis hash, `<prefix>-users:<user>`, that expires with the last of
 * its entries. Reading records sends a GET and a PTTL per session, pipelined by node-redis.
 *
 * On a Redis Cluster a user's hash and its sessions' records lie in different hash slots, often
 * on different masters: the hash's key comes from the user, a record's from its session ID,
 * and no hash tag could bring them together, since a session changes users (login, logout) and
 * is filed before it knows. Nothing needs them in one step: each call here touches one key, a
 * session is filed before its record is written (so no record is missing from the index), and
 * listing reads each record where it lives, dropping entries whose record is gone or is now
 * another user's. The users' sessions suites run on a cluster.
 */
export function redisUserIndex(client: unknown, prefix: string): UserSessionIndex {
  const redis = client as IndexClient;
  const indexKey = (user: string) => userIndexPrefix(prefix) + user;
  const fileSession = redisScript(client, INDEX_SESSION);

  return {
    async indexSession(user, { key, createdAt, seenAt, expiresAt, until, userAgent, ip }) {
      const firstSeen = JSON.stringify({ createdAt, userAgent, ip });
      await fileSession({
        keys: [indexKey(user)],
        arguments: [key, String(until), `${seenAt}|${expiresAt}`, firstSeen, String(Date.now())],
      });
    },
    async unindexSessions(user, keys) {
      if (keys.length > 0) {
        await redis.hDel(indexKey(user), [...keys]);
      }
    },
    async indexedSessions(user): Promise<IndexedSession[]> {
      const now = Date.now();
      const fields = await redis.hGetAll(indexKey(user));
      return Object.entries(fields).flatMap(([key, value]) => {
        const entry = parseEntry(key, value);
        return entry && entry.until >= now ? [entry] : [];
      });
    },
    storedRecords(keys): Promise<(StoredRecord | undefined)[]> {
      return Promise.all(
        keys.map(async (key): Promise<StoredRecord | undefined> => {
          const [json, ttl] = await Promise.all([
            redis.get(prefix + key),
            redis.pTTL(prefix + key),
          ]);
          // connect-redis gives every session a TTL: -2 is a key that is gone.
          return json === null || ttl < 0 ? undefined : { json, expiresAt: Date.now() + ttl };
        }),
      );
    },
  };
}

/** An entry as `INDEX_SESSION` wrote it; `undefined` for a value of another shape. */
function parseEntry(key: string, value: string): IndexedSession | undefined {
  const match = /^(\d+)\|(\d+)\|(\d+)\|(.*)$/s.exec(value);
  if (!match) {
    return undefined;
  }
  const { createdAt, userAgent, ip } = JSON.parse(match[4]) as Partial<IndexedSession>;
  return {
    key,
    createdAt: Number(createdAt),
    seenAt: Number(match[2]),
    expiresAt: Number(match[3]),
    until: Number(match[1]),
    ...(userAgent === undefined ? {} : { userAgent }),
    ...(ip === undefined ? {} : { ip }),
  };
}
