import type { IncomingMessage } from 'node:http';
import { stateOf } from '../core/request-context.js';
import { CookieSessionState } from './cookie-session-state.js';

const installedOn = new WeakSet<object>();

/**
 * Makes `req.session` (and `req.sessionOptions`) read and assign through the request's
 * `CookieSessionState`, once the middleware gives it one. The accessors are defined once on
 * the request's prototype (Express's `app.request`), not on every request: an accessor defined
 * per request costs about 14 µs on Node 24. On requests the middleware did not run for, they
 * behave as plain properties.
 */
export function routeRequestSession(req: IncomingMessage): void {
  const prototype = Object.getPrototypeOf(req) as object;
  if (!installedOn.has(prototype)) {
    installAccessor(prototype, 'session');
    installAccessor(prototype, 'sessionOptions');
    installedOn.add(prototype);
  }
  if (Object.hasOwn(req, 'session')) {
    delete (req as { session?: unknown }).session;
  }
}

function installAccessor(prototype: object, property: 'session' | 'sessionOptions'): void {
  Object.defineProperty(prototype, property, {
    configurable: true,
    get(this: IncomingMessage) {
      const state = stateOf(this);
      return state instanceof CookieSessionState ? state[property] : undefined;
    },
    set(this: IncomingMessage, value: unknown) {
      const state = stateOf(this);
      if (state instanceof CookieSessionState) {
        state[property] = value as never;
      } else {
        Object.defineProperty(this, property, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    },
  });
}
