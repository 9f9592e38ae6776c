import type { Request } from 'express';
import type { SessionState } from './session-state.interface.js';

type Callback = (error?: unknown) => void;

/**
 * Gives cookie-session's `req.session` the `regenerate(cb)`, `save(cb)` and `destroy(cb)` that
 * express-session has, so code written for express-session (Passport 0.6+) runs in cookie mode.
 * The methods are non-enumerable: they never reach the cookie.
 */
export function withExpressSessionMethods(req: Request, state: SessionState): void {
  const cookieSessionProperty = Object.getOwnPropertyDescriptor(req, 'session')!;
  const settle = (work: Promise<void>, callback?: Callback) =>
    work.then(() => callback?.(), callback ?? (() => undefined));
  const methods: Record<string, (callback?: Callback) => unknown> = {
    regenerate: (callback) => settle(state.regenerate(false), callback),
    save: (callback) => settle(state.save(), callback),
    destroy: (callback) => settle(state.destroy(), callback),
  };

  Object.defineProperty(req, 'session', {
    configurable: true,
    enumerable: true,
    get() {
      const session = cookieSessionProperty.get!.call(req) as object | null;
      if (session && !Object.hasOwn(session, 'regenerate')) {
        for (const [name, value] of Object.entries(methods)) {
          Object.defineProperty(session, name, { value, enumerable: false });
        }
      }
      return session;
    },
    set(value: unknown) {
      cookieSessionProperty.set!.call(req, value);
    },
  });
}
