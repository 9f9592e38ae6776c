import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import request from 'supertest';
import { EncryptedCookieFormat } from '../../lib/cookie-mode/encrypted-cookie.format.js';
import { SignedCookieFormat } from '../../lib/cookie-mode/signed-cookie.format.js';
import { MemorySessionStore, type SessionModuleOptions } from '../../lib/index.js';
import { sessionCookie } from '../../lib/testing/index.js';
import { CartService } from '../fixtures/api.controller.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS } from '../fixtures/create-app.js';
import { freezeClock } from '../fixtures/frozen-clock.js';
import { LoginController } from './login.controller.js';
import { Gate, sessionGateways } from './session.gateway.js';
import { connect, SOCKET_KINDS, type SocketClient, type SocketKind } from './socket-clients.js';

const UNAUTHORIZED = {
  exception: expect.objectContaining({ status: 'error', message: 'Unauthorized' }),
};
const FORBIDDEN = { exception: expect.objectContaining({ status: 'error', message: 'Forbidden' }) };
const READ_ONLY = {
  data: { error: 'SessionReadOnlyError', message: expect.stringContaining('over HTTP') },
};

/** The same gateway code, on socket.io and ws, in every mode on Express and on Fastify. */
const CASES = SOCKET_KINDS.flatMap((kind) =>
  MODES_ON_PLATFORMS.map(
    ([label, mode, options, platform]) =>
      [`${kind} in ${label}`, kind, mode, options, platform] as const,
  ),
);

describe.each(CASES)('gateways on %s', (_label, kind, mode, options, platform) => {
  let app: INestApplication;
  let clients: SocketClient[];
  let errors: unknown[];

  /** The app, on `kind`'s server, logging its errors into `errors`. */
  const start = (sessionOptions: SessionModuleOptions) =>
    createApp(sessionOptions, [LoginController], {
      platform,
      providers: [...sessionGateways(kind), CartService, Gate],
      beforeListen: (app) => {
        app.useLogger({ log() {}, warn() {}, error: (error: unknown) => errors.push(error) });
        if (kind === 'ws') {
          app.useWebSocketAdapter(new WsAdapter(app));
        }
      },
    });

  beforeEach(async () => {
    clients = [];
    errors = [];
    app = await start(options);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    jest.useRealTimers();
    clients.forEach((client) => client.close());
    await app.close();
  });

  const open = async (cookie?: string, channel?: string) => {
    const client = await connect(kind as SocketKind, app, { cookie, channel });
    clients.push(client);
    return client;
  };
  const http = () => request(app.getHttpServer());
  const me = (cookie: string) => http().get('/me').set('Cookie', cookie).expect(200);

  it('reads the session the handshake cookie carries: @Session(), @SessionId(), SessionService', async () => {
    const cookie = await sessionCookie(app, { userId: 'ann', cart: ['apple'] });
    const { body } = await me(cookie);
    const client = await open(cookie);
    expect(await client.request('whoami')).toEqual({
      data: {
        userId: 'ann',
        fromService: 'ann',
        id: body.id,
        isNew: false,
        mode,
        data: { userId: 'ann', cart: ['apple'] },
      },
    });
  });

  it('reads a session logged in over HTTP, with the cookie the login set', async () => {
    const login = await http().post('/login').send({ userId: 'bob' }).expect(200);
    const client = await open(cookieHeader(login));
    expect(await client.request('guarded')).toEqual({ data: { userId: 'bob' } });
  });

  it('gives a client without a session an empty one, which the guards refuse with a WsException', async () => {
    const client = await open();
    expect(await client.request('whoami')).toEqual({
      data: expect.objectContaining({ userId: null, fromService: null, isNew: true, data: {} }),
    });
    expect(await client.request('guarded')).toEqual(UNAUTHORIZED);
    expect(await client.request('admin')).toEqual(UNAUTHORIZED);
  });

  it('treats a tampered or duplicated handshake cookie as no session', async () => {
    const cookie = await sessionCookie(app, { userId: 'ann' });
    const tampered = cookie.replace(
      /=(.)/,
      (_all, first: string) => `=${first === 'a' ? 'b' : 'a'}`,
    );
    expect(await (await open(tampered)).request('guarded')).toEqual(UNAUTHORIZED);
    const other = await sessionCookie(app, { userId: 'eve' });
    expect(await (await open(`${cookie}; ${other}`)).request('guarded')).toEqual(UNAUTHORIZED);
  });

  it('checks @RequireSession() keys (Unauthorized), then its check (Forbidden)', async () => {
    const user = await open(await sessionCookie(app, { userId: 'ann', roles: ['user'] }));
    expect(await user.request('guarded')).toEqual({ data: { userId: 'ann' } });
    expect(await user.request('admin')).toEqual(FORBIDDEN);
    const admin = await open(await sessionCookie(app, { userId: 'ann', roles: ['admin'] }));
    expect(await admin.request('admin')).toEqual({ data: { admin: true } });
  });

  it('lets handleConnection() read the session, refuse an anonymous client, and not write', async () => {
    const anonymous = await open(undefined, 'members');
    await anonymous.closed;
    const member = await open(await sessionCookie(app, { userId: 'ann' }), 'members');
    expect(await member.next('welcome')).toEqual({
      userId: 'ann',
      write: {
        error: 'SessionReadOnlyError',
        message: expect.stringContaining('handleConnection()'),
      },
    });
    expect(await member.request('whoami')).toEqual({ data: { userId: 'ann' } });
  });

  it('refuses a reserved key with SessionKeyError, writing nothing and changing no prototype', async () => {
    const cookie = await sessionCookie(app, { userId: 'ann' });
    const client = await open(cookie);
    const reply = await client.request(
      'patch',
      JSON.parse('{"__proto__":{"polluted":true},"x":1}'),
    );
    expect(reply).toEqual({
      exception: expect.objectContaining({ message: 'Internal server error' }),
    });
    expect(errors).toContainEqual(expect.objectContaining({ name: 'SessionKeyError' }));
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((await me(cookie)).body.data).toEqual({ userId: 'ann' });
  });

  if (mode === 'store') {
    it("saves a handler's writes: the next message, another connection and HTTP see them", async () => {
      const cookie = await sessionCookie(app, { userId: 'ann' });
      const client = await open(cookie);
      expect(await client.request('note', 'hello')).toEqual({
        data: { userId: 'ann', note: 'hello' },
      });
      expect(await client.request('add', 'apple')).toEqual({ data: ['apple'] });
      expect(await client.request('add', 'pear')).toEqual({ data: ['apple', 'pear'] });
      const expected = { userId: 'ann', note: 'hello', cart: ['apple', 'pear'] };
      expect(await (await open(cookie)).request('whoami')).toEqual({
        data: expect.objectContaining({ data: expected }),
      });
      expect((await me(cookie)).body.data).toEqual(expected);
    });

    it('sees no session at the next message once the session is logged out over HTTP', async () => {
      const login = await http().post('/login').send({ userId: 'ann' }).expect(200);
      const cookie = cookieHeader(login);
      const client = await open(cookie);
      expect(await client.request('guarded')).toEqual({ data: { userId: 'ann' } });
      await http().post('/logout').set('Cookie', cookie).expect(204);
      expect(await client.request('guarded')).toEqual(UNAUTHORIZED);
      expect(await client.request('whoami')).toEqual({
        data: expect.objectContaining({ userId: null, isNew: true, data: {} }),
      });
    });

    it('sees no session once it is regenerated over HTTP (a new login)', async () => {
      const cookie = cookieHeader(await http().post('/login').send({ userId: 'ann' }).expect(200));
      const client = await open(cookie);
      const relogin = await http().post('/login').set('Cookie', cookie).send({ userId: 'ann' });
      expect(cookieHeader(relogin)).not.toBe(cookie);
      expect(await client.request('guarded')).toEqual(UNAUTHORIZED);
      expect(await (await open(cookieHeader(relogin))).request('guarded')).toEqual({
        data: { userId: 'ann' },
      });
    });

    it('never brings back a session logged out over HTTP while a handler was writing to it', async () => {
      const cookie = await sessionCookie(app, { userId: 'ann' });
      const client = await open(cookie);
      const gate = app.get(Gate);
      const slow = client.request('slow-note', 'late');
      await gate.waiting;
      await http().post('/logout').set('Cookie', cookie).expect(204);
      gate.open();
      expect(await slow).toEqual({ data: { userId: 'ann', note: 'late' } });
      expect((await me(cookie)).body).toEqual(expect.objectContaining({ isNew: true, data: {} }));
      expect(await client.request('guarded')).toEqual(UNAUTHORIZED);
    });

    it("keeps an HTTP request's write and a handler's write to other keys made meanwhile", async () => {
      const cookie = await sessionCookie(app, { userId: 'ann' });
      const client = await open(cookie);
      const gate = app.get(Gate);
      const slow = client.request('slow-note', 'from the socket');
      await gate.waiting;
      await http()
        .post('/cart')
        .set('Cookie', cookie)
        .send({ cart: ['from HTTP'] })
        .expect(200);
      gate.open();
      await slow;
      expect((await me(cookie)).body.data).toEqual({
        userId: 'ann',
        note: 'from the socket',
        cart: ['from HTTP'],
      });
    });

    it('ends the session with destroy() from a handler: gone for the socket and over HTTP', async () => {
      const cookie = await sessionCookie(app, { userId: 'ann' });
      const client = await open(cookie);
      expect(await client.request('logout')).toEqual({ data: { loggedOut: true } });
      expect(await client.request('guarded')).toEqual(UNAUTHORIZED);
      expect((await me(cookie)).body).toEqual(expect.objectContaining({ isNew: true, data: {} }));
    });

    it('removes the flash messages a handler reads', async () => {
      const cookie = await sessionCookie(app, { userId: 'ann' });
      await http().post('/flash').set('Cookie', cookie).send({ message: 'hello' }).expect(204);
      const client = await open(cookie);
      expect(await client.request('try', 'flashes')).toEqual({ data: { flashes: ['hello'] } });
      expect(await client.request('try', 'flashes')).toEqual({ data: { flashes: [] } });
    });

    it.each(['regenerate', 'setMaxAge'])(
      'refuses %s() with SessionReadOnlyError: it needs a new cookie',
      async (action) => {
        const cookie = await sessionCookie(app, { userId: 'ann' });
        const client = await open(cookie);
        expect(await client.request('try', action)).toEqual(READ_ONLY);
        expect(await client.request('guarded')).toEqual({ data: { userId: 'ann' } });
      },
    );

    it('refuses to start a session (anonymous, or after destroy()) with SessionReadOnlyError', async () => {
      expect(await (await open()).request('try', 'set')).toEqual(READ_ONLY);
      const client = await open(await sessionCookie(app, { userId: 'ann' }));
      await client.request('logout');
      expect(await client.request('try', 'set')).toEqual(READ_ONLY);
    });

    it('reads the store once per message, and once during the handshake', async () => {
      const cookie = await sessionCookie(app, { userId: 'ann' });
      const reads = jest.spyOn(MemorySessionStore.prototype, 'get');
      const client = await open(cookie);
      expect(reads).toHaveBeenCalledTimes(1);
      await client.request('whoami');
      await client.request('note', 'one');
      await client.request('guarded');
      expect(reads).toHaveBeenCalledTimes(4);
      const anonymous = await open();
      await anonymous.request('whoami');
      expect(reads).toHaveBeenCalledTimes(4);
    });
  } else {
    it.each(['set', 'unset', 'clear', 'flashes', 'regenerate', 'destroy', 'touch', 'setMaxAge'])(
      'refuses %s with SessionReadOnlyError, which says to write over HTTP',
      async (action) => {
        const login = await http().post('/login').send({ userId: 'ann' }).expect(200);
        const flashed = await http()
          .post('/flash')
          .set('Cookie', cookieHeader(login))
          .send({ message: 'hello' });
        const cookie = cookieHeader(flashed);
        const client = await open(cookie);
        const reply = await client.request('try', action);
        expect(reply).toEqual(READ_ONLY);
        expect((reply as { data: { message: string } }).data.message).toMatch(
          /in cookie mode the session lives in the cookie/,
        );
        expect(await client.request('whoami')).toEqual({
          data: expect.objectContaining({
            userId: 'ann',
            data: expect.objectContaining({ userId: 'ann' }),
          }),
        });
      },
    );

    it('freezes what a handler reads, so that changing it in place fails loudly', async () => {
      const client = await open(await sessionCookie(app, { userId: 'ann', cart: ['apple'] }));
      expect(await client.request('try', 'mutate')).toEqual({
        data: { error: 'TypeError', message: expect.stringContaining('not extensible') },
      });
      expect(await client.request('whoami')).toEqual({
        data: expect.objectContaining({ data: { userId: 'ann', cart: ['apple'] } }),
      });
    });

    it("answers an uncaught write with Nest's generic exception and logs SessionReadOnlyError", async () => {
      const client = await open(await sessionCookie(app, { userId: 'ann' }));
      expect(await client.request('write')).toEqual({
        exception: expect.objectContaining({ status: 'error', message: 'Internal server error' }),
      });
      expect(errors).toContainEqual(expect.objectContaining({ name: 'SessionReadOnlyError' }));
    });

    it('opens the handshake cookie once per connection, whatever the number of messages', async () => {
      const format = 'encrypt' in options ? SignedCookieFormat : EncryptedCookieFormat;
      const reads = jest.spyOn(format.prototype, 'read');
      const client = await open(await sessionCookie(app, { userId: 'ann' }));
      for (let message = 0; message < 5; message++) {
        await client.request('guarded');
      }
      expect(reads).toHaveBeenCalledTimes(1);
    });

    it('keeps the session of its cookie after a logout elsewhere (stateless), until it expires', async () => {
      // An idle timeout shorter than socket.io's heartbeat, which a jump of the clock would stop.
      await app.close();
      app = await start({ ...options, idleTimeout: '10s' });
      freezeClock(Date.now());
      const cookie = cookieHeader(await http().post('/login').send({ userId: 'ann' }).expect(200));
      const client = await open(cookie);
      await http().post('/logout').set('Cookie', cookie).expect(204);
      expect(await client.request('guarded')).toEqual({ data: { userId: 'ann' } });
      jest.setSystemTime(Date.now() + 11_000);
      expect(await client.request('guarded')).toEqual(UNAUTHORIZED);
    });

    it('with a revocation store, sees no session at the next message once it is revoked', async () => {
      await app.close();
      app = await start({ ...options, revocation: 'memory' } as SessionModuleOptions);
      const cookie = cookieHeader(await http().post('/login').send({ userId: 'ann' }).expect(200));
      const client = await open(cookie);
      expect(await client.request('guarded')).toEqual({ data: { userId: 'ann' } });
      await http().post('/logout').set('Cookie', cookie).expect(204);
      expect(await client.request('guarded')).toEqual(UNAUTHORIZED);
    });
  }
});
