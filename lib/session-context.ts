import { AsyncLocalStorage } from 'node:async_hooks';
import { NoActiveSessionError } from './errors/no-active-session.error.js';
import type { SessionHandle } from './session-handle.js';

const HANDLE = Symbol('nestjs-session-kit:handle');

type RequestWithHandle = { [HANDLE]?: SessionHandle<object> };

/** The session of the request being handled, set by the session middleware. */
export const sessionContext = new AsyncLocalStorage<SessionHandle<object>>();

export function attachHandle(request: object, handle: SessionHandle<object>): void {
  (request as RequestWithHandle)[HANDLE] = handle;
}

/** The handle the middleware attached to `request`; throws when the middleware did not run. */
export function handleOf(request: object): SessionHandle<object> {
  const handle = (request as RequestWithHandle)[HANDLE];
  if (!handle) {
    throw new NoActiveSessionError();
  }
  return handle;
}
