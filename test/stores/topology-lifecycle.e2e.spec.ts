/**
 * The module's own clients of a Redis Cluster and of Redis Sentinel over an application's life:
 * opened at start-up even while Redis is down (then connected once it comes up), and closed by
 * `app.close()`, which leaves no connection and no reconnection behind. The servers are
 * throw-away ones of this file's own, started on ports the test picks.
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { RedisStoreOptions } from '../../lib/index.js';
import { TEST_SECRET } from '../fixtures/create-app.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createLoggedApp, eventually } from './logged-app.js';
import { RedisClusterServers } from './redis-cluster-servers.js';
import { freePorts } from './redis-server.js';
import { RedisSentinelServers } from './redis-sentinel-servers.js';
import { RUN_ID } from './services.js';

const PASSWORD = 'lifecycle-password';
/** Longer than the longest wait between two reconnection attempts (2 s). */
const RECONNECT_WINDOW_MS = 3000;

interface Servers {
  clients(): Promise<number>;
  stop(): Promise<void>;
}

/** One Redis setup: how to start its servers, and the store options that reach them. */
interface Topology {
  label: string;
  start(ports?: number[]): Promise<Servers>;
  store(ports: number[]): RedisStoreOptions;
}

const TOPOLOGIES: Topology[] = [
  {
    label: 'a Redis Cluster',
    start: (ports) => RedisClusterServers.start(PASSWORD, ports),
    store: (ports) => ({
      driver: 'redis',
      cluster: ports.map((port) => `redis://:${PASSWORD}@127.0.0.1:${port}`),
      prefix: `test:${RUN_ID}:lifecycle-cluster:`,
    }),
  },
  {
    label: 'Redis Sentinel',
    start: (ports) => RedisSentinelServers.start('lifecycle', PASSWORD, ports),
    store: (ports) => ({
      driver: 'redis',
      // The sentinel is the third of the ports (see RedisSentinelServers).
      sentinel: { name: 'lifecycle', nodes: [`redis://:${PASSWORD}@127.0.0.1:${ports[2]}`] },
      prefix: `test:${RUN_ID}:lifecycle-sentinel:`,
    }),
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TOPOLOGIES.map((topology) => [topology.label, topology] as const))(
  'the module with %s',
  (_label, topology) => {
    let servers: Servers | undefined;
    let app: INestApplication | undefined;
    afterEach(async () => {
      await app?.close();
      await servers?.stop();
      app = servers = undefined;
    });

    let lines: string[];
    const start = async (ports: number[]) => {
      lines = [];
      app = await createLoggedApp(
        { secret: TEST_SECRET, store: topology.store(ports) },
        lines,
        'express',
      );
      return app;
    };
    const me = () => request(app!.getHttpServer()).get('/me').timeout(6000);
    const logIn = () =>
      request(app!.getHttpServer()).post('/login').send({ userId: 'ann' }).timeout(6000);

    it('closes every connection it opened when the application closes', async () => {
      const ports = await freePorts(3);
      servers = await topology.start(ports);
      const before = await servers.clients();
      await start(ports);
      expect((await logIn()).status).toBe(200);
      expect(await servers.clients()).toBeGreaterThan(before);

      await app!.close();
      app = undefined;
      await eventually(async () => expect(await servers!.clients()).toBe(before));
      await sleep(RECONNECT_WINDOW_MS);
      expect(await servers.clients()).toBe(before);
    }, 30_000);

    it('starts while Redis is down, answers 503, and serves once Redis is up', async () => {
      const ports = await freePorts(3);
      const started = Date.now();
      await start(ports);
      expect(Date.now() - started).toBeLessThan(5000);
      const down = Date.now();
      expect((await logIn()).status).toBe(503);
      expect(Date.now() - down).toBeLessThan(1000);
      const errors = lines.filter((line) => line.startsWith('error'));
      expect(errors).toHaveLength(1);
      // What failed, in the log: the address that refused, never the password.
      expect(errors[0]).toMatch(/unavailable \(.*ECONNREFUSED.*\)/);
      expect(errors[0]).not.toContain(PASSWORD);

      servers = await topology.start(ports);
      let cookie = '';
      await eventually(async () => {
        const login = await logIn();
        expect(login.status).toBe(200);
        cookie = cookieHeader(login);
      }, 20_000);
      const read = await me().set('Cookie', cookie);
      expect(read.body).toEqual({ userId: 'ann' });
    }, 40_000);

    it('stops trying to connect when the application closes while Redis is down', async () => {
      const ports = await freePorts(3);
      await start(ports);
      expect((await logIn()).status).toBe(503);
      await app!.close();
      app = undefined;

      servers = await topology.start(ports);
      const baseline = await servers.clients();
      await sleep(RECONNECT_WINDOW_MS);
      expect(await servers.clients()).toBe(baseline);
    }, 40_000);
  },
);
