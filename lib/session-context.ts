import { AsyncLocalStorage } from 'node:async_hooks';
import type { SessionState } from './drivers/session-state.interface.js';
import { NoActiveSessionError } from './errors/no-active-session.error.js';
import { SessionHandle } from './session-handle.js';

const STATE = Symbol('nestjs-session-kit:session-state');

type RequestWithState = { [STATE]?: SessionState };

/** The session of the request being handled, set by the session middleware. */
export const sessionContext = new AsyncLocalStorage<SessionHandle<object>>();

/** Files the request's session on the request: the one property the module adds to it. */
export function attachState(request: object, state: SessionState): void {
  (request as RequestWithState)[STATE] = state;
}

/** The session the middleware attached to `request`, if it ran for it. */
export function attachedState(request: object): SessionState | undefined {
  return (request as RequestWithState)[STATE];
}

/** A handle on the session of `request`; throws when the middleware did not run for it. */
export function handleOf(request: object): SessionHandle<object> {
  const state = attachedState(request);
  if (!state) {
    throw new NoActiveSessionError();
  }
  return new SessionHandle(state);
}
