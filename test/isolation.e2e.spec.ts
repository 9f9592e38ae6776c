import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ApiController, CartService } from './fixtures/api.controller.js';
import { createApp, MODES_ON_PLATFORMS } from './fixtures/create-app.js';
import { cookieHeader } from './fixtures/cookies.js';

const CLIENTS = 100;
const ROUNDS = 5;

describe.each(MODES_ON_PLATFORMS)(
  '%s with many concurrent clients',
  (_label, _mode, options, platform) => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await createApp(options, [ApiController], { providers: [CartService], platform });
    });
    afterAll(() => app.close());

    it(`keeps ${CLIENTS} clients' sessions apart while they interleave`, async () => {
      const server = app.getHttpServer();
      const cookies = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) =>
          cookieHeader(
            await request(server)
              .post('/api/patch')
              .send({ userId: `user-${client}`, counter: 0 })
              .expect(200),
          ),
        ),
      );

      for (let round = 1; round <= ROUNDS; round++) {
        const responses = await Promise.all(
          cookies.map((cookie, client) =>
            request(server)
              .post('/api/patch')
              .set('Cookie', cookie)
              .send({ counter: round, note: `note-${client}-${round}` }),
          ),
        );
        responses.forEach((response, client) => {
          expect(response.body).toEqual({
            userId: `user-${client}`,
            counter: round,
            note: `note-${client}-${round}`,
          });
          const renewed = cookieHeader(response);
          if (renewed) cookies[client] = renewed;
        });
      }

      const states = await Promise.all(
        cookies.map((cookie) => request(server).get('/api/state').set('Cookie', cookie)),
      );
      states.forEach((state, client) =>
        expect(state.body.data).toEqual({
          userId: `user-${client}`,
          counter: ROUNDS,
          note: `note-${client}-${ROUNDS}`,
        }),
      );
      expect(new Set(states.map((state) => state.body.id)).size).toBe(CLIENTS);
    });
  },
);
