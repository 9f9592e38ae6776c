import type { CookieSession } from './cookie-format.interface.js';
import { SESSION_METHODS } from './session-methods.js';

/**
 * The encrypted format's `req.session`, shaped as cookie-session's: its own enumerable
 * properties are the data; `isNew` and `isChanged` say whether it must be written.
 */
class EncryptedSession {
  readonly #loadedJson: string | undefined;

  /** @param loadedJson the JSON the request's cookie carried; absent for a new session */
  constructor(data: Record<string, unknown>, loadedJson?: string) {
    this.#loadedJson = loadedJson;
    for (const key of Object.keys(data)) {
      if (!(key in this)) {
        (this as Record<string, unknown>)[key] = data[key];
      }
    }
  }

  get isNew(): boolean {
    return this.#loadedJson === undefined;
  }

  get isChanged(): boolean {
    return this.#loadedJson === undefined || this.#loadedJson !== JSON.stringify(this);
  }
}

Object.defineProperties(EncryptedSession.prototype, SESSION_METHODS);

/** An `EncryptedSession`, typed as both formats' sessions are. */
export function encryptedSession(
  data: Record<string, unknown>,
  loadedJson?: string,
): CookieSession {
  return new EncryptedSession(data, loadedJson) as unknown as CookieSession;
}
