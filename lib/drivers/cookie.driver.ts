import type { NextFunction, Request, RequestHandler, Response } from 'express';
import cookieSession from 'cookie-session';
import onHeaders from 'on-headers';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { applicationData, META_KEY } from '../session-keys.js';
import { isSecureRequest } from './secure-request.js';
import { SessionDriver } from './session-driver.js';
import { generateSessionId } from './session-id.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';
import { withExpressSessionMethods } from './with-express-session-methods.js';

interface SessionMeta {
  id?: string;
  seen?: number;
}

type CookieSessionObject = SessionRecord & { readonly isNew?: boolean; [META_KEY]?: SessionMeta };

/** `req.session` as cookie-session defines it: null once destroyed, replaced by assignment. */
type CookieSessionRequest = { session: CookieSessionObject | Record<string, unknown> | null };

/** Cookie mode on cookie-session: the whole session travels in the signed cookie. */
export class CookieSessionDriver extends SessionDriver {
  readonly mode = 'cookie' as const;
  private readonly cookieSession: RequestHandler;

  constructor(private readonly options: ResolvedSessionOptions) {
    super();
    const { cookie } = options;
    this.cookieSession = cookieSession({
      name: options.name,
      keys: options.secrets,
      maxAge: cookie.maxAge,
      path: cookie.path,
      domain: cookie.domain,
      sameSite: cookie.sameSite,
      secure: cookie.secure === true,
      httpOnly: cookie.httpOnly,
    });
  }

  async close(): Promise<void> {}

  protected load(req: Request, res: Response, next: NextFunction): void {
    const { proxy, cookie } = this.options;
    const secure = isSecureRequest(req, proxy);
    if (secure && proxy) {
      // cookie-session refuses a Secure cookie unless `req.protocol` says https.
      Object.defineProperty(req, 'protocol', { value: 'https', configurable: true });
    }
    this.cookieSession(req, res, (error?: unknown) => {
      if (error) {
        return next(error);
      }
      if (cookie.secure === 'auto') {
        req.sessionOptions.secure = secure;
      }
      next();
    });
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
    const meta = (): SessionMeta => (writable()[META_KEY] ??= {});
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
      touch() {
        meta().seen = Date.now();
      },
    };

    // Give a populated session its ID just before cookie-session serializes it.
    onHeaders(res, () => {
      const session = current();
      if (session && Object.keys(session).length > 0 && !session[META_KEY]?.id) {
        session[META_KEY] = { ...session[META_KEY], id: state.id };
      }
    });
    withExpressSessionMethods(req, state);
    return state;
  }
}
