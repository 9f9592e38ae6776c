import { type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { createServer } from 'node:net';
import { firstValueFrom } from 'rxjs';
import request from 'supertest';
import { SessionGuard } from '../../lib/index.js';
import { CartService } from '../fixtures/api.controller.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS } from '../fixtures/create-app.js';
import { apolloModule } from '../graphql/graphql-servers.js';
import { SessionResolver } from '../graphql/session.resolver.js';
import { Gate, sessionGateways } from '../websockets/session.gateway.js';
import { connect, type SocketClient } from '../websockets/socket-clients.js';
import { HybridController } from './hybrid.controller.js';

/** A free TCP port on the loopback interface, for the microservice. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.each(MODES_ON_PLATFORMS)(
  'a hybrid app (HTTP, GraphQL, a gateway, a TCP microservice) with a global SessionGuard in %s',
  (_label, _mode, options, platform) => {
    let app: INestApplication;
    let client: ClientProxy;
    let sockets: SocketClient[];
    let errors: unknown[];

    beforeAll(async () => {
      const port = await freePort();
      errors = [];
      app = await createApp(options, [HybridController], {
        platform,
        imports: [apolloModule()],
        providers: [
          { provide: APP_GUARD, useClass: SessionGuard },
          SessionResolver,
          sessionGateways('socket.io')[0],
          CartService,
          Gate,
        ],
        beforeListen: async (app) => {
          app.useLogger({ log() {}, warn() {}, error: (error: unknown) => errors.push(error) });
          app.connectMicroservice(
            { transport: Transport.TCP, options: { host: '127.0.0.1', port } },
            { inheritAppConfig: true },
          );
          await app.startAllMicroservices();
        },
      });
      client = ClientProxyFactory.create({
        transport: Transport.TCP,
        options: { host: '127.0.0.1', port },
      });
      await client.connect();
    });
    beforeEach(() => {
      sockets = [];
      errors.length = 0;
    });
    afterEach(() => sockets.forEach((socket) => socket.close()));
    afterAll(async () => {
      await client.close();
      await app.close();
    });

    const login = async () =>
      cookieHeader(
        await request(app.getHttpServer()).post('/login').send({ userId: 'ann' }).expect(200),
      );
    const graphql = (query: string, cookie = '') =>
      request(app.getHttpServer()).post('/graphql').set('Cookie', cookie).send({ query });
    const socket = async (cookie?: string) => {
      const opened = await connect('socket.io', app, { cookie });
      sockets.push(opened);
      return opened;
    };

    it('guards HTTP routes, GraphQL operations and gateway messages alike', async () => {
      await request(app.getHttpServer()).get('/me').expect(401);
      expect((await graphql('{ guarded }')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(await (await socket()).request('whoami')).toEqual({
        exception: expect.objectContaining({ message: 'Unauthorized' }),
      });
      const cookie = await login();
      await request(app.getHttpServer())
        .get('/me')
        .set('Cookie', cookie)
        .expect(200, { userId: 'ann' });
      expect((await graphql('{ guarded }', cookie)).body).toEqual({ data: { guarded: 'ann' } });
      expect(await (await socket(cookie)).request('guarded')).toEqual({ data: { userId: 'ann' } });
    });

    it("lets the microservice's handlers run: the guard does not apply where no session can come", async () => {
      expect(await firstValueFrom(client.send('sum', [1, 2, 3]))).toBe(6);
    });

    it('reports @Session() and @RequireSession() in a microservice handler with NoActiveSessionError', async () => {
      for (const pattern of ['whoami', 'guarded']) {
        await expect(firstValueFrom(client.send(pattern, {}))).rejects.toEqual(
          expect.objectContaining({ message: 'Internal server error' }),
        );
      }
      expect(errors).toEqual([
        expect.objectContaining({
          name: 'NoActiveSessionError',
          message: expect.stringContaining('a rpc handler (HybridController.whoami)'),
        }),
        expect.objectContaining({
          name: 'NoActiveSessionError',
          message: expect.stringContaining('a rpc handler (HybridController.guarded)'),
        }),
      ]);
    });
  },
);
