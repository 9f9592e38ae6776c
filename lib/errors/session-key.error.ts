import { SessionError } from './session.error.js';

/** Longest part of a rejected key repeated in the message: keys can come from request bodies. */
const SHOWN_KEY_LENGTH = 60;

/**
 * Thrown when a session key or flash name is one the session cannot hold as plain data: a name
 * of the session object itself (`cookie`, `id`, `save`, …), of every JavaScript object
 * (`__proto__`, `constructor`, `toString`, …) or of the module's bookkeeping. Keys often come
 * from request bodies (`session.patch(body)`), so Nest answers it with 400, not 500.
 */
export class SessionKeyError extends SessionError {
  /** Read by Nest's exception filter (the `http-errors` shape): answered with this status. */
  readonly statusCode = 400;
  readonly status = 400;
  /** The message is safe to send to the client. */
  readonly expose = true;

  constructor(readonly key: string) {
    const shown = key.length > SHOWN_KEY_LENGTH ? `${key.slice(0, SHOWN_KEY_LENGTH)}…` : key;
    super(
      `${JSON.stringify(shown)} cannot be a session key or flash name: the session object, ` +
        'JavaScript objects or the session module already use that name. Pick another name ' +
        '(and when the keys come from a request body, check them before writing them).',
    );
  }
}
