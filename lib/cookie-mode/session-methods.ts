import type { SessionState } from '../core/session-state.interface.js';

type Callback = (error?: unknown) => void;

/**
 * Where a cookie-mode session object keeps the state it belongs to: a symbol, which JSON,
 * `Object.keys` and `for…in` never see (cheaper than a WeakMap entry per request).
 */
const OWNER = Symbol('nestjs-session-kit:owner');

type OwnedSession = { [OWNER]?: SessionState };

/**
 * express-session's `regenerate(cb)`, `save(cb)` and `destroy(cb)`, so that code written for
 * it (Passport 0.6+) runs in cookie mode. Non-enumerable: never serialized, never data. On a
 * session no state owns, they only call back (as the usual cookie-session shim for Passport).
 */
export const SESSION_METHODS: PropertyDescriptorMap = {
  regenerate: method((state) => state.regenerate(false)),
  save: method((state) => state.save()),
  destroy: method((state) => state.destroy()),
};

/**
 * Makes `session` one of `state`'s. The methods live on the session's prototype, set once: on
 * the encrypted format's own class, and, the first time one is seen, on cookie-session's
 * session class (defining them on each session costs a few µs per request).
 */
export function adoptSession(session: object, state: SessionState): void {
  (session as OwnedSession)[OWNER] = state;
  if (!('regenerate' in session)) {
    const prototype = Object.getPrototypeOf(session) as object | null;
    const shared = prototype !== null && prototype !== Object.prototype;
    Object.defineProperties(shared ? prototype : session, SESSION_METHODS);
  }
}

function method(run: (state: SessionState) => Promise<void>): PropertyDescriptor {
  return {
    configurable: true,
    value(this: object, callback?: Callback): void {
      const state = (this as OwnedSession)[OWNER];
      const work = state ? run(state) : Promise.resolve();
      void work.then(() => callback?.(), callback ?? (() => undefined));
    },
  };
}
