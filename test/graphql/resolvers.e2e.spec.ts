import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import { sessionCookie } from '../../lib/testing/index.js';
import { createApp, MODES } from '../fixtures/create-app.js';
import { startChildApp } from './child-app.js';
import { apolloModule, GRAPHQL_SERVERS } from './graphql-servers.js';
import { SessionResolver } from './session.resolver.js';

interface GraphqlError {
  message: string;
  extensions?: { code?: string; stacktrace?: string[] };
}
interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[];
}

/** A running app of the suite: where to send requests, a session cookie for `bob`. */
interface RunningApp {
  target: Server | string;
  bobCookie: string;
  stop(): Promise<void>;
}

const ME = '{ me { userId fromService id isNew mode note } }';

/** Every mode, on Apollo (Express and Fastify) and Mercurius (Fastify). */
const CASES = GRAPHQL_SERVERS.flatMap(([server, platform]) =>
  MODES.map(
    ([label, mode, options]) =>
      [`${server} on ${platform}, ${label}`, server, platform, mode, options] as const,
  ),
);

describe.each(CASES)('GraphQL resolvers on %s', (_label, server, platform, mode, options) => {
  let app: RunningApp;
  let agent: ReturnType<typeof request.agent>;

  beforeAll(async () => {
    if (server === 'Mercurius') {
      const child = await startChildApp(
        'test/graphql/mercurius-app.ts',
        ['lib', 'test/graphql/session.resolver.ts', 'test/fixtures/session-data.ts'],
        [JSON.stringify(options)],
      );
      app = { target: child.url, bobCookie: child.bobCookie, stop: child.stop };
      return;
    }
    // Outside production (and tests), Apollo sends each error's stack trace to the client.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    const nest: INestApplication = await createApp(options, [], {
      platform,
      imports: [apolloModule()],
      providers: [SessionResolver],
    }).finally(() => (process.env.NODE_ENV = nodeEnv));
    const bobCookie = await sessionCookie(nest, { userId: 'bob' });
    app = { target: nest.getHttpServer(), bobCookie, stop: () => nest.close() };
  }, 60_000);
  afterAll(() => app.stop());
  beforeEach(() => {
    agent = request.agent(app.target);
  });

  /** Runs one operation with the agent's cookie jar, or with `cookie` alone. */
  const run = async (query: string, cookie?: string): Promise<GraphqlBody> => {
    const post = cookie
      ? request(app.target).post('/graphql').set('Cookie', cookie)
      : agent.post('/graphql');
    const response = await post.send({ query });
    return response.body as GraphqlBody;
  };

  /** What a refused operation answers: its message and code, having checked it has no stack. */
  const refusal = (body: GraphqlBody) => {
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(JSON.stringify(body)).not.toMatch(/\bat .*:\d+:\d+/);
    return { message: error.message, code: error.extensions?.code };
  };

  it('logs in with a mutation that sets the cookie, reads it in a query, and logs out', async () => {
    expect((await run(ME)).data).toEqual({
      me: expect.objectContaining({ userId: null, isNew: true, mode }),
    });
    const login = await run('mutation { login(userId: "ann") { userId id } }');
    expect(login.data).toEqual({ login: { userId: 'ann', id: expect.any(String) } });
    expect((await run(ME)).data).toEqual({
      me: expect.objectContaining({ userId: 'ann', fromService: 'ann', isNew: false, mode }),
    });
    expect((await run('mutation { logout }')).data).toEqual({ logout: true });
    expect((await run(ME)).data).toEqual({ me: expect.objectContaining({ userId: null }) });
  });

  it('refuses a guarded query with UNAUTHENTICATED, then answers it once logged in', async () => {
    expect(refusal(await run('{ guarded }'))).toEqual({
      message: 'Unauthorized',
      code: 'UNAUTHENTICATED',
    });
    await run('mutation { login(userId: "ann") { userId } }');
    expect(await run('{ guarded }')).toEqual({ data: { guarded: 'ann' } });
  });

  it("refuses with FORBIDDEN when @RequireSession()'s check fails", async () => {
    expect(refusal(await run('{ admin }')).code).toBe('UNAUTHENTICATED');
    await run('mutation { login(userId: "ann", roles: ["user"]) { userId } }');
    expect(refusal(await run('{ admin }'))).toEqual({ message: 'Forbidden', code: 'FORBIDDEN' });
    await run('mutation { login(userId: "ann", roles: ["admin"]) { userId } }');
    expect(await run('{ admin }')).toEqual({ data: { admin: 'admin' } });
  });

  it('keeps what a mutation writes through SessionService', async () => {
    await run('mutation { login(userId: "ann") { userId } }');
    expect((await run('mutation { note(text: "hello") { note } }')).data).toEqual({
      note: { note: 'hello' },
    });
    expect((await run(ME)).data).toEqual({ me: expect.objectContaining({ note: 'hello' }) });
  });

  it('takes the session of a sessionCookie', async () => {
    expect(await run('{ guarded }', app.bobCookie)).toEqual({ data: { guarded: 'bob' } });
  });
});
