import type { RedisStore } from 'connect-redis';
import type { createClient } from 'redis';
import { SessionConfigError } from '../errors/session-config.error.js';
import type {
  RedisClientLike,
  RedisStoreOptions,
} from '../interfaces/session-store-options.interface.js';
import { loadOptionalPeers, peerExport } from './load-optional-peers.js';
import type { OpenedStore } from './opened-store.interface.js';
import { redisMerge } from './redis-merge.js';
import { parseStored } from './session-changes.js';
import { redactUrl } from './store-address.js';
import { StoreAvailability } from './store-availability.js';
import { DEFAULT_REDIS_PREFIX, DEFAULT_REDIS_URL } from './store-defaults.js';

type RedisClient = ReturnType<typeof createClient>;

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
export async function openRedisStore(options: RedisStoreOptions): Promise<OpenedStore> {
  const url = options.url ?? DEFAULT_REDIS_URL;
  if (options.client && !options.client.isOpen) {
    throw new SessionConfigError([
      'store.client: the Redis client is not connected; call `await client.connect()` before ' +
        'passing it, or pass `url` and let the module connect',
    ]);
  }
  const [connectRedis, redis] = await loadOptionalPeers(
    'redis',
    options.client ? ['connect-redis'] : ['connect-redis', 'redis'],
  );
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

  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  return {
    store: new RedisStoreClass({
      client,
      prefix,
      serializer: { parse: parseStored, stringify: JSON.stringify },
    }),
    availability,
    merge: redisMerge(client, prefix),
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
