import type { RedisStore } from 'connect-redis';
import type { createClient } from 'redis';
import { SessionConfigError } from '../errors/session-config.error.js';
import type { OpenedStore } from '../store-mode/opened-store.interface.js';
import { parseStored } from '../store-mode/session-changes.js';
import { StoreAvailability } from '../core/store-availability.js';
import { loadStorePeers, peerExport } from './load-optional-peers.js';
import { redisMerge } from './redis-merge.js';
import { redisUserIndex } from './redis-user-index.js';
import { redactUrl } from './store-address.js';
import type { StoreDescriptor } from './store-descriptor.interface.js';

type RedisClient = ReturnType<typeof createClient>;

const DEFAULT_URL = 'redis://127.0.0.1:6379';
/** connect-redis's own. */
const DEFAULT_PREFIX = 'sess:';

/**
 * A connected node-redis (v5+) client, cluster or sentinel: what `createClient()`,
 * `createCluster()` or `createSentinel()` returns, after `await client.connect()`.
 */
export interface RedisClientLike {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Redis (or Valkey) through connect-redis. Needs the `redis` and `connect-redis` packages. */
export interface RedisStoreOptions {
  driver: 'redis';
  /**
   * `redis://[[user]:password@]host[:port][/db]`, `rediss://…` for TLS, or `unix:/path`.
   * Default `redis://127.0.0.1:6379`.
   */
  url?: string;
  /** Prefix of every session key. Default `'sess:'`. */
  prefix?: string;
  /** Your own connected client instead of `url`; the module never closes it. */
  client?: RedisClientLike;
}

/** Redis or Valkey, through connect-redis: shared by every instance. */
export const redisStore: StoreDescriptor<RedisStoreOptions> = {
  driver: 'redis',
  options: {
    url: 'where Redis listens',
    prefix: 'prefix of every session key',
    client: 'a connected client of your own instead of url; never closed by the module',
  },
  packages: ['redis', 'connect-redis'],
  instances: 'many',
  url: {
    default: DEFAULT_URL,
    expected: 'redis://[:password@]host:6379[/db], rediss://… for TLS, or unix:/path/to/socket',
    isValid: (url) => {
      try {
        const { protocol, pathname } = new URL(url);
        return (
          protocol === 'unix:' ||
          ((protocol === 'redis:' || protocol === 'rediss:') && /^\/?\d*$/.test(pathname))
        );
      } catch {
        return false;
      }
    },
  },
  prefix: { names: 'key prefix', default: DEFAULT_PREFIX },
  client: {
    methods: ['get', 'set', 'on', 'off'],
    expected: "a connected client from the 'redis' package's createClient()",
    package: 'redis',
  },
  open: openRedisStore,
};

/** Longest wait between two reconnection attempts while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * Opens the Redis store: connect-redis over a node-redis client from `url` (or the user's
 * `client`, which must be connected and is never closed here).
 *
 * The module's own client fails commands at once while disconnected instead of queueing them
 * (so no request hangs during an outage), reconnects forever with a capped back-off, and does
 * not hold up start-up when Redis is down: the app starts, session routes answer 503, and
 * service resumes once the client is ready again.
 */
async function openRedisStore(options: RedisStoreOptions): Promise<OpenedStore> {
  const url = options.url ?? DEFAULT_URL;
  if (options.client && !options.client.isOpen) {
    throw new SessionConfigError([
      'store.client: the Redis client is not connected; call `await client.connect()` before ' +
        'passing it, or pass `url` and let the module connect',
    ]);
  }
  const { 'connect-redis': connectRedis, redis } = await loadStorePeers(redisStore, options);
  const RedisStoreClass = peerExport<typeof RedisStore>(
    connectRedis,
    'connect-redis',
    'RedisStore',
  );
  const client =
    options.client ??
    createOwnClient(peerExport<typeof createClient>(redis, 'redis', 'createClient'), url);
  const availability = new StoreAvailability(
    options.client ? clientAddress(options.client) : redactUrl(url),
    () => {
      if (!client.isReady) {
        throw new Error('the Redis client is not connected');
      }
    },
  );
  const onError = (error: unknown) => availability.failed(error);
  const onReady = () => availability.recovered();
  client.on('error', onError);
  client.on('ready', onReady);

  if (options.client) {
    if (!client.isReady) {
      availability.failed(new Error('the Redis client is reconnecting'));
    }
  } else {
    await firstConnection(client as RedisClient);
  }

  const prefix = options.prefix ?? DEFAULT_PREFIX;
  return {
    store: new RedisStoreClass({
      client,
      prefix,
      serializer: { parse: parseStored, stringify: JSON.stringify },
    }),
    availability,
    merge: redisMerge(client, prefix),
    index: redisUserIndex(client, prefix),
    close: async () => {
      if (!options.client) {
        const own = client as RedisClient;
        await (own.isReady ? own.close() : own.destroy());
      }
      client.off('error', onError);
      client.off('ready', onReady);
    },
  };
}

function createOwnClient(create: typeof createClient, url: string): RedisClient {
  return create({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  });
}

/**
 * Starts connecting and waits for the first outcome: ready, or a first error (which opens an
 * outage while the client keeps retrying in the background).
 */
function firstConnection(client: RedisClient): Promise<void> {
  return new Promise<void>((resolve) => {
    const settle = () => {
      client.off('ready', settle);
      client.off('error', settle);
      resolve();
    };
    client.once('ready', settle);
    client.once('error', settle);
    // Failures arrive as 'error' events; the promise itself only rejects when the client is
    // closed before it ever connected, which is no outage.
    client.connect().catch(() => undefined);
  });
}

/** Where the user's client points, for logs. */
function clientAddress(client: RedisClientLike): string {
  const { url, socket } =
    (client as { options?: { url?: string; socket?: { host?: string; port?: number } } }).options ??
    {};
  if (url) {
    return redactUrl(url);
  }
  return socket?.host ? `redis://${socket.host}:${socket.port ?? 6379}` : 'your Redis client';
}
