import { SessionError } from './session.error.js';

/** Thrown when `SessionService` is used outside a request that runs the session middleware. */
export class NoActiveSessionError extends SessionError {
  constructor() {
    super(
      'No session is active here. SessionService only works while handling an HTTP request ' +
        'that passed through the session middleware: check that SessionModule is imported and ' +
        'that the route is not left out by its `routes` option, and do not call it from ' +
        'start-up code, cron jobs or other work that runs outside a request.',
    );
  }
}
