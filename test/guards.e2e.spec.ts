import type { INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import request from 'supertest';
import { SessionGuard } from '../lib/index.js';
import { createApp, MODES_ON_PLATFORMS, TEST_SECRET } from './fixtures/create-app.js';
import {
  ArrangeController,
  GuardedController,
  UndecoratedController,
} from './fixtures/guarded.controller.js';

describe.each(MODES_ON_PLATFORMS)('guards in %s', (_label, _mode, options, platform) => {
  let app: INestApplication;
  let agent: ReturnType<typeof request.agent>;
  const arrange = (data: Record<string, unknown>) => agent.post('/arrange').send(data).expect(200);

  beforeEach(async () => {
    app = await createApp(options, [ArrangeController, GuardedController], { platform });
    agent = request.agent(app.getHttpServer());
  });
  afterEach(() => app.close());

  it('requires the authKey with @UseGuards(SessionGuard) alone', async () => {
    await agent.get('/guarded/plain').expect(401);
    await arrange({ userId: 'u1' });
    await agent.get('/guarded/plain').expect(200, 'plain');
  });

  it('requires the authKey with @RequireSession() and no keys', async () => {
    await agent.get('/guarded/logged-in').expect(401);
    await arrange({ note: 'not the auth key' });
    await agent.get('/guarded/logged-in').expect(401);
    await arrange({ userId: 'u1' });
    await agent.get('/guarded/logged-in').expect(200, 'logged-in');
  });

  it('requires every listed key', async () => {
    await arrange({ userId: 'u1' });
    await agent.get('/guarded/with-cart').expect(401);
    await arrange({ cart: ['apple'] });
    await agent.get('/guarded/with-cart').expect(200, 'with-cart');
  });

  it('checks keys first (401), then the check (403)', async () => {
    await agent.get('/guarded/admin').expect(401);
    await arrange({ userId: 'u1', roles: ['user'] });
    await agent.get('/guarded/admin').expect(403);
    await arrange({ roles: ['user', 'admin'] });
    await agent.get('/guarded/admin').expect(200, 'admin');
  });

  it('awaits an async check against the listed keys', async () => {
    await arrange({ userId: 'u1' });
    await agent.get('/guarded/async-check').expect(401);
    await arrange({ cart: ['apple'] });
    await agent.get('/guarded/async-check').expect(403);
    await arrange({ cart: ['apple', 'pear'] });
    await agent.get('/guarded/async-check').expect(200, 'async-check');
  });
});

describe.each(MODES_ON_PLATFORMS)(
  'global SessionGuard in %s',
  (_label, _mode, options, platform) => {
    let app: INestApplication;

    beforeEach(async () => {
      app = await createApp(options, [ArrangeController, UndecoratedController], {
        providers: [{ provide: APP_GUARD, useClass: SessionGuard }],
        platform,
      });
    });
    afterEach(() => app.close());

    it('requires the authKey on every route without a decorator', async () => {
      const agent = request.agent(app.getHttpServer());
      await agent.get('/open/default').expect(401);
      await agent.post('/arrange').send({ userId: 'u1' }).expect(200);
      await agent.get('/open/default').expect(200, 'default');
    });

    it('lets @AllowAnonymous() routes through', async () => {
      await request(app.getHttpServer()).get('/open/anonymous').expect(200, 'anonymous');
    });
  },
);

describe('a custom authKey', () => {
  it('is what the guards require', async () => {
    const app = await createApp({ secret: TEST_SECRET, authKey: 'note' }, [
      ArrangeController,
      GuardedController,
    ]);
    const agent = request.agent(app.getHttpServer());
    await agent.post('/arrange').send({ userId: 'u1' });
    await agent.get('/guarded/logged-in').expect(401);
    await agent.post('/arrange').send({ note: 'present' });
    await agent.get('/guarded/logged-in').expect(200);
    await app.close();
  });
});
