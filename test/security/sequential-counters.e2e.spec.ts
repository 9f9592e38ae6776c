import type { INestApplication } from '@nestjs/common';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import request from 'supertest';
import { Session, SessionHandle } from '../../lib/index.js';
import { cookieHeader } from '../fixtures/cookies.js';
import { createApp, MODES_ON_PLATFORMS } from '../fixtures/create-app.js';
import '../fixtures/session-data.js';

const CLIENTS = 200;
const REQUESTS = 20;

@Controller()
class CounterController {
  @Post('claim')
  @HttpCode(200)
  claim(@Session() session: SessionHandle, @Body('userId') userId: string) {
    session.patch({ userId, counter: 0 });
  }

  @Post('increment')
  @HttpCode(200)
  increment(@Session() session: SessionHandle) {
    const counter = (session.get('counter') ?? 0) + 1;
    session.set('counter', counter);
    return { owner: session.get('userId'), counter };
  }
}

describe.each(MODES_ON_PLATFORMS)(
  '%s under interleaved load',
  (_label, _mode, options, platform) => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await createApp(options, [CounterController], { platform });
    });
    afterAll(() => app.close());

    it(`counts ${REQUESTS} sequential increments for each of ${CLIENTS} interleaved clients`, async () => {
      const server = app.getHttpServer();
      const client = async (index: number) => {
        const owner = `client-${index}`;
        const claimed = await request(server).post('/claim').send({ userId: owner }).expect(200);
        let cookie = cookieHeader(claimed);
        const counters: number[] = [];
        for (let step = 1; step <= REQUESTS; step++) {
          const response = await request(server).post('/increment').set('Cookie', cookie);
          expect(response.body.owner).toBe(owner);
          counters.push(response.body.counter);
          cookie = cookieHeader(response) || cookie;
        }
        return counters;
      };

      const results = await Promise.all(
        Array.from({ length: CLIENTS }, (_, index) => client(index)),
      );
      for (const counters of results) {
        expect(counters).toEqual(Array.from({ length: REQUESTS }, (_, step) => step + 1));
      }
    }, 120_000);
  },
);
