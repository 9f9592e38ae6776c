import { SessionError } from './session.error.js';

/**
 * Thrown when the session is used where there is none: outside a request that ran the session
 * middleware (start-up code, cron jobs), or on a request the middleware left without one.
 */
export class NoActiveSessionError extends SessionError {
  /** @param reason why the middleware gave this request no session, when it ran for it */
  constructor(reason?: string) {
    super(
      reason
        ? `No session is active here: ${reason}.`
        : 'No session is active here. SessionService only works while handling an HTTP request ' +
            'that passed through the session middleware: check that SessionModule is imported ' +
            'and that the route is not left out by its `routes` option, and do not call it from ' +
            'start-up code, cron jobs or other work that runs outside a request.',
    );
  }
}
