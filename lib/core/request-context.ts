import { AsyncLocalStorage } from 'node:async_hooks';
import { NoActiveSessionError } from '../errors/no-active-session.error.js';
import { SessionHandle } from './session-handle.js';
import type { SessionState } from './session-state.interface.js';

/** The one handle of one request's session, made by the session middleware. */
export class RequestSession extends SessionHandle<object> {
  constructor(readonly state: SessionState) {
    super();
  }
}

/** Why the middleware left a request without a session, for `NoActiveSessionError`. */
export interface NoSessionReason {
  readonly reason: string;
}

/**
 * Each request's session. A WeakMap rather than a property on the request: adding a property
 * to Express's request objects costs about 6 µs, a WeakMap entry under 1 µs.
 */
const sessions = new WeakMap<object, RequestSession | NoSessionReason>();

/** The session of the request being handled, for `SessionService`. */
const current = new AsyncLocalStorage<RequestSession>();

/** Gives `request` its session and runs `next` (the rest of the request) with it current. */
export function runWithSession(request: object, state: SessionState, next: () => void): void {
  const session = new RequestSession(state);
  sessions.set(request, session);
  current.run(session, next);
}

/** Records why the middleware gives `request` no session. */
export function leaveWithoutSession(request: object, why: NoSessionReason): void {
  sessions.set(request, why);
}

/** What the middleware left on the (Node) request: its session, why it has none, or nothing. */
export function sessionRecordOf(request: object): RequestSession | NoSessionReason | undefined {
  return sessions.get(request);
}

/** The state of `request`'s session, if the middleware gave it one. */
export function stateOf(request: object): SessionState | undefined {
  const session = sessions.get(request);
  return session instanceof RequestSession ? session.state : undefined;
}

/** The handle of the request being handled, if any. */
export function activeSession(): RequestSession | undefined {
  return current.getStore();
}

/** The handle of the request being handled; throws `NoActiveSessionError` outside one. */
export function currentSession(): RequestSession {
  const session = current.getStore();
  if (!session) {
    throw new NoActiveSessionError(
      'this code',
      'SessionService works only while the session middleware handles a request, and it was ' +
        'used outside one: at start-up, in a cron job or a queue consumer, in a context without ' +
        "sessions, or on a route SessionModule's `routes` option leaves out. Pass what you need " +
        'from the session along from the request instead',
    );
  }
  return session;
}
