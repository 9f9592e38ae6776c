import type { Request } from 'express';
import type { SessionRecord, SessionState } from './session-state.interface.js';

type Callback = (error?: unknown) => void;

/**
 * Redefines cookie mode's `req.session` property over the one the cookie layer defined:
 * - on first read, a session loaded from the cookie that `isLive` rejects (expired, or without
 *   valid bookkeeping) is replaced by a new empty one, as if no cookie had come;
 * - every session it returns has express-session's `regenerate(cb)`, `save(cb)` and
 *   `destroy(cb)`, non-enumerable so they never reach the cookie, so that code written for
 *   express-session (Passport 0.6+) runs in cookie mode.
 * Returns whether the session was read during the request.
 */
export function defineCookieSessionProperty(
  req: Request,
  state: SessionState,
  isLive: (session: SessionRecord) => boolean,
): { wasRead(): boolean } {
  const layer = Object.getOwnPropertyDescriptor(req, 'session')!;
  const settle = (work: Promise<void>, callback?: Callback) =>
    work.then(() => callback?.(), callback ?? (() => undefined));
  const methods: Record<string, (callback?: Callback) => unknown> = {
    regenerate: (callback) => settle(state.regenerate(false), callback),
    save: (callback) => settle(state.save(), callback),
    destroy: (callback) => settle(state.destroy(), callback),
  };
  let read = false;

  Object.defineProperty(req, 'session', {
    configurable: true,
    enumerable: true,
    get() {
      let session = layer.get!.call(req) as (SessionRecord & { isNew?: boolean }) | null;
      if (!read) {
        read = true;
        if (session && !session.isNew && !isLive(session)) {
          layer.set!.call(req, {});
          session = layer.get!.call(req);
        }
      }
      if (session && !Object.hasOwn(session, 'regenerate')) {
        for (const [name, value] of Object.entries(methods)) {
          Object.defineProperty(session, name, { value, enumerable: false });
        }
      }
      return session;
    },
    set(value: unknown) {
      read = true;
      layer.set!.call(req, value);
    },
  });
  return { wasRead: () => read };
}
