import type { IncomingMessage, ServerResponse } from 'node:http';
import onHeaders from 'on-headers';
import {
  cappedLifetime,
  isExpired,
  needsRefresh,
  stamp,
  type ExpiryLimits,
  type SessionMeta,
} from '../core/expiry.js';
import { generateSessionId } from '../core/session-id.js';
import { applicationData, META_KEY } from '../core/session-keys.js';
import type { SessionState } from '../core/session-state.interface.js';
import { userIdOf } from '../core/user-keys.js';
import { assertCookieFits } from './cookie-fits.js';
import { filedCookie, type CookieFiling, type FiledCookie } from './cookie-filing.js';
import type { CookieModeSettings } from './cookie-mode-settings.js';
import type {
  CookieSession,
  SessionCookieFormat,
  SessionCookieSlot,
} from './cookie-format.interface.js';
import type { CookieRevocation } from './cookie-revocation.js';
import { adoptSession } from './session-methods.js';

/** What the states of all requests share: made once by the driver. */
export interface CookieStateShared {
  settings: CookieModeSettings;
  format: SessionCookieFormat;
  limits: ExpiryLimits;
  /** With the `revocation` option: the cookies to refuse, and the sessions to record. */
  revocation?: { refused: CookieRevocation; filing: CookieFiling };
}

/**
 * One request's session in cookie mode, behind both `req.session` and `SessionHandle`, over
 * the format's slot. What the module adds to the format: the ID and timestamps inside the
 * payload, expiry checked against them when the cookie is read, and the size check before the
 * cookie is written.
 */
export class CookieSessionState implements SessionState {
  readonly mode = 'cookie' as const;
  /**
   * Whether anything read or assigned `req.session`: the cookie is read on first access, and
   * only then is the response's header hook set (a request that never touches the session
   * pays for none).
   */
  #accessed = false;
  /** The session object last handed out, made one of this state's. */
  #adopted: CookieSession | null = null;
  #pendingId: string | undefined;
  /** With `revocation`: what the request's cookie was recorded as. */
  #filed: FiledCookie | undefined;
  /** With `revocation`: the store writes the response waits for. */
  #filing: Promise<unknown> | undefined;

  constructor(
    private readonly shared: CookieStateShared,
    private readonly slot: SessionCookieSlot,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {}

  /** `req.session`'s getter. */
  get session(): CookieSession | null {
    if (!this.#accessed) {
      this.access();
      const loaded = this.slot.session;
      if (loaded && !loaded.isNew) {
        const meta = loaded[META_KEY] as SessionMeta | undefined;
        if (!isLive(meta, this.shared.limits) || isRevoked(this.shared, loaded)) {
          this.slot.session = {};
        } else if (this.shared.revocation) {
          this.#filed = filedCookie(meta!);
        }
      }
    }
    const session = this.slot.session;
    if (session && session !== this.#adopted) {
      adoptSession(session, this);
      this.#adopted = session;
    }
    return session;
  }

  /** `req.session`'s setter: an object starts a new session holding its data; null ends it. */
  set session(value: unknown) {
    if (value !== null && value !== undefined && typeof value !== 'object') {
      throw new TypeError('req.session can only be set to null or an object.');
    }
    if (!this.#accessed) {
      // Read first: what the replaced cookie carried decides what revocation must record.
      void this.session;
    }
    this.slot.session = (value as object | undefined) ?? null;
  }

  /** `req.sessionOptions` (cookie-session's, signed format only). */
  get sessionOptions(): object | undefined {
    return this.slot.sessionOptions;
  }

  set sessionOptions(value: object | undefined) {
    this.slot.sessionOptions = value;
  }

  get id(): string {
    const meta = this.session?.[META_KEY] as SessionMeta | undefined;
    return meta?.id ?? (this.#pendingId ??= generateSessionId());
  }

  get isNew(): boolean {
    return this.session?.isNew ?? true;
  }

  get data(): Record<string, unknown> | undefined {
    return this.session ?? undefined;
  }

  writable(): Record<string, unknown> {
    if (!this.session) {
      this.#pendingId = undefined;
      this.session = {};
    }
    return this.session!;
  }

  /** The new session carries its new ID at once, so it replaces the old cookie even when empty. */
  async regenerate(keepData: boolean): Promise<void> {
    const kept = keepData ? applicationData(this.data) : {};
    this.#pendingId = undefined;
    this.session = { ...kept, [META_KEY]: { id: generateSessionId() } };
  }

  async destroy(): Promise<void> {
    this.#pendingId = undefined;
    this.session = null;
  }

  async save(): Promise<void> {}

  touch(): void {
    const session = this.writable();
    stamp(((session[META_KEY] as SessionMeta | undefined) ??= {}), Date.now());
  }

  setMaxAge(milliseconds: number): void {
    const meta = ((this.writable()[META_KEY] as SessionMeta | undefined) ??= {}) as SessionMeta;
    const now = Date.now();
    meta.maxAge = cappedLifetime(milliseconds, meta.iat, now, this.shared.limits);
    stamp(meta, now);
  }

  /** The user the request's cookie names, read without checking it, or undefined. */
  get loadedUser(): string | undefined {
    const loaded = this.slot.session;
    return loaded && !loaded.isNew ? userIdOf(loaded[this.shared.settings.authKey]) : undefined;
  }

  /**
   * Set on first access: the hook runs just before the response headers go out, and before
   * cookie-session's own (which was set earlier, when the request reached the middleware).
   * With `revocation`, the end of the response also waits for what the hook recorded, as
   * express-session's waits for its save.
   */
  private access(): void {
    this.#accessed = true;
    onHeaders(this.res, () => this.beforeHeaders());
    if (this.shared.revocation) {
      const { res } = this;
      const end = res.end;
      res.end = ((...args: Parameters<ServerResponse['end']>) => {
        if (!res.headersSent) {
          res.writeHead(res.statusCode);
        }
        if (!this.#filing) {
          return end.apply(res, args);
        }
        void this.#filing.then(
          () => end.apply(res, args),
          (error: unknown) => {
            this.shared.revocation!.refused.store.availability.failed(error);
            end.apply(res, args);
          },
        );
        return res;
      }) as ServerResponse['end'];
    }
  }

  /**
   * Decides what the response writes, once: a destroyed session's cleared cookies, or a
   * session that is new and holds anything, changed, was sealed or signed with an older
   * secret, or is due a refresh, stamped (its ID, when it began, when it was last seen) and
   * checked to fit (`SessionTooLargeError` when it does not). Nothing else is written.
   */
  private beforeHeaders(): void {
    const session = this.slot.session;
    if (session === null) {
      this.#filing = this.shared.revocation?.filing.destroyed(this.#filed);
      this.slot.beforeHeaders(this.res, { json: null, maxAge: 0 });
      return;
    }
    const { settings, format, limits } = this.shared;
    if (session.isNew && Object.keys(session).length === 0) {
      return;
    }
    const meta = ((session as Record<string, unknown>)[META_KEY] ??= {}) as SessionMeta;
    meta.id ??= this.#pendingId ??= generateSessionId();
    const now = Date.now();
    const due =
      session.isNew || this.slot.staleKey || session.isChanged || needsRefresh(meta, now, limits);
    if (!due) {
      return;
    }
    stamp(meta, now);
    this.#filing = this.shared.revocation?.filing.written(
      this.#filed,
      session,
      meta,
      this.req,
      now,
    );
    const json = JSON.stringify(session);
    assertCookieFits(settings.name, format.valueLength(json), settings.maxCookieBytes);
    this.slot.beforeHeaders(this.res, { json, maxAge: meta.maxAge ?? settings.cookie.maxAge });
  }
}

/** Whether a cookie's payload, by the bookkeeping `meta` inside it, is a session still running. */
export function isLive(meta: unknown, limits: ExpiryLimits): boolean {
  return (
    typeof (meta as SessionMeta | undefined)?.id === 'string' &&
    !isExpired(meta, Date.now(), limits)
  );
}

/**
 * With `revocation`, whether a live cookie's session was revoked: by what the cache holds of
 * its user's revocations, which the caller read first (`CookieRevocation.prepare`).
 */
export function isRevoked(shared: CookieStateShared, loaded: Record<string, unknown>): boolean {
  const user = shared.revocation && userIdOf(loaded[shared.settings.authKey]);
  return (
    user !== undefined && shared.revocation!.refused.refuses(user, loaded[META_KEY] as SessionMeta)
  );
}
