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

/**
 * The session of the request or WebSocket message being handled, for `SessionService`; for a
 * message left without one, why.
 */
const current = new AsyncLocalStorage<RequestSession | NoSessionReason>();

/** Gives `request` its session and runs `next` (the rest of the request) with it current. */
export function runWithSession(request: object, state: SessionState, next: () => void): void {
  const session = new RequestSession(state);
  sessions.set(request, session);
  current.run(session, next);
}

/**
 * Runs `handler` (a WebSocket message's, or a connection's) with `session` current, or with why
 * it has none.
 */
export function runWithSocketSession<T>(
  session: SessionState | NoSessionReason,
  handler: () => T,
): T {
  return current.run(isNoSessionReason(session) ? session : new RequestSession(session), handler);
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

/** The handle of the request or message being handled, if it has one. */
export function activeSession(): RequestSession | NoSessionReason | undefined {
  return current.getStore();
}

/** The state of the session of the request or message being handled, if it has one. */
export function activeState(): SessionState | undefined {
  const session = current.getStore();
  return session instanceof RequestSession ? session.state : undefined;
}

/** The handle of the request being handled; throws `NoActiveSessionError` outside one. */
export function currentSession(): RequestSession {
  const session = current.getStore();
  if (!(session instanceof RequestSession)) {
    throw new NoActiveSessionError(
      'this code',
      session?.reason ??
        'SessionService works only while the session middleware handles a request or a ' +
          'WebSocket gateway handles a message, and it was used outside one: at start-up, in a ' +
          'cron job or a queue consumer, in a context without sessions, or on a route ' +
          "SessionModule's `routes` option leaves out. Pass what you need from the session " +
          'along from the request instead',
    );
  }
  return session;
}

/** Whether `value` says why there is no session, rather than being one. */
export function isNoSessionReason(value: object): value is NoSessionReason {
  return typeof (value as Partial<NoSessionReason>).reason === 'string';
}
