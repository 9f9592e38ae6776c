import type { SessionRecord, SessionState } from './drivers/session-state.interface.js';
import type { SessionData } from './interfaces/session-data.interface.js';
import type { SessionMode } from './interfaces/session-module-options.interface.js';
import { applicationData, FLASH_KEY, RESERVED_KEYS } from './session-keys.js';

type FlashBox = Record<string, string[]>;

/**
 * The current request's session, typed by `SessionData`, with the same behaviour in cookie
 * and store mode. Get it with `@Session()` or through `SessionService`.
 */
export class SessionHandle<T extends object = SessionData> {
  constructor(private readonly state: SessionState) {}

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
    return this.state.data?.[key] as T[K] | undefined;
  }

  set<K extends keyof T & string>(key: K, value: T[K]): void {
    assertApplicationKey(key);
    this.state.writable()[key] = value;
  }

  /** Sets several keys at once; keys absent from `values` are left as they are. */
  patch(values: Partial<T>): void {
    Object.keys(values).forEach(assertApplicationKey);
    Object.assign(this.state.writable(), values);
  }

  has<K extends keyof T & string>(key: K): boolean {
    return this.state.data?.[key] !== undefined;
  }

  unset<K extends keyof T & string>(key: K): void {
    if (this.state.data && key in this.state.data) {
      delete this.state.writable()[key];
    }
  }

  /** Removes every key of the application's data and every pending flash message. */
  clear(): void {
    const record = this.state.data;
    if (!record) {
      return;
    }
    for (const key of Object.keys(record)) {
      if (key === FLASH_KEY || !RESERVED_KEYS.has(key)) {
        delete record[key];
      }
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

  /** Queues a message for the next request that reads `flashes(key)`. */
  flash(key: string, message: string): void {
    const record = this.state.writable();
    const box = (record[FLASH_KEY] ??= {}) as FlashBox;
    (box[key] ??= []).push(message);
  }

  /** Returns the messages queued under `key` and removes them. */
  flashes(key: string): string[] {
    const box = this.state.data?.[FLASH_KEY] as FlashBox | undefined;
    const messages = box?.[key];
    if (!messages) {
      return [];
    }
    delete box[key];
    if (Object.keys(box).length === 0) {
      delete (this.state.data as SessionRecord)[FLASH_KEY];
    }
    return messages;
  }
}

function assertApplicationKey(key: string): void {
  if (RESERVED_KEYS.has(key)) {
    throw new Error(`"${key}" is reserved by the session module; pick another session key.`);
  }
}
