import type { INestApplication } from '@nestjs/common';
import { SessionDriver } from '../core/session-driver.js';
import type { SessionData } from '../core/session-data.interface.js';

/**
 * Starts a session holding `data` in `app` and returns a `Cookie` header value that gives a
 * request that session, in either mode: in store mode the record is written through the app's
 * store and the cookie carries its signed ID; in cookie mode the payload is sealed (or signed)
 * exactly as the app would. The session starts now, so it lives as long as a new one.
 *
 * @example
 * const cookie = await sessionCookie(app, { userId: 'alice' });
 * await request(app.getHttpServer()).get('/me').set('Cookie', cookie).expect(200);
 */
export function sessionCookie(app: INestApplication, data: Partial<SessionData>): Promise<string> {
  return app.get(SessionDriver).issueCookie({ ...data });
}
