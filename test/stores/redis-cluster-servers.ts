import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { freePorts, RedisServer } from './redis-server.js';

const run = promisify(execFile);
const connectNode = (url: string) => createClient({ url }).connect();
type NodeClient = Awaited<ReturnType<typeof connectNode>>;

/**
 * A throw-away Redis Cluster of the test's own: three masters on free loopback ports, with a
 * password, each writing every command to its append-only file before answering, so that a
 * master killed and started again comes back with its sessions. `cluster-require-full-coverage
 * no` keeps the other masters serving while one is down, as the README recommends.
 */
export class RedisClusterServers {
  readonly nodes: RedisServer[] = [];
  private readonly folder = mkdtempSync(join(tmpdir(), 'session-kit-cluster-'));

  private constructor(
    readonly ports: number[],
    readonly password: string,
  ) {
    for (const port of ports) {
      const dir = join(this.folder, String(port));
      mkdirSync(dir);
      this.nodes.push(
        new RedisServer(
          port,
          password,
          [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            'nodes.conf',
            '--cluster-node-timeout',
            '1000',
            '--cluster-require-full-coverage',
            'no',
            '--appendonly',
            'yes',
            '--appendfsync',
            'always',
          ],
          dir,
        ),
      );
    }
  }

  /**
   * Starts three masters (on `ports`, or on free ports), joins them into one cluster, and waits
   * until it is whole.
   */
  static async start(password: string, ports?: number[]): Promise<RedisClusterServers> {
    const cluster = new RedisClusterServers(ports ?? (await freePorts(3)), password);
    await Promise.all(cluster.nodes.map((node) => node.start()));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...cluster.ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
      '-a',
      password,
      '--no-auth-warning',
    ]);
    await cluster.whole();
    return cluster;
  }

  /** The URLs of its nodes, with the password. */
  get urls(): string[] {
    return this.ports.map((port) => `redis://:${this.password}@127.0.0.1:${port}`);
  }

  /** Waits until every node says the cluster is whole (`cluster_state:ok`). */
  async whole(timeout = 15_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!(await this.isWhole())) {
      if (Date.now() > deadline) {
        throw new Error('the throw-away Redis Cluster did not become whole');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Runs `work` with a client of its own to the node on `port` alone. */
  async onNode<T>(port: number, work: (client: NodeClient) => Promise<T>): Promise<T> {
    const client = await connectNode(`redis://:${this.password}@127.0.0.1:${port}`);
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }

  /** How many connections its nodes have, besides the one each count takes. */
  async clients(): Promise<number> {
    const counts = await Promise.all(
      this.ports.map((port) => this.onNode(port, (client) => client.info('clients'))),
    );
    return counts.reduce((sum, info) => sum + connectedClients(info) - 1, 0);
  }

  /** Stops every node and removes their files. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    rmSync(this.folder, { recursive: true, force: true });
  }

  private async isWhole(): Promise<boolean> {
    try {
      const states = await Promise.all(
        this.ports.map((port) =>
          this.onNode(port, (client) => client.sendCommand(['CLUSTER', 'INFO'])),
        ),
      );
      return states.every((info) => /^cluster_state:ok/m.test(String(info)));
    } catch {
      return false;
    }
  }
}

/** `connected_clients` of an `INFO clients` answer. */
export function connectedClients(info: string): number {
  return Number(/connected_clients:(\d+)/.exec(info)?.[1]);
}
