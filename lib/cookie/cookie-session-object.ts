import type { SessionState } from '../drivers/session-state.interface.js';

type Callback = (error?: unknown) => void;

/**
 * Cookie mode's `req.session`. Like cookie-session's, its own enumerable properties are the
 * data, and `isNew` / `isChanged` tell whether it must be written. Its prototype adds
 * express-session's `regenerate(cb)`, `save(cb)` and `destroy(cb)`, which never reach the cookie,
 * so code written for express-session (Passport 0.6+) runs in cookie mode.
 */
export class CookieSessionObject {
  readonly #state: SessionState;
  readonly #isNew: boolean;
  /** The JSON the session was loaded from; '' when it must be written in any case. */
  readonly #loadedJson: string;

  constructor(data: Record<string, unknown>, state: SessionState, loadedJson?: string) {
    this.#state = state;
    this.#isNew = loadedJson === undefined;
    this.#loadedJson = loadedJson ?? '';
    for (const key of Object.keys(data)) {
      if (!(key in this)) {
        (this as Record<string, unknown>)[key] = data[key];
      }
    }
  }

  get isNew(): boolean {
    return this.#isNew;
  }

  get isChanged(): boolean {
    return this.#isNew || this.#loadedJson !== JSON.stringify(this);
  }

  /**
   * What the request's cookie carries for `session`, serialized: '{}' for a new session, ''
   * when it must be written in any case. Static, so that no session key is shadowed.
   */
  static cookieJson(session: CookieSessionObject): string {
    return session.#isNew ? '{}' : session.#loadedJson;
  }

  regenerate(callback?: Callback): void {
    settle(this.#state.regenerate(false), callback);
  }

  save(callback?: Callback): void {
    settle(this.#state.save(), callback);
  }

  destroy(callback?: Callback): void {
    settle(this.#state.destroy(), callback);
  }
}

function settle(work: Promise<void>, callback?: Callback): void {
  void work.then(() => callback?.(), callback ?? (() => undefined));
}
