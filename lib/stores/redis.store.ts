import type { RedisStore } from 'connect-redis';
import { SessionConfigError } from '../errors/session-config.error.js';
import type { OpenedStore } from '../store-mode/opened-store.interface.js';
import { parseStored } from '../store-mode/session-changes.js';
import { loadStorePeers, peerExport } from './load-optional-peers.js';
import { isRedisUrl, redisUrlParts, urlListProblems } from './redis-addresses.js';
import { clusterRedisStore } from './redis-cluster.store.js';
import {
  closeOwnClient,
  createOwnClient,
  followAvailability,
  isReady,
  kindOf,
  startConnecting,
  topologyAddress,
  type RedisEventsLike,
  type RedisTopology,
} from './redis-connection.js';
import { withCommandDeadline } from './redis-deadline.js';
import { redisMerge } from './redis-merge.js';
import { redisUserIndex } from './redis-user-index.js';
import { redactUrl } from './store-address.js';
import type { StoreDescriptor } from './store-descriptor.interface.js';

const DEFAULT_URL = 'redis://127.0.0.1:6379';
/** connect-redis's own. */
const DEFAULT_PREFIX = 'sess:';

/**
 * A connected node-redis (v5+) client, cluster or sentinel: what `createClient()`,
 * `createCluster()` or `createSentinel()` returns, after `await client.connect()`.
 */
export interface RedisClientLike extends RedisEventsLike {
  readonly isOpen: boolean;
}

/** Redis Sentinel: the master the sentinels watch, and where some of the sentinels are. */
export interface RedisSentinelOptions {
  /** The master's name, as the sentinels know it (`sentinel monitor <name> …`). */
  name: string;
  /**
   * Sentinels' URLs, `redis://[[user]:password@]host:26379[/db]` (`rediss://` for TLS). Their
   * credentials, scheme and database serve for the sentinels, the master and its replicas.
   */
  nodes: readonly string[];
}

/** Redis (or Valkey) through connect-redis. Needs the `redis` and `connect-redis` packages. */
export interface RedisStoreOptions {
  driver: 'redis';
  /**
   * One server: `redis://[[user]:password@]host[:port][/db]`, `rediss://…` for TLS, or
   * `unix:/path`. Default `redis://127.0.0.1:6379`.
   */
  url?: string;
  /**
   * A Redis Cluster: URLs of some of its nodes (the others are found through them), as `url`
   * takes them; their credentials and scheme serve for every node.
   */
  cluster?: readonly string[];
  /** Redis Sentinel: the master's name and the sentinels' URLs. */
  sentinel?: RedisSentinelOptions;
  /** Prefix of every session key. Default `'sess:'`. */
  prefix?: string;
  /** Your own connected client (one server, cluster or sentinel); the module never closes it. */
  client?: RedisClientLike;
}

/** The options that each say where Redis is; one at most. */
const ADDRESS_OPTIONS = ['url', 'cluster', 'sentinel', 'client'] as const;

/** Redis or Valkey, through connect-redis: shared by every instance. */
export const redisStore: StoreDescriptor<RedisStoreOptions> = {
  driver: 'redis',
  options: {
    url: 'where Redis listens (one server)',
    cluster: "a Redis Cluster: some of its nodes' URLs",
    sentinel: "Redis Sentinel: { name, nodes }, the master's name and the sentinels' URLs",
    prefix: 'prefix of every session key',
    client: 'a connected client of your own instead; never closed by the module',
  },
  packages: ['redis', 'connect-redis'],
  instances: 'many',
  url: {
    default: DEFAULT_URL,
    expected: 'redis://[:password@]host:6379[/db], rediss://… for TLS, or unix:/path/to/socket',
    isValid: isRedisUrl,
  },
  prefix: { names: 'key prefix', default: DEFAULT_PREFIX },
  client: {
    methods: ['get', 'set', 'on', 'off'],
    expected:
      "a connected client from the 'redis' package's createClient(), createCluster() or createSentinel()",
    package: 'redis',
  },
  check: checkRedisOptions,
  open: openRedisStore,
};

/** Problems with `cluster` and `sentinel`, and with giving more than one address. */
function checkRedisOptions(
  options: Record<string, unknown>,
  path: string,
): [option: string, problem: string][] {
  const problems: [string, string][] = [];
  const given = ADDRESS_OPTIONS.filter((option) => options[option] !== undefined);
  // `url` with `client` is the generic check's, which every store shares.
  if (given.length > 1 && given.join() !== 'url,client') {
    problems.push([
      given[1]!,
      `pass only one of ${given.map((option) => `{${path}.${option}}`).join(', ')}: each ` +
        'says where Redis is',
    ]);
  }
  if (options.cluster !== undefined) {
    const found = urlListProblems(options.cluster, 'some nodes of the cluster');
    if (found.length === 0 && redisUrlParts((options.cluster as string[])[0])!.database !== 0) {
      found.push('a Redis Cluster has database 0 only; leave the database out of its URLs');
    }
    problems.push(...found.map((problem): [string, string] => ['cluster', problem]));
  }
  const sentinel = options.sentinel;
  if (sentinel !== undefined) {
    if (sentinel === null || typeof sentinel !== 'object' || Array.isArray(sentinel)) {
      problems.push(['sentinel', "not an object; use { name: 'mymaster', nodes: ['redis://…'] }"]);
    } else {
      const { name, nodes, ...others } = sentinel as Record<string, unknown>;
      if (typeof name !== 'string' || name.trim() === '') {
        problems.push([
          'sentinel.name',
          'not a master name; use the name the sentinels watch the master under',
        ]);
      }
      for (const problem of urlListProblems(nodes, 'the sentinels')) {
        problems.push(['sentinel.nodes', problem]);
      }
      for (const other of Object.keys(others)) {
        problems.push([`sentinel.${other}`, 'not an option of sentinel; it takes name and nodes']);
      }
    }
  }
  return problems;
}

/**
 * Opens the Redis store: connect-redis over a node-redis client the module opens for `url`,
 * `cluster` or `sentinel`, or over the user's `client`, which must be connected and is never
 * closed here.
 *
 * The module's own client fails commands at once while Redis is down instead of queueing them
 * (so no request hangs during an outage), reconnects forever with a capped back-off, and does
 * not hold up start-up when Redis is down: the app starts, session routes answer 503, and
 * service resumes once Redis answers again. On a Redis Cluster, a master that is down costs
 * 503s to the sessions on its slots only.
 */
async function openRedisStore(options: RedisStoreOptions): Promise<OpenedStore> {
  if (options.client && !options.client.isOpen) {
    throw new SessionConfigError([
      'store.client: the Redis client is not connected; call `await client.connect()` before ' +
        'passing it, or pass `url`, `cluster` or `sentinel` and let the module connect',
    ]);
  }
  const { 'connect-redis': connectRedis, redis } = await loadStorePeers(redisStore, options);
  const RedisStoreClass = peerExport<typeof RedisStore>(
    connectRedis,
    'connect-redis',
    'RedisStore',
  );
  const topology = topologyOf(options);
  const own = topology && createOwnClient(redis, topology);
  const client: RedisEventsLike = own ?? options.client!;
  const kind = topology?.kind ?? kindOf(client);
  const { availability, unfollow } = followAvailability(
    client,
    kind,
    topology ? topologyAddress(topology) : clientAddress(client, kind),
  );

  let connecting: ReturnType<typeof startConnecting> | undefined;
  if (own) {
    connecting = startConnecting(own, kind, (error) => availability.failed(error));
    await connecting.firstOutcome;
  } else if (!isReady(client)) {
    availability.failed(new Error('the Redis client is reconnecting'));
  }

  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const commands = withCommandDeadline(client);
  const StoreClass = kind === 'cluster' ? clusterRedisStore(RedisStoreClass) : RedisStoreClass;
  return {
    store: new StoreClass({
      client: commands,
      prefix,
      serializer: { parse: parseStored, stringify: JSON.stringify },
    }),
    availability,
    merge: redisMerge(commands, prefix),
    index: redisUserIndex(commands, prefix),
    close: async () => {
      connecting?.stop();
      if (own) {
        await closeOwnClient(own, kind);
      }
      unfollow();
    },
  };
}

/** Where the module connects for `options`; `undefined` when it uses the user's client. */
function topologyOf(options: RedisStoreOptions): RedisTopology | undefined {
  if (options.client) {
    return undefined;
  }
  if (options.cluster) {
    return { kind: 'cluster', urls: options.cluster };
  }
  if (options.sentinel) {
    return { kind: 'sentinel', name: options.sentinel.name, urls: options.sentinel.nodes };
  }
  return { kind: 'node', url: options.url ?? DEFAULT_URL };
}

/** Where the user's client points, for logs. */
function clientAddress(client: RedisEventsLike, kind: RedisTopology['kind']): string {
  if (kind !== 'node') {
    return `your Redis ${kind === 'cluster' ? 'Cluster' : 'Sentinel'} client`;
  }
  const { url, socket } =
    (client as { options?: { url?: string; socket?: { host?: string; port?: number } } }).options ??
    {};
  if (url) {
    return redactUrl(url);
  }
  return socket?.host ? `redis://${socket.host}:${socket.port ?? 6379}` : 'your Redis client';
}
