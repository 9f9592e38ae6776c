import type {
  IndexedSession,
  StoredRecord,
  UserSessionIndex,
} from '../core/user-session-index.interface.js';
import { redisScript } from './redis-script.js';

/**
 * Files a session in a user's index in one step: KEYS[1] is a hash whose field is the session's
 * key and whose value is `until|seenAt|expiresAt|{createdAt, userAgent, ip}` (ARGV[1..4]);
 * KEYS[2] a sorted set of the same keys by `until`, so that dropping the entries whose `until`
 * is before ARGV[5] (now) reads only those, however many sessions the user has. An existing
 * entry keeps its first-seen part and the later `until`. Both keys expire with the latest
 * `until` they hold. On a Redis Cluster both keys are in one hash slot: they share the hash tag
 * `{<user>}`.
 */
const INDEX_SESSION = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
for _, field in ipairs(expired) do
  if field ~= ARGV[1] then
    redis.call('HDEL', KEYS[1], field)
    redis.call('ZREM', KEYS[2], field)
  end
end
local untilText, firstSeen = ARGV[2], ARGV[4]
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then
  firstSeen = string.match(existing, '^%d+|%d+|%d+|(.*)$')
  local filed = string.match(existing, '^(%d+)|')
  if tonumber(filed) > tonumber(untilText) then untilText = filed end
end
redis.call('HSET', KEYS[1], ARGV[1], untilText .. '|' .. ARGV[3] .. '|' .. firstSeen)
redis.call('ZADD', KEYS[2], untilText, ARGV[1])
local latest = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')[2]
redis.call('PEXPIREAT', KEYS[1], latest)
redis.call('PEXPIREAT', KEYS[2], latest)
return 1`;

const UNINDEX_CHUNK = 1000;

/** Takes the keys ARGV out of a user's index (KEYS: its hash and sorted set, one hash slot). */
const UNINDEX_SESSIONS = `
redis.call('HDEL', KEYS[1], unpack(ARGV))
redis.call('ZREM', KEYS[2], unpack(ARGV))
return 1`;

/** The commands the index needs, as node-redis clients (single, cluster, sentinel) have them. */
interface IndexClient {
  hGetAll(key: string): Promise<Record<string, string>>;
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
 * Each user's sessions in a Redis hash, `<prefix>-users:{<user>}`, beside a sorted set of them
 * by `until`, `<prefix>-users:{<user>}:until`, both expiring with the last of its entries.
 * Reading records sends a GET and a PTTL per session, pipelined by node-redis.
 *
 * On a Redis Cluster a user's index and its sessions' records lie in different hash slots, often
 * on different masters: the hash's key comes from the user, a record's from its session ID,
 * and no hash tag could bring them together, since a session changes users (login, logout) and
 * is filed before it knows. Nothing needs them in one step: each call here touches one user's
 * keys (one slot), a
 * session is filed before its record is written (so no record is missing from the index), and
 * listing reads each record where it lives, dropping entries whose record is gone or is now
 * another user's. The users' sessions suites run on a cluster.
 */
export function redisUserIndex(client: unknown, prefix: string): UserSessionIndex {
  const redis = client as IndexClient;
  const indexKeys = (user: string) => {
    const hash = `${userIndexPrefix(prefix)}{${user}}`;
    return [hash, `${hash}:until`];
  };
  const fileSession = redisScript(client, INDEX_SESSION);
  const unfileSessions = redisScript(client, UNINDEX_SESSIONS);

  return {
    async indexSession(user, { key, createdAt, seenAt, expiresAt, until, userAgent, ip }) {
      const firstSeen = JSON.stringify({ createdAt, userAgent, ip });
      await fileSession({
        keys: indexKeys(user),
        arguments: [key, String(until), `${seenAt}|${expiresAt}`, firstSeen, String(Date.now())],
      });
    },
    async unindexSessions(user, keys) {
      // In chunks: Lua unpacks a few thousand arguments at most.
      for (let start = 0; start < keys.length; start += UNINDEX_CHUNK) {
        const chunk = keys.slice(start, start + UNINDEX_CHUNK);
        await unfileSessions({ keys: indexKeys(user), arguments: chunk });
      }
    },
    async indexedSessions(user): Promise<IndexedSession[]> {
      const now = Date.now();
      const fields = await redis.hGetAll(indexKeys(user)[0]);
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
