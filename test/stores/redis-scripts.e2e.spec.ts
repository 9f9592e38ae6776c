import request from 'supertest';
import { ApiController, CartService } from '../fixtures/api.controller.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { removeRunKeys, withRedis } from './backends.js';
import { REDIS_URL, RUN_ID, requireStoreServices } from './services.js';

await requireStoreServices();

describe('saves on Redis, which run a script by its SHA', () => {
  afterAll(() => removeRunKeys());

  it('still save once Redis has forgotten the script (SCRIPT FLUSH, a restart)', async () => {
    const app = await createApp(
      {
        mode: 'store',
        secret: TEST_SECRET,
        store: { driver: 'redis', url: REDIS_URL, prefix: `test:${RUN_ID}:scripts:` },
      },
      [ApiController],
      { providers: [CartService] },
    );
    try {
      const server = app.getHttpServer();
      const cookie = cookieHeader(
        await request(server).post('/api/login').send({ userId: 'alice' }).expect(200),
      );
      const addToCart = (item: string) =>
        request(server).post('/api/cart').set('Cookie', cookie).send({ item }).expect(200);

      await addToCart('apple');
      await withRedis((client) => client.scriptFlush());
      await addToCart('pear');
      await addToCart('plum');

      const state = await request(server).get('/api/state').set('Cookie', cookie).expect(200);
      expect(state.body.data).toEqual({ userId: 'alice', cart: ['apple', 'pear', 'plum'] });
    } finally {
      await app.close();
    }
  });
});
