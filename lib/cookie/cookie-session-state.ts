import type { IncomingMessage } from 'node:http';
import type { SessionState } from '../drivers/session-state.interface.js';
import { generateSessionId } from '../drivers/session-id.js';
import { stamp, type SessionMeta } from '../expiry/session-meta.js';
import { applicationData, META_KEY } from '../session-keys.js';
import { CookieSessionObject } from './cookie-session-object.js';
import type { SessionCookies } from './session-cookies.js';

/**
 * One request's session in cookie mode, behind both `req.session` and `SessionHandle`. The
 * cookie is read on first access, never before.
 */
export class CookieSessionState implements SessionState {
  readonly mode = 'cookie' as const;
  /** `undefined` until read or assigned; `null` once destroyed. */
  #session: CookieSessionObject | null | undefined;
  #pendingId: string | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly cookies: SessionCookies,
  ) {}

  /** The session as it stands, without reading the cookie: `undefined` if nothing touched it. */
  get touched(): CookieSessionObject | null | undefined {
    return this.#session;
  }

  /** `req.session`'s getter. */
  get(): CookieSessionObject | null {
    if (this.#session === undefined) {
      this.#session = this.cookies.read(this.req, this);
    }
    return this.#session;
  }

  /** `req.session`'s setter. */
  set(value: unknown): void {
    if (value !== null && value !== undefined && typeof value !== 'object') {
      throw new TypeError('req.session can only be set to null or an object.');
    }
    this.#session = value ? new CookieSessionObject(value as Record<string, unknown>, this) : null;
  }

  get id(): string {
    const meta = this.get()?.[META_KEY as never] as SessionMeta | undefined;
    return meta?.id ?? (this.#pendingId ??= generateSessionId());
  }

  get isNew(): boolean {
    return this.get()?.isNew ?? true;
  }

  get data(): Record<string, unknown> | undefined {
    return (this.get() ?? undefined) as Record<string, unknown> | undefined;
  }

  writable(): Record<string, unknown> {
    if (!this.get()) {
      this.set({});
    }
    return this.get() as unknown as Record<string, unknown>;
  }

  async regenerate(keepData: boolean): Promise<void> {
    const kept = keepData ? applicationData(this.data) : {};
    this.#pendingId = undefined;
    this.set({ ...kept, [META_KEY]: { id: generateSessionId() } });
  }

  async destroy(): Promise<void> {
    this.#pendingId = undefined;
    this.set(null);
  }

  async save(): Promise<void> {}

  touch(): void {
    const session = this.writable();
    stamp(((session[META_KEY] as SessionMeta | undefined) ??= {}), Date.now());
  }
}
