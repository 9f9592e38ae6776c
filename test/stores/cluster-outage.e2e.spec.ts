/**
 * A Redis Cluster whose masters fail one at a time: the sessions on a master that is down (or
 * hangs) get 503, those on the other masters are served, and everything resumes by itself.
 * The cluster is a throw-away one of this file's own (three masters on free ports), since
 * stopping a master of the machine's cluster would fail the suites that run beside this one.
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { COMMAND_TIMEOUT_MS } from '../../lib/stores/redis-deadline.js';
import { PLATFORMS, TEST_SECRET, type Platform } from '../fixtures/create-app.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createLoggedApp, eventually } from './logged-app.js';
import { RedisClusterServers } from './redis-cluster-servers.js';
import { RUN_ID } from './services.js';

const PASSWORD = 'cluster-password-never-logged';
const USERS = Array.from({ length: 24 }, (_, i) => `user-${i}`);

let cluster: RedisClusterServers;
beforeAll(async () => {
  cluster = await RedisClusterServers.start(PASSWORD);
}, 30_000);
afterAll(() => cluster?.stop());

/** A logged-in user: its cookie, and the port of the master its session lives on. */
interface LoggedIn {
  user: string;
  cookie: string;
  port: number;
}

/** Logs every user in, then finds on which master each session is, from the masters' keys. */
async function logInEveryone(app: INestApplication, prefix: string): Promise<LoggedIn[]> {
  const cookies = new Map<string, string>();
  for (const user of USERS) {
    const login = await request(app.getHttpServer()).post('/login').send({ userId: user });
    expect(login.status).toBe(200);
    cookies.set(user, cookieHeader(login));
  }
  const loggedIn: LoggedIn[] = [];
  for (const port of cluster.ports) {
    await cluster.onNode(port, async (client) => {
      for (const key of await client.keys(`${prefix}*`)) {
        const { userId } = JSON.parse((await client.get(key))!) as { userId: string };
        loggedIn.push({ user: userId, cookie: cookies.get(userId)!, port });
      }
    });
  }
  expect(loggedIn.map(({ user }) => user).sort()).toEqual([...USERS].sort());
  return loggedIn;
}

/** What `/me` answers for `session`, and how long it took. */
async function me({ cookie }: LoggedIn, app: INestApplication) {
  const started = Date.now();
  const response = await request(app.getHttpServer())
    .get('/me')
    .set('Cookie', cookie)
    .timeout(COMMAND_TIMEOUT_MS + 3000);
  return { status: response.status, body: response.body as unknown, ms: Date.now() - started };
}

/** Waits until each of `sessions` is served again, its user still logged in. */
async function servedAgain(sessions: LoggedIn[], app: INestApplication): Promise<void> {
  for (const session of sessions) {
    await eventually(async () => {
      expect(await me(session, app)).toMatchObject({
        status: 200,
        body: { userId: session.user },
      });
    });
  }
}

describe.each(PLATFORMS)('a Redis Cluster master that is down, on %s', (platform: Platform) => {
  const lines: string[] = [];
  const prefix = `test:${RUN_ID}:cluster-outage-${platform}:`;
  let app: INestApplication;
  let sessions: LoggedIn[];
  let down: number;
  const errors = () => lines.filter((line) => line.startsWith('error'));

  beforeAll(async () => {
    app = await createLoggedApp(
      { secret: TEST_SECRET, store: { driver: 'redis', cluster: cluster.urls, prefix } },
      lines,
      platform,
    );
    sessions = await logInEveryone(app, prefix);
    down = cluster.ports[1]!;
  });
  afterAll(() => app?.close());

  it('answers 503 at once for the sessions on its slots and serves every other session', async () => {
    const onDown = sessions.filter(({ port }) => port === down);
    const onOthers = sessions.filter(({ port }) => port !== down);
    expect(onDown.length).toBeGreaterThan(0);
    expect(onOthers.length).toBeGreaterThan(0);

    await cluster.nodes[1]!.stop();
    for (const session of onDown) {
      const answer = await me(session, app);
      expect(answer.status).toBe(503);
      expect(answer.ms).toBeLessThan(1000);
    }
    for (const session of onOthers) {
      expect(await me(session, app)).toMatchObject({ status: 200, body: { userId: session.user } });
    }
    for (let i = 0; i < 10; i++) {
      const login = await request(app.getHttpServer())
        .post('/login')
        .send({ userId: `new-${i}` });
      expect([200, 503]).toContain(login.status);
    }
    await request(app.getHttpServer()).get('/health').expect(200);
  });

  it('logs the outage once, with the address of the master and without the password', () => {
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toContain('SessionStoreUnavailableError');
    expect(errors()[0]).toContain(`127.0.0.1:${down}`);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('serves every session again, kept by the master, once it is back', async () => {
    await cluster.nodes[1]!.start();
    await cluster.whole();
    await servedAgain(sessions, app);
    await eventually(async () => {
      expect(lines.at(-1)).toMatch(/^log .*answers again/);
    });
    expect(errors()).toHaveLength(1);
  });
});

describe('a Redis Cluster master that hangs', () => {
  const lines: string[] = [];
  const prefix = `test:${RUN_ID}:cluster-hang:`;
  let app: INestApplication;

  beforeAll(async () => {
    app = await createLoggedApp(
      { secret: TEST_SECRET, store: { driver: 'redis', cluster: cluster.urls, prefix } },
      lines,
      'express',
    );
  });
  afterAll(() => app?.close());

  it('answers 503 within the command timeout for the sessions on its slots, and serves the others meanwhile', async () => {
    const sessions = await logInEveryone(app, prefix);
    const hung = cluster.ports[2]!;
    const onHung = sessions.filter(({ port }) => port === hung);
    const onOthers = sessions.filter(({ port }) => port !== hung);

    cluster.nodes[2]!.pause();
    try {
      const [slow, ...others] = await Promise.all([
        me(onHung[0]!, app),
        ...onOthers.map((session) => me(session, app)),
      ]);
      expect(slow.status).toBe(503);
      expect(slow.ms).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 100);
      expect(slow.ms).toBeLessThan(COMMAND_TIMEOUT_MS + 1000);
      others.forEach((answer, i) => {
        expect(answer).toMatchObject({ status: 200, body: { userId: onOthers[i]!.user } });
        expect(answer.ms).toBeLessThan(1000);
      });
    } finally {
      cluster.nodes[2]!.resume();
    }
    await cluster.whole();
    await servedAgain(onHung, app);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  }, 30_000);
});
