import { SessionError } from './session.error.js';

/**
 * Logged (once per outage) when the session store cannot be reached or fails. Requests that
 * need a session get 503 meanwhile; the module keeps retrying and resumes by itself.
 */
export class SessionStoreUnavailableError extends SessionError {
  /**
   * @param address where the store lives, without credentials
   * @param cause what the store's client reported
   */
  constructor(
    readonly address: string,
    cause?: unknown,
  ) {
    super(
      `The session store at ${address} is unavailable${describe(cause)}. Requests that need a ` +
        'session get 503 until it answers again; it is retried automatically and service ' +
        'resumes by itself. Check that the store is running and reachable from this process, ' +
        'and that its URL and credentials are right.',
    );
    this.cause = cause;
  }
}

/**
 * The first line of the cause's message (or of the cause, when a client reports a text, as
 * node-redis's Sentinel client does): enough to diagnose, too short to carry data.
 */
function describe(cause: unknown): string {
  const { message, code, name } = (
    typeof cause === 'string' ? { message: cause } : (cause ?? {})
  ) as {
    message?: string;
    code?: string;
    name?: string;
  };
  const firstLine = String(message || code || name || '')
    .split('\n')[0]
    .slice(0, 200);
  return firstLine ? ` (${firstLine})` : '';
}
