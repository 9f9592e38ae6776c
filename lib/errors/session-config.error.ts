import { SessionError } from './session.error.js';

/**
 * Thrown at start-up when the session options (or the `SESSION_*` environment variables they
 * came from) are invalid, and at the call of a feature they do not support (listing users'
 * sessions on a store without an index, revoking in cookie mode without `revocation`). Lists
 * every problem at once; never contains a secret's value.
 */
export class SessionConfigError extends SessionError {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid session configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
}
