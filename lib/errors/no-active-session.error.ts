import { SessionError } from './session.error.js';

/**
 * Thrown when the session is used where there is none: outside a request that ran the session
 * middleware (start-up code, cron jobs, a context without sessions), or on a request the
 * middleware left without one. The message says where it was asked for and why none is there.
 */
export class NoActiveSessionError extends SessionError {
  /**
   * @param where where the session was asked for (a platform and route, or a context)
   * @param why why no session is there, and what to do about it
   */
  constructor(
    readonly where: string,
    why: string,
  ) {
    super(`No session is active in ${where}: ${why}.`);
  }
}
