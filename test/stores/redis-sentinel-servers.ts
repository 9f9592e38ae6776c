import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { connectedClients } from './redis-cluster-servers.js';
import { freePorts, RedisServer, waitForPort } from './redis-server.js';

const connect = (url: string) => createClient({ url }).connect();
type Client = Awaited<ReturnType<typeof connect>>;

/** How long the sentinel waits before it calls a silent master down. */
export const DOWN_AFTER_MS = 1000;

/**
 * A throw-away Redis Sentinel setup of the test's own, on free loopback ports: a master, its
 * replica and one sentinel (quorum 1), all behind one password. The sentinel calls the master
 * down after `DOWN_AFTER_MS` of silence and promotes the replica.
 */
export class RedisSentinelServers {
  readonly master: RedisServer;
  readonly replica: RedisServer;
  private sentinel: ChildProcess | undefined;
  private readonly folder = mkdtempSync(join(tmpdir(), 'session-kit-sentinel-'));

  private constructor(
    private readonly ports: { master: number; replica: number; sentinel: number },
    readonly name: string,
    readonly password: string,
  ) {
    this.master = new RedisServer(ports.master, password);
    this.replica = new RedisServer(ports.replica, password, [
      '--replicaof',
      '127.0.0.1',
      String(ports.master),
    ]);
  }

  /**
   * Starts the master, its replica and the sentinel (on `ports`, or on free ports), and waits
   * until the replica is in sync.
   */
  static async start(
    name: string,
    password: string,
    ports?: number[],
  ): Promise<RedisSentinelServers> {
    const [master, replica, sentinel] = ports ?? (await freePorts(3));
    const setup = new RedisSentinelServers(
      { master: master!, replica: replica!, sentinel: sentinel! },
      name,
      password,
    );
    await setup.master.start();
    await setup.replica.start();
    await setup.startSentinel();
    await setup.until(async () => {
      const info = await setup.onPort(setup.ports.replica, (client) => client.info('replication'));
      return info.includes('master_link_status:up');
    }, 'the replica to be in sync');
    return setup;
  }

  /** The sentinel's URL, with the password (which serves for the sentinel and the servers). */
  get sentinelUrl(): string {
    return `redis://:${this.password}@127.0.0.1:${this.ports.sentinel}`;
  }

  /** The port of the server the sentinel names as master now. */
  async masterPort(): Promise<number> {
    const [, port] = (await this.onPort(this.ports.sentinel, (client) =>
      client.sendCommand(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', this.name]),
    )) as [string, string];
    return Number(port);
  }

  /** Waits until the sentinel names the replica as master. */
  async failedOver(timeout = 20_000): Promise<void> {
    await this.until(
      async () => (await this.masterPort()) === this.ports.replica,
      'the replica to be promoted',
      timeout,
    );
  }

  /** How far the replica's copy lags behind the master's writes, in bytes. */
  async replicationLag(): Promise<number> {
    const offset = async (port: number) => {
      const info = await this.onPort(port, (client) => client.info('replication'));
      return Number(/(?:master_repl_offset|slave_repl_offset):(\d+)/.exec(info)?.[1]);
    };
    return (await offset(this.ports.master)) - (await offset(this.ports.replica));
  }

  /** How many connections the master, the replica and the sentinel have, besides the counts'. */
  async clients(): Promise<number> {
    const counts = await Promise.all(
      Object.values(this.ports).map((port) =>
        this.onPort(port, (client) => client.info('clients')),
      ),
    );
    return counts.reduce((sum, info) => sum + connectedClients(info) - 1, 0);
  }

  /** Stops every server and removes the sentinel's files. */
  async stop(): Promise<void> {
    const sentinel = this.sentinel;
    if (sentinel && sentinel.exitCode === null) {
      const exited = new Promise((resolve) => sentinel.once('exit', resolve));
      sentinel.kill('SIGKILL');
      await exited;
    }
    await Promise.all([this.master.stop(), this.replica.stop()]);
    rmSync(this.folder, { recursive: true, force: true });
  }

  private async startSentinel(): Promise<void> {
    // The sentinel rewrites its configuration file as it learns the setup.
    const config = join(this.folder, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `port ${this.ports.sentinel}`,
        'bind 127.0.0.1',
        `dir ${this.folder}`,
        `requirepass ${this.password}`,
        `sentinel monitor ${this.name} 127.0.0.1 ${this.ports.master} 1`,
        `sentinel auth-pass ${this.name} ${this.password}`,
        `sentinel down-after-milliseconds ${this.name} ${DOWN_AFTER_MS}`,
        `sentinel failover-timeout ${this.name} 5000`,
        '',
      ].join('\n'),
    );
    this.sentinel = spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' });
    await waitForPort(this.ports.sentinel, 'redis-sentinel');
  }

  private async onPort<T>(port: number, work: (client: Client) => Promise<T>): Promise<T> {
    const client = await connect(`redis://:${this.password}@127.0.0.1:${port}`);
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }

  private async until(check: () => Promise<boolean>, what: string, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    while (!(await check().catch(() => false))) {
      if (Date.now() > deadline) {
        throw new Error(`gave up waiting for ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
