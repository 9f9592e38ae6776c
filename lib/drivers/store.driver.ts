import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { applicationData, META_KEY } from '../session-keys.js';
import type { OpenedStore } from '../stores/open-session-store.js';
import { SessionDriver } from './session-driver.js';
import { generateSessionId } from './session-id.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';

const CREATED_HERE = Symbol('nestjs-session-kit:created-here');

type StoreRequest = Request & { [CREATED_HERE]?: boolean };

/** Store mode on express-session: the cookie carries the signed ID, the data stays in the store. */
export class StoreSessionDriver extends SessionDriver {
  readonly mode = 'store' as const;
  private readonly expressSession: RequestHandler;

  constructor(
    private readonly options: ResolvedSessionOptions,
    private readonly opened: OpenedStore,
  ) {
    super();
    const { cookie } = options;
    this.expressSession = session({
      name: options.name,
      secret: options.secrets,
      store: opened.store,
      resave: false,
      saveUninitialized: false,
      rolling: options.rolling,
      proxy: options.proxy,
      genid: (req: StoreRequest) => {
        req[CREATED_HERE] = true;
        return generateSessionId();
      },
      cookie: {
        maxAge: cookie.maxAge,
        path: cookie.path,
        domain: cookie.domain,
        sameSite: cookie.sameSite,
        secure: cookie.secure,
        httpOnly: cookie.httpOnly,
      },
    });
  }

  /** The store sessions are kept in. */
  get store(): session.Store {
    return this.opened.store;
  }

  close(): Promise<void> {
    return this.opened.close();
  }

  protected load(req: Request, res: Response, next: NextFunction): void {
    this.expressSession(req, res, next);
  }

  protected stateOf(req: StoreRequest, res: Response): SessionState {
    const { name, cookie } = this.options;
    const callback = (run: (done: (error?: unknown) => void) => void) =>
      new Promise<void>((resolve, reject) => run((error) => (error ? reject(error) : resolve())));
    const current = () => req.session as (session.Session & SessionRecord) | undefined;
    const startNew = () => {
      req.sessionStore.generate(req);
      return current()!;
    };

    return {
      mode: this.mode,
      get id() {
        return req.sessionID;
      },
      get isNew() {
        return req[CREATED_HERE] === true;
      },
      get data() {
        return current();
      },
      writable: () => current() ?? startNew(),
      async regenerate(keepData) {
        const kept = keepData ? applicationData(current()) : {};
        const existing = current();
        if (existing) {
          await callback((done) => existing.regenerate(done));
        } else {
          startNew();
        }
        Object.assign(current()!, kept);
      },
      async destroy() {
        const existing = current();
        if (existing) {
          await callback((done) => existing.destroy(done));
        }
        res.clearCookie(name, { path: cookie.path, domain: cookie.domain });
      },
      async save() {
        const existing = current();
        if (existing) {
          await callback((done) => existing.save(done));
        }
      },
      touch() {
        const existing = current();
        if (existing) {
          existing.touch();
          // A changed record is what makes express-session re-send the cookie with a new expiry.
          existing[META_KEY] = { ...(existing[META_KEY] as object), seen: Date.now() };
        }
      },
    };
  }
}
