import { SessionError } from './session.error.js';

/**
 * Thrown (and answered with 500) when a cookie-mode session no longer fits in its cookie, so
 * that the browser does not drop it silently.
 */
export class SessionTooLargeError extends SessionError {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `The session cookie would be ${bytes} bytes, over the limit of ${limit} (maxCookieBytes); ` +
        'browsers drop such cookies. Keep less in the session (store IDs, not records) or use ' +
        "store mode (mode: 'store'), which keeps only the session ID in the cookie.",
    );
  }
}
