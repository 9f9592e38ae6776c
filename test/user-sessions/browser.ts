import type { INestApplication } from '@nestjs/common';
import request, { type Response } from 'supertest';
import { CookieJar } from '../fixtures/cookie-jar.js';

/** One browser (its own cookies) talking to any of several app instances. */
export class Browser {
  readonly jar = new CookieJar();

  constructor(
    private readonly userAgent = 'test-browser',
    /** The instance a request goes to when none is named. */
    private readonly app?: INestApplication,
  ) {}

  async get(path: string, app = this.app!): Promise<Response> {
    return this.keep(
      await request(app.getHttpServer())
        .get(path)
        .set('Cookie', this.jar.header)
        .set('User-Agent', this.userAgent),
    );
  }

  async post(path: string, body: object = {}, app = this.app!): Promise<Response> {
    return this.keep(
      await request(app.getHttpServer())
        .post(path)
        .set('Cookie', this.jar.header)
        .set('User-Agent', this.userAgent)
        .send(body),
    );
  }

  async logIn(userId: string, app = this.app!): Promise<Response> {
    const response = await this.post('/login', { userId }, app);
    expect(response.status).toBe(200);
    return response;
  }

  /** Who the app says this browser is logged in as. */
  async user(app = this.app!): Promise<string | null> {
    const response = await this.get('/me', app);
    expect(response.status).toBe(200);
    return response.body.userId as string | null;
  }

  private keep(response: Response): Response {
    expect(response.status).toBeLessThan(500);
    this.jar.update(response);
    return response;
  }
}
