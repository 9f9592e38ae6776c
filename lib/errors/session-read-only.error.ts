import { SessionError } from './session.error.js';

/**
 * Thrown by a write to the session where no cookie can carry the result back to the browser:
 * in a WebSocket message handler in cookie mode (the session lives in the cookie, and a socket
 * sends none), or, in store mode, by a write over a socket that needs a new cookie (starting a
 * session, `regenerate()`, `setMaxAge()`). The message says what was attempted and where to do it.
 */
export class SessionReadOnlyError extends SessionError {
  /**
   * @param where where the write was attempted (a WebSocket handler, `handleConnection`)
   * @param why why it cannot be done there, and what to do instead
   */
  constructor(
    readonly where: string,
    why: string,
  ) {
    super(`The session cannot be written in ${where}: ${why}.`);
  }
}
