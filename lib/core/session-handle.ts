import { parseDuration } from './duration.js';
import type { SessionData } from './session-data.interface.js';
import { applicationData, assertDataKey, FLASH_KEY, isDataKey } from './session-keys.js';
import type { SessionMode } from './session-settings.js';
import type { SessionState } from './session-state.interface.js';

type FlashBox = Record<string, string[]>;

/**
 * The current request's session, typed by `SessionData`, with the same behaviour in cookie
 * and store mode. Get it with `@Session()` or through `SessionService` (which is one too,
 * acting on whichever request is being handled). Abstract: the module makes the handles.
 *
 * Its data is plain data: the keys are the application's own properties of the session and
 * nothing else. Writing a reserved name (`__proto__`, `constructor`, `cookie`, `id`, `save`, …)
 * throws `SessionKeyError`, which Nest answers with 400; reading one finds nothing.
 */
export abstract class SessionHandle<T extends object = SessionData> {
  /** The session this handle acts on. */
  protected abstract readonly state: SessionState;

  /** The session's ID; in cookie mode a random ID carried inside the cookie. */
  get id(): string {
    return this.state.id;
  }

  /** Whether this request created the session (no valid session cookie came with it). */
  get isNew(): boolean {
    return this.state.isNew;
  }

  /** `'cookie'` or `'store'`. */
  get mode(): SessionMode {
    return this.state.mode;
  }

  get<K extends keyof T & string>(key: K): T[K] | undefined {
    const record = this.state.data;
    return isDataKey(record, key) ? (record![key] as T[K]) : undefined;
  }

  /** Throws `SessionKeyError`, writing nothing, when `key` is reserved. */
  set<K extends keyof T & string>(key: K, value: T[K]): void {
    assertDataKey(key);
    this.state.writable()[key] = value;
  }

  /**
   * Sets several keys at once; keys absent from `values` are left as they are. Throws
   * `SessionKeyError`, writing nothing, when any key is reserved.
   */
  patch(values: Partial<T>): void {
    const keys = Object.keys(values);
    keys.forEach(assertDataKey);
    const record = this.state.writable();
    for (const key of keys) {
      record[key] = values[key as keyof T];
    }
  }

  has<K extends keyof T & string>(key: K): boolean {
    return this.get(key) !== undefined;
  }

  unset<K extends keyof T & string>(key: K): void {
    if (isDataKey(this.state.data, key)) {
      delete this.state.writable()[key];
    }
  }

  /** Removes every key of the application's data and every pending flash message. */
  clear(): void {
    const record = this.state.data;
    const keys = [...Object.keys(applicationData(record)), FLASH_KEY].filter(
      (key) => record && Object.hasOwn(record, key),
    );
    if (keys.length === 0) {
      return;
    }
    const writable = this.state.writable();
    for (const key of keys) {
      delete writable[key];
    }
  }

  /** A plain copy of the application's data. */
  toJSON(): Partial<T> {
    return applicationData(this.state.data) as Partial<T>;
  }

  /**
   * Gives the session a new ID, the defence against session fixation: call it on login.
   * In store mode the old ID stops working at once. The data is dropped unless `keepData`.
   */
  regenerate(options: { keepData?: boolean } = {}): Promise<void> {
    return this.state.regenerate(options.keepData ?? false);
  }

  /** Ends the session: removes server-side data (store mode) and clears the cookie. */
  destroy(): Promise<void> {
    return this.state.destroy();
  }

  /** Persists the session now instead of when the response is sent. */
  save(): Promise<void> {
    return this.state.save();
  }

  /** Extends the session's expiry without changing its data. */
  touch(): void {
    this.state.touch();
  }

  /**
   * Gives this session its own lifetime from now on ("remember me"): milliseconds or a duration
   * string (`'30d'`). The cookie's `Expires`, the store's expiry and, in cookie mode, the expiry
   * inside the payload follow it; `idleTimeout` still ends an unused session, and
   * `absoluteTimeout` still caps it.
   *
   * @example
   * await session.regenerate();
   * session.set('userId', user.id);
   * if (form.rememberMe) session.setMaxAge('30d');
   */
  setMaxAge(duration: number | string): void {
    const milliseconds = parseDuration(duration);
    if (milliseconds === undefined) {
      throw new TypeError(
        `setMaxAge(${JSON.stringify(duration)}): pass a positive number of milliseconds or a ` +
          "duration such as '12h' or '30d'",
      );
    }
    this.state.setMaxAge(milliseconds);
  }

  /**
   * Queues a message for the next request that reads `flashes(key)`. Flash names follow the
   * rule of session keys: a reserved one throws `SessionKeyError`.
   */
  flash(key: string, message: string): void {
    assertDataKey(key);
    const record = this.state.writable();
    const box = (isFlashBox(record[FLASH_KEY]) ? record[FLASH_KEY] : {}) as FlashBox;
    const queued = isDataKey(box, key) && Array.isArray(box[key]) ? box[key] : [];
    box[key] = [...queued, message];
    record[FLASH_KEY] = box;
  }

  /** Returns the messages queued under `key` and removes them (a write: see `SessionReadOnlyError`). */
  flashes(key: string): string[] {
    const box = this.state.data?.[FLASH_KEY];
    if (!isFlashBox(box) || !isDataKey(box, key)) {
      return [];
    }
    const record = this.state.writable();
    const messages = box[key];
    delete box[key];
    if (Object.keys(box).length === 0) {
      delete record[FLASH_KEY];
    }
    return Array.isArray(messages) ? messages : [];
  }
}

function isFlashBox(value: unknown): value is FlashBox {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
