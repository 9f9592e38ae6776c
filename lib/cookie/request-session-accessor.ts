import type { IncomingMessage } from 'node:http';
import { attachedState } from '../session-context.js';
import { CookieSessionState } from './cookie-session-state.js';

const installedOn = new WeakSet<object>();

/**
 * Makes `req.session` read and assign through the request's `CookieSessionState`, once the
 * middleware attaches it. The accessor is defined once on the request's prototype (Express's
 * `app.request`), not on every request: an accessor defined per request costs about 14 µs on
 * Node 24.
 */
export function routeRequestSession(req: IncomingMessage): void {
  const prototype = Object.getPrototypeOf(req) as object;
  if (!installedOn.has(prototype)) {
    installAccessor(prototype);
  }
  if (Object.hasOwn(req, 'session')) {
    delete (req as { session?: unknown }).session;
  }
}

/** On requests the middleware did not run for, `req.session` behaves as a plain property. */
function installAccessor(prototype: object): void {
  Object.defineProperty(prototype, 'session', {
    configurable: true,
    get(this: IncomingMessage) {
      const state = attachedState(this);
      return state instanceof CookieSessionState ? state.get() : undefined;
    },
    set(this: IncomingMessage, value: unknown) {
      const state = attachedState(this);
      if (state instanceof CookieSessionState) {
        state.set(value);
      } else {
        Object.defineProperty(this, 'session', {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    },
  });
  installedOn.add(prototype);
}
