import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { REVOCATION_CACHE_MS } from '../../lib/cookie-mode/cookie-revocation.js';
import { createApp } from '../fixtures/create-app.js';
import { requireStoreServices } from '../stores/services.js';
import { Browser } from './browser.js';
import { SHARED_CONFIGURATIONS } from './configurations.js';
import { DevicesController } from './devices.controller.js';

await requireStoreServices();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  for (const subject of new Set(SHARED_CONFIGURATIONS.map((config) => config.subject))) {
    await subject.cleanup();
  }
});

describe.each(SHARED_CONFIGURATIONS.map((config) => [config.label, config] as const))(
  "a user's sessions on two instances, %s",
  (_label, config) => {
    let instances: INestApplication[];
    beforeEach(async () => {
      const options = config.options(500);
      instances = [
        await createApp(options, [DevicesController], { platform: 'express' }),
        await createApp(options, [DevicesController], { platform: 'fastify' }),
      ];
    });
    afterEach(async () => {
      await Promise.all(instances.map((app) => app.close()));
    });

    it('lists, and logs out other devices, the same from either instance', async () => {
      const [a, b] = instances;
      const devices = [new Browser('laptop'), new Browser('phone'), new Browser('tablet')];
      await devices[0].logIn('alice', a);
      await devices[1].logIn('alice', b);
      await devices[2].logIn('alice', a);
      for (const app of instances) {
        const listed = (await devices[1].get('/sessions', app)).body as { current: boolean }[];
        expect(listed).toHaveLength(3);
        expect(listed.filter(({ current }) => current)).toHaveLength(1);
      }
      const captured = devices[2].jar.header;
      for (const device of devices) {
        for (const app of instances) {
          expect(await device.user(app)).toBe('alice');
        }
      }

      const answer = await devices[1].post(
        '/sessions/revoke-all',
        { userId: 'alice', exceptCurrent: true },
        a,
      );
      expect(answer.body).toEqual({ count: 2 });
      // Cookie mode: another instance trusts what it cached of a user for a few seconds.
      if (config.mode === 'cookie') {
        await sleep(REVOCATION_CACHE_MS + 100);
      }
      for (const app of instances) {
        expect(await devices[0].user(app)).toBeNull();
        expect(await devices[1].user(app)).toBe('alice');
        expect(await devices[2].user(app)).toBeNull();
        const replay = await request(app.getHttpServer())
          .get('/me')
          .set('Cookie', captured)
          .expect(200);
        expect(replay.body.userId).toBeNull();
        expect((await devices[1].get('/sessions', app)).body).toHaveLength(1);
      }
    });
  },
);
