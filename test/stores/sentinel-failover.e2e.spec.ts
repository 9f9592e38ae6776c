/**
 * Redis Sentinel failing over: the master is killed (SIGKILL) and the sentinel promotes its
 * replica. What was written and replicated before is still there; what a failover in the middle
 * of writes loses (Redis replicates asynchronously) is measured and printed, for the README.
 * The servers are a throw-away setup of this file's own, since killing the machine's master
 * would fail the suites that run beside this one.
 */
import { Controller, Get, HttpCode, Post, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Session, SessionHandle } from '../../lib/index.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { DOWN_AFTER_MS, RedisSentinelServers } from './redis-sentinel-servers.js';
import { RUN_ID } from './services.js';

const PASSWORD = 'sentinel-password-never-logged';
const WRITTEN_BEFORE = 50;
const CLIENTS = 20;
/** How long the clients write before the master is killed, and after the failover. */
const BEFORE_MS = 1500;
const AFTER_MS = 2000;
/** The longest a request may take: the 5-second deadline of one command, and some slack. */
const LONGEST_REQUEST_MS = 6000;

@Controller()
class CounterController {
  @Post('login')
  @HttpCode(200)
  async login(@Session() session: SessionHandle<Record<string, unknown>>) {
    await session.regenerate();
    session.set('userId', `user-${Math.random().toString(36).slice(2)}`);
    session.set('count', 0);
    return { userId: session.get('userId') };
  }

  @Post('increment')
  @HttpCode(200)
  increment(@Session() session: SessionHandle<Record<string, number>>) {
    session.set('count', (session.get('count') ?? 0) + 1);
    return { count: session.get('count') };
  }

  @Get('count')
  count(@Session() session: SessionHandle<Record<string, unknown>>) {
    return { userId: session.get('userId') ?? null, count: session.get('count') ?? null };
  }
}

/** One client writing without pause: what it was told, and what it lost. */
interface Writer {
  cookie: string;
  userId: string;
  /** The count the last 200 answer gave. */
  confirmed: number;
  /** Increments confirmed by a 200 and missing from a later answer. */
  lost: number;
}

let servers: RedisSentinelServers;
let app: INestApplication;

beforeAll(async () => {
  servers = await RedisSentinelServers.start('failover', PASSWORD);
  app = await createApp(
    {
      secret: TEST_SECRET,
      store: {
        driver: 'redis',
        sentinel: { name: servers.name, nodes: [servers.sentinelUrl] },
        prefix: `test:${RUN_ID}:failover:`,
      },
    },
    [CounterController],
  );
}, 30_000);
afterAll(async () => {
  await app?.close();
  await servers?.stop();
});

const server = () => app.getHttpServer();

async function logIn(): Promise<Writer> {
  const response = await request(server()).post('/login').expect(200);
  return { cookie: cookieHeader(response), userId: response.body.userId, confirmed: 0, lost: 0 };
}

it('keeps what was replicated, serves again on the promoted replica, and measures what writes at the moment of the failover lose', async () => {
  const before = await Promise.all(Array.from({ length: WRITTEN_BEFORE }, logIn));
  for (const client of before) {
    await request(server()).post('/increment').set('Cookie', client.cookie).expect(200);
  }
  let waitedForReplica = Date.now();
  while ((await servers.replicationLag()) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  waitedForReplica = Date.now() - waitedForReplica;

  const writers = await Promise.all(Array.from({ length: CLIENTS }, logIn));
  const answers: { status: number; at: number; ms: number }[] = [];
  let killedAt = 0;
  let promotedAt = 0;
  let done = false;
  const write = async (writer: Writer) => {
    while (!done) {
      const at = Date.now();
      const response = await request(server())
        .post('/increment')
        .set('Cookie', writer.cookie)
        .timeout(LONGEST_REQUEST_MS * 3);
      answers.push({ status: response.status, at, ms: Date.now() - at });
      if (response.status === 200) {
        const count = response.body.count as number;
        writer.lost += Math.max(0, writer.confirmed - (count - 1));
        writer.confirmed = count;
      }
    }
  };
  const running = Promise.all(writers.map(write));
  await new Promise((resolve) => setTimeout(resolve, BEFORE_MS));
  killedAt = Date.now();
  await servers.master.stop();
  await servers.failedOver();
  promotedAt = Date.now();
  // Writing on until every client has been served again for a while.
  while (!answers.some(({ at, status }) => at > promotedAt && status === 200)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
  done = true;
  await running;

  const failed = answers.filter(({ status }) => status !== 200);
  const lost = writers.reduce((sum, writer) => sum + writer.lost, 0);
  const served = answers.filter(({ status }) => status === 200).map(({ at, ms }) => at + ms);
  served.sort((a, b) => a - b);
  const rate = served.filter((end) => end <= killedAt).length / (BEFORE_MS / 1000);
  const resumedAt = served.find((end) => end > promotedAt) ?? NaN;
  const pause = Math.max(...served.slice(1).map((end, i) => end - served[i]!));
  /** How many of `clients` no longer find their session (or, before, its one increment). */
  const missing = async (clients: Writer[], count?: number) => {
    const found = await Promise.all(
      clients.map(async ({ cookie, userId }) => {
        const { body } = await request(server()).get('/count').set('Cookie', cookie).expect(200);
        return body.userId === userId && (count === undefined || body.count === count);
      }),
    );
    return found.filter((ok) => !ok).length;
  };
  const lostBefore = await missing(before, 1);
  const lostWriters = await missing(writers);
  console.log(
    [
      `Sentinel failover (master killed with SIGKILL, down-after-milliseconds ${DOWN_AFTER_MS}):`,
      `  ${WRITTEN_BEFORE} sessions written before, then replicated (the replica's offset ` +
        `checked, ${waitedForReplica} ms): ${WRITTEN_BEFORE - lostBefore} still there`,
      `  ${CLIENTS} clients writing without pause (${Math.round(rate)} writes/s): ` +
        `${answers.length} requests, ${failed.length} answered ` +
        `${[...new Set(failed.map(({ status }) => status))].join('/') || 'other than 200'}`,
      `  replica promoted ${promotedAt - killedAt} ms after the kill, writes served again ` +
        `${resumedAt - killedAt} ms after the kill; longest pause between two writes served: ` +
        `${pause} ms; longest request ${Math.max(...answers.map(({ ms }) => ms))} ms`,
      `  increments confirmed (200) and then missing: ${lost}; writers' sessions lost: ` +
        `${lostWriters}`,
    ].join('\n'),
  );

  expect(failed.every(({ status }) => status === 503)).toBe(true);
  expect(Math.max(...answers.map(({ ms }) => ms))).toBeLessThan(LONGEST_REQUEST_MS);
  expect(resumedAt).toBeGreaterThan(promotedAt);
  expect(lostBefore).toBe(0);
}, 60_000);
