import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';
import { dropDuplicatedCookies } from '../cookie/duplicated-cookies.js';
import {
  isExpired,
  needsRefresh,
  stamp,
  type ExpiryLimits,
  type SessionMeta,
} from '../expiry/session-meta.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { applicationData, META_KEY } from '../session-keys.js';
import { defineCookieSessionProperty } from './cookie-session-property.js';
import { SessionDriver } from './session-driver.js';
import { generateSessionId } from './session-id.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';

/** A session object of the cookie layer (cookie-session's, or the encrypted one). */
export type CookieSessionObject = SessionRecord & {
  readonly isNew?: boolean;
  readonly isChanged?: boolean;
  [META_KEY]?: SessionMeta;
};

type CookieSessionRequest = { session: SessionRecord | null };

/**
 * Cookie mode: the whole session travels in the cookie. Subclasses supply the cookie layer
 * (signed or encrypted); this class adds what both share: an ID and timestamps inside the
 * payload, expiry checked against them on every request, and express-session's methods.
 */
export abstract class CookieDriver extends SessionDriver {
  readonly mode = 'cookie' as const;
  protected readonly limits: ExpiryLimits;

  constructor(protected readonly options: ResolvedSessionOptions) {
    super();
    const { cookie, idleTimeout, absoluteTimeout, rolling } = options;
    this.limits = { maxAge: cookie.maxAge, idleTimeout, absoluteTimeout, rolling };
  }

  async close(): Promise<void> {}

  async issueCookie(data: SessionRecord): Promise<string> {
    const now = Date.now();
    const meta: SessionMeta = { id: generateSessionId(), iat: now, seen: now };
    return this.cookieCarrying(JSON.stringify({ ...applicationData(data), [META_KEY]: meta }));
  }

  /**
   * The `Cookie` request header value that carries a session serialized as `json`, sealed or
   * signed as the cookie layer writes it; throws `SessionTooLargeError` when it would not fit.
   */
  protected abstract cookieCarrying(json: string): string;

  /** Names of the cookies the layer reads. */
  protected abstract readonly cookieNames: readonly string[];

  /** Runs the cookie layer, which defines `req.session`. */
  protected abstract loadCookie(req: Request, res: Response, next: NextFunction): void;

  protected load(req: Request, res: Response, next: NextFunction): void {
    dropDuplicatedCookies(req, this.cookieNames);
    this.loadCookie(req, res, next);
  }

  protected stateOf(req: Request, res: Response): SessionState {
    const request = req as unknown as CookieSessionRequest;
    let pendingId: string | undefined;
    const current = () => (request.session ?? undefined) as CookieSessionObject | undefined;
    const writable = () => {
      if (!current()) {
        request.session = {};
      }
      return current()!;
    };
    const state: SessionState = {
      mode: this.mode,
      get id() {
        return current()?.[META_KEY]?.id ?? (pendingId ??= generateSessionId());
      },
      get isNew() {
        return current()?.isNew ?? true;
      },
      get data() {
        return current();
      },
      writable,
      async regenerate(keepData) {
        const kept = keepData ? applicationData(current()) : {};
        pendingId = undefined;
        request.session = { ...kept, [META_KEY]: { id: generateSessionId() } };
      },
      async destroy() {
        pendingId = undefined;
        request.session = null;
      },
      async save() {},
      touch: () => {
        const session = writable();
        stamp((session[META_KEY] ??= {}), Date.now());
      },
    };

    const property = defineCookieSessionProperty(req, state, (session) => {
      const meta = session[META_KEY] as SessionMeta | undefined;
      return typeof meta?.id === 'string' && !isExpired(meta, Date.now(), this.limits);
    });

    // Registered after the cookie layer's own hook, so it runs first: the layer writes stamped data.
    onHeaders(res, () => {
      const session = property.wasRead() ? current() : undefined;
      if (!session || Object.keys(session).length === 0) {
        return;
      }
      const meta = (session[META_KEY] ??= {});
      meta.id ??= state.id;
      const now = Date.now();
      if (session.isChanged || needsRefresh(meta, now, this.limits)) {
        stamp(meta, now);
      }
    });
    return state;
  }
}
