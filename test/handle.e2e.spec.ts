import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { NoActiveSessionError, SessionService } from '../lib/index.js';
import { ApiController, CartService } from './fixtures/api.controller.js';
import { createApp, MODES_ON_PLATFORMS } from './fixtures/create-app.js';
import { cookieHeader, setCookies } from './fixtures/cookies.js';

describe.each(MODES_ON_PLATFORMS)('SessionHandle in %s', (_label, mode, options, platform) => {
  let app: INestApplication;
  let agent: ReturnType<typeof request.agent>;

  beforeEach(async () => {
    app = await createApp(options, [ApiController], { providers: [CartService], platform });
    agent = request.agent(app.getHttpServer());
  });
  afterEach(() => app.close());

  it('reports id, isNew and mode, and the same id through @SessionId()', async () => {
    const first = await agent.get('/api/state');
    expect(first.body).toMatchObject({ isNew: true, mode, data: {} });
    expect(first.body.id).toEqual(first.body.handleId);
    expect(first.body.id).toMatch(/^[\w-]{32}$/);

    await agent.post('/api/set-note').send({ note: 'a' });
    const second = await agent.get('/api/state');
    const third = await agent.get('/api/state');
    expect(second.body.isNew).toBe(false);
    expect(third.body.id).toBe(second.body.id);
  });

  it('sets, gets, checks and unsets one key', async () => {
    expect((await agent.post('/api/set-note').send({ note: 'hello' })).body).toEqual({
      has: true,
      note: 'hello',
    });
    expect((await agent.get('/api/state')).body.data).toEqual({ note: 'hello' });
    expect((await agent.post('/api/unset-note')).body).toEqual({ has: false, data: {} });
    expect((await agent.get('/api/state')).body.data).toEqual({});
  });

  it('patches several keys and leaves the others alone', async () => {
    await agent.post('/api/patch').send({ userId: 'u1', note: 'n' });
    await agent.post('/api/patch').send({ note: 'changed' });
    expect((await agent.get('/api/state')).body.data).toEqual({ userId: 'u1', note: 'changed' });
  });

  it('reads one key through @Session(key)', async () => {
    expect((await agent.get('/api/user')).body).toEqual({ userId: null });
    await agent.post('/api/patch').send({ userId: 'u7' });
    expect((await agent.get('/api/user')).body).toEqual({ userId: 'u7' });
  });

  it('clears every key but keeps the session usable', async () => {
    await agent.post('/api/patch').send({ userId: 'u1', note: 'n' });
    expect((await agent.post('/api/clear')).body).toEqual({});
    expect((await agent.get('/api/state')).body.data).toEqual({});
    await agent.post('/api/set-note').send({ note: 'again' });
    expect((await agent.get('/api/state')).body.data).toEqual({ note: 'again' });
  });

  it('reaches the session from a service nested under the controller', async () => {
    await agent.post('/api/cart').send({ item: 'apple' });
    const response = await agent.post('/api/cart').send({ item: 'pear' });
    expect(response.body.cart).toEqual(['apple', 'pear']);
    expect((await agent.get('/api/state')).body.data).toEqual({ cart: ['apple', 'pear'] });
  });

  it('persists on save()', async () => {
    await agent.post('/api/save');
    expect((await agent.get('/api/state')).body.data).toEqual({ note: 'saved' });
  });

  it('extends the cookie on touch() without changing the data', async () => {
    await agent.post('/api/set-note').send({ note: 'kept' });
    const touched = await agent.post('/api/touch');
    expect(setCookies(touched).some((cookie) => cookie.startsWith('sid='))).toBe(true);
    expect((await agent.get('/api/state')).body.data).toEqual({ note: 'kept' });
  });

  it('shows a flash message on the next request exactly once, across a redirect', async () => {
    const posted = await agent.post('/api/flash').send({ message: 'Saved!' });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('/api/flashes');
    expect((await agent.get('/api/flashes')).body).toEqual({ info: ['Saved!'] });
    expect((await agent.get('/api/flashes')).body).toEqual({ info: [] });
  });

  it('keeps flash messages out of toJSON()', async () => {
    await agent.post('/api/flash').send({ message: 'hidden' });
    expect((await agent.get('/api/state')).body.data).toEqual({});
  });

  it('regenerates on login: a new ID, and the pre-login cookie no longer authenticates', async () => {
    const anonymous = await request(app.getHttpServer()).post('/api/set-note').send({ note: 'x' });
    const preLoginCookie = cookieHeader(anonymous);

    const login = await request(app.getHttpServer())
      .post('/api/login')
      .set('Cookie', preLoginCookie)
      .send({ userId: 'alice' });
    expect(login.body.after).not.toBe(login.body.before);
    expect(login.body.data).toEqual({ userId: 'alice' });

    const withNewCookie = await request(app.getHttpServer())
      .get('/api/user')
      .set('Cookie', cookieHeader(login));
    expect(withNewCookie.body).toEqual({ userId: 'alice' });

    const withOldCookie = await request(app.getHttpServer())
      .get('/api/user')
      .set('Cookie', preLoginCookie);
    expect(withOldCookie.body).toEqual({ userId: null });
  });

  it('keeps the data through regenerate({ keepData: true })', async () => {
    await agent.post('/api/patch').send({ userId: 'u1', note: 'n' });
    const response = await agent.post('/api/regenerate-keep');
    expect(response.body.after).not.toBe(response.body.before);
    expect(response.body.data).toEqual({ userId: 'u1', note: 'n' });
    expect((await agent.get('/api/state')).body).toMatchObject({
      id: response.body.after,
      data: { userId: 'u1', note: 'n' },
    });
  });

  it('destroys: clears the cookie and the data', async () => {
    await agent.post('/api/patch').send({ userId: 'u1' });
    const loggedIn = cookieHeader(await agent.post('/api/patch').send({ note: 'n' }));

    const logout = await agent.post('/api/logout');
    expect(logout.body.data).toEqual({});
    const cleared = setCookies(logout).find((cookie) => cookie.startsWith('sid='));
    expect(cleared).toMatch(/expires=Thu, 01 Jan 1970/i);

    expect((await agent.get('/api/state')).body).toMatchObject({ isNew: true, data: {} });
    if (mode === 'store') {
      const replayed = await request(app.getHttpServer()).get('/api/user').set('Cookie', loggedIn);
      expect(replayed.body).toEqual({ userId: null });
    }
  });

  it('throws NoActiveSessionError from SessionService outside a request', () => {
    const service: SessionService = app.get(SessionService);
    expect(() => service.get('userId')).toThrow(NoActiveSessionError);
    expect(() => service.id).toThrow(/works only while the session middleware handles a request/);
  });
});
