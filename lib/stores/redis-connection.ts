import type { createClient, createCluster, createSentinel } from 'redis';
import { StoreAvailability } from '../core/store-availability.js';
import { peerExport } from './load-optional-peers.js';
import { redisUrlParts } from './redis-addresses.js';
import { answeredWithin } from './redis-deadline.js';
import { redactUrl } from './store-address.js';

/** How the module reaches Redis: one server, a Redis Cluster, or a master behind Sentinel. */
export type RedisTopology =
  | { kind: 'node'; url: string }
  | { kind: 'cluster'; urls: readonly string[] }
  | { kind: 'sentinel'; name: string; urls: readonly string[] };

/** What the module needs of any node-redis client: the three kinds have all of it. */
export interface RedisEventsLike {
  readonly isOpen: boolean;
  /** `undefined` on node-redis 5's cluster client, which has only `isOpen`. */
  readonly isReady?: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

interface ClusterLike extends RedisEventsLike {
  readonly masters: readonly { readonly address: string }[];
  nodeClient(master: { readonly address: string }): Promise<{
    sendCommand(args: string[]): Promise<unknown>;
  }>;
}

interface OwnClient extends RedisEventsLike {
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  destroy(): unknown;
}

/** Longest wait between two reconnection attempts while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** How long opening a connection may take before it fails. */
const CONNECT_TIMEOUT_MS = 5000;
/**
 * How many times a command looks the master up again when it fails behind Sentinel, about a
 * second apart: while a dead master waits for the sentinels to agree on its death
 * (`down-after-milliseconds`), a command fails after some 4 seconds instead of waiting for the
 * failover (node-redis's default of 16 would hold a request for 16 seconds).
 */
const SENTINEL_LOOKUPS = 4;
/** How many hash slots a Redis Cluster has. */
const HASH_SLOTS = 16_384;
/** How long a probe during an outage waits for its answer. */
const PROBE_TIMEOUT_MS = 1000;

const reconnectStrategy = (retries: number) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS);

/** The kind of a client the user passed: a cluster has `masters`, a sentinel client its node. */
export function kindOf(client: object): RedisTopology['kind'] {
  if ('masters' in client) {
    return 'cluster';
  }
  return typeof (client as { getSentinelNode?: unknown }).getSentinelNode === 'function'
    ? 'sentinel'
    : 'node';
}

/** Where `topology` points, for logs: addresses without credentials. */
export function topologyAddress(topology: RedisTopology): string {
  switch (topology.kind) {
    case 'node':
      return redactUrl(topology.url);
    case 'cluster':
      return `${topology.urls.map(redactUrl).join(', ')} (Redis Cluster)`;
    case 'sentinel':
      return `${topology.urls.map(redactUrl).join(', ')} (Redis Sentinel, master "${topology.name}")`;
  }
}

/**
 * The module's own client for `topology`, from the `redis` package `redis`. Every connection
 * fails fast while Redis is down, so that no request waits on it: commands are refused at once
 * instead of queued (`disableOfflineQueue`), a connection attempt gives up after 5 seconds (and
 * an answer after 5 seconds too: `withCommandDeadline`), and reconnection goes on forever with a
 * back-off capped at 2 seconds. Credentials, TLS (`rediss://`) and the database come from the
 * URLs, for every node and sentinel alike.
 */
export function createOwnClient(redis: unknown, topology: RedisTopology): OwnClient {
  const failFast = {
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy },
  };
  // node-redis's own command timeout (5 s by default in version 6) ends when a command is
  // written, which it is at once here, since nothing is queued: `withCommandDeadline` bounds the
  // wait for the answer instead, and this timer per command is saved.
  const commandOptions = { timeout: 0 };
  if (topology.kind === 'node') {
    const create = peerExport<typeof createClient>(redis, 'redis', 'createClient');
    return create({ url: topology.url, ...failFast, commandOptions }) as unknown as OwnClient;
  }
  // The lists were checked: every URL parses, with the same credentials, scheme and database.
  const nodes = topology.urls.map((url) => redisUrlParts(url)!);
  const { username, password, tls, database } = nodes[0]!;
  const credentials = { ...(username ? { username } : {}), ...(password ? { password } : {}) };
  const nodeOptions = { ...failFast, ...credentials, socket: { ...failFast.socket, tls } };
  if (topology.kind === 'cluster') {
    const create = peerExport<typeof createCluster>(redis, 'redis', 'createCluster');
    return create({
      rootNodes: topology.urls.map((url) => ({ url })),
      // Nodes found through the root nodes take their options from `defaults` only.
      defaults: nodeOptions as never,
      commandOptions,
    }) as unknown as OwnClient;
  }
  const create = peerExport<typeof createSentinel>(redis, 'redis', 'createSentinel');
  return create({
    name: topology.name,
    sentinelRootNodes: nodes.map(({ host, port }) => ({ host, port })),
    nodeClientOptions: { ...nodeOptions, database } as never,
    sentinelClientOptions: nodeOptions as never,
    maxCommandRediscovers: SENTINEL_LOOKUPS,
    commandOptions,
  }) as unknown as OwnClient;
}

/**
 * The health of `client`, followed through its events. One server, or a master behind
 * Sentinel, fails as a whole: its errors open an outage, its `ready` ends it. A Redis Cluster
 * fails by masters: a master that is down fails the requests whose sessions are on its slots,
 * and only those; its errors are logged with its address, and the outage ends when a probe
 * finds every master up and the cluster whole.
 */
export function followAvailability(
  client: RedisEventsLike,
  kind: RedisTopology['kind'],
  address: string,
): { availability: StoreAvailability; unfollow(): void } {
  const availability =
    kind === 'cluster'
      ? new StoreAvailability(
          address,
          () => answeredWithin(clusterAnswers(client as ClusterLike), PROBE_TIMEOUT_MS),
          'parts',
        )
      : new StoreAvailability(address, () => serverAnswers(client));
  const listeners: Record<string, (...args: unknown[]) => void> = {
    error: (error) => availability.failed(error),
    ...(kind === 'cluster'
      ? {
          'node-error': (error, node) => availability.failed(nodeFailure(error, node)),
          'node-ready': () => void availability.recheck(),
        }
      : { ready: () => availability.recovered() }),
  };
  for (const [event, listener] of Object.entries(listeners)) {
    client.on(event, listener);
  }
  return {
    availability,
    unfollow: () => {
      for (const [event, listener] of Object.entries(listeners)) {
        client.off(event, listener);
      }
    },
  };
}

/** Whether the client can take commands now (node-redis 5's cluster client has no `isReady`). */
export function isReady(client: RedisEventsLike): boolean {
  return client.isReady ?? client.isOpen;
}

/**
 * Starts connecting the module's own client and resolves at its first outcome: connected, or a
 * first error (which opens the outage). A single server's client reconnects by itself forever;
 * a cluster's or a sentinel's gives up when its first connection fails, so it is connected
 * again, with the same back-off, until it succeeds or `stop()` is called.
 */
export function startConnecting(
  client: OwnClient,
  kind: RedisTopology['kind'],
  onFailure: (error: unknown) => void,
): { firstOutcome: Promise<void>; stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveFirst!: () => void;
  const firstOutcome = new Promise<void>((resolve) => (resolveFirst = resolve));
  const settle = () => {
    client.off('error', settle);
    resolveFirst();
  };
  client.on('error', settle);

  const attempt = (retries: number) => {
    connectWhole(client, kind).then(settle, (error: unknown) => {
      settle();
      // A single server's client rejects only when closed before it ever connected.
      if (stopped || kind === 'node') {
        return;
      }
      onFailure(error);
      timer = setTimeout(() => attempt(retries + 1), reconnectStrategy(retries));
    });
  };
  attempt(0);
  return {
    firstOutcome,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * Connects `client`. A cluster client must also know a master for every hash slot: one that
 * connected while the cluster was being formed (slots not all assigned yet) fails every command
 * on the slots it missed and never looks again, so it is closed, to be connected anew.
 */
async function connectWhole(client: OwnClient, kind: RedisTopology['kind']): Promise<void> {
  await client.connect();
  if (kind === 'cluster') {
    const { slots } = client as unknown as { slots: readonly unknown[] };
    let known = 0;
    for (let slot = 0; slot < HASH_SLOTS; slot++) {
      known += slots[slot] ? 1 : 0;
    }
    if (known < HASH_SLOTS) {
      await client.destroy();
      throw new Error(`the Redis Cluster serves ${known} of its ${HASH_SLOTS} hash slots so far`);
    }
  }
}

/** Closes the module's own client: gracefully when it is connected, at once otherwise. */
export async function closeOwnClient(client: OwnClient, kind: RedisTopology['kind']) {
  const whole =
    kind === 'cluster'
      ? isReady(client) && allMastersUp(client as unknown as ClusterLike)
      : isReady(client);
  await (whole ? client.close() : client.destroy());
}

function allMastersUp(cluster: ClusterLike): boolean {
  return cluster.masters.every(
    (master) => (master as { client?: { isReady?: boolean } }).client?.isReady === true,
  );
}

/**
 * Resolves when the server (or the master behind Sentinel) answers a PING within
 * `PROBE_TIMEOUT_MS`; fails at once while the client is not connected.
 */
async function serverAnswers(client: RedisEventsLike): Promise<void> {
  if (!isReady(client)) {
    throw new Error('the Redis client is not connected');
  }
  await answeredWithin(
    (client as unknown as { ping(): Promise<unknown> }).ping(),
    PROBE_TIMEOUT_MS,
  );
}

/** Resolves when every master of the cluster answers and says the cluster is whole. */
async function clusterAnswers(cluster: ClusterLike): Promise<void> {
  if (!cluster.isOpen) {
    throw new Error('the Redis Cluster client is not connected');
  }
  await Promise.all(
    cluster.masters.map(async (master) => {
      const info = await (await cluster.nodeClient(master)).sendCommand(['CLUSTER', 'INFO']);
      if (!/^cluster_state:ok/m.test(String(info))) {
        throw new Error(`the node at ${master.address} says the cluster is down`);
      }
    }),
  );
}

/** A cluster node's error, saying which node (its host and port: no credentials). */
function nodeFailure(error: unknown, node: unknown): Error {
  const { host, port } = (node ?? {}) as { host?: string; port?: number };
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`the node at ${host}:${port}: ${message}`, { cause: error });
}
