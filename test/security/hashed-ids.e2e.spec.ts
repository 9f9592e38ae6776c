import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SessionDriver } from '../../lib/drivers/session-driver.js';
import type { StoreSessionDriver } from '../../lib/drivers/store.driver.js';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieHeader, cookieValue } from '../fixtures/cookies.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';

describe('store mode files sessions under a keyed hash of their ID', () => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await createApp({ mode: 'store', secret: TEST_SECRET }, [ApiController], [CartService]);
  });
  afterEach(() => app.close());

  it('keeps no session ID in the store, and a stored key used as a cookie gets nothing', async () => {
    const server = app.getHttpServer();
    const login = await request(server).post('/api/patch').send({ userId: 'alice' });
    const id = (await request(server).get('/api/state').set('Cookie', cookieHeader(login))).body.id;
    expect(cookieValue(login, 'sid')).toContain(id);

    const store = (app.get(SessionDriver) as StoreSessionDriver).store;
    const stored = await new Promise<Record<string, unknown>>((resolve, reject) =>
      store.all!((error, sessions) => (error ? reject(error) : resolve(sessions as never))),
    );
    const keys = Object.keys(stored);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(id);
    expect(JSON.stringify(stored)).not.toContain(id);
    expect(stored[keys[0]]).toMatchObject({ userId: 'alice' });
  });

  it('never adopts an ID it did not issue', async () => {
    const server = app.getHttpServer();
    const planted = await request(server)
      .post('/api/patch')
      .set('Cookie', 'sid=s%3Aattacker-chosen-id.forged')
      .send({ note: 'n' });
    const issued = cookieValue(planted, 'sid')!;
    expect(issued).not.toContain('attacker-chosen-id');
    const state = await request(server).get('/api/state').set('Cookie', cookieHeader(planted));
    expect(state.body.id).not.toBe('attacker-chosen-id');
  });
});
