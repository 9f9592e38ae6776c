import { serialize } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sign } from 'cookie-signature';
import session from 'express-session';
import { dropDuplicatedCookies } from '../cookie/duplicated-cookies.js';
import { deriveKey } from '../crypto/derive-key.js';
import {
  isExpired,
  needsRefresh,
  stamp,
  type ExpiryLimits,
  type SessionMeta,
} from '../expiry/session-meta.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { applicationData, isPopulated, META_KEY } from '../session-keys.js';
import { HashedIdStore } from '../stores/hashed-id.store.js';
import { rememberLoaded } from '../stores/session-changes.js';
import type { OpenedStore } from '../stores/opened-store.interface.js';
import { SessionDriver } from './session-driver.js';
import { generateSessionId } from './session-id.js';
import { loadWithStore, storeFailure } from './store-outage.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';

const CREATED_HERE = Symbol('nestjs-session-kit:created-here');

type StoreRequest = Request & { [CREATED_HERE]?: boolean };
type StoredSession = session.Session & SessionRecord & { [META_KEY]?: SessionMeta };

/**
 * Store mode on express-session: the cookie carries the signed ID, the data stays in the store,
 * filed under a keyed hash of the ID.
 */
export class StoreSessionDriver extends SessionDriver {
  readonly mode = 'store' as const;
  private readonly expressSession: RequestHandler;
  private readonly hashedStore: HashedIdStore;
  /** Signing keys derived per cookie name: a signed ID copied into another cookie is rejected. */
  private readonly signingSecrets: string[];
  /** express-session renews and checks `maxAge` itself (`cookie.expires`); these cover the rest. */
  private readonly limits: ExpiryLimits;

  constructor(
    private readonly options: ResolvedSessionOptions,
    private readonly opened: OpenedStore,
  ) {
    super();
    const { name, cookie, idleTimeout, absoluteTimeout } = options;
    this.limits = { maxAge: Infinity, idleTimeout, absoluteTimeout, rolling: false };
    this.hashedStore = new HashedIdStore(opened.store, options.secrets, opened.merge);
    this.signingSecrets = options.secrets.map((secret) =>
      deriveKey(secret, `cookie-signature:${name}`).toString('base64url'),
    );
    this.expressSession = session({
      name,
      secret: this.signingSecrets,
      store: this.hashedStore,
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

  /** The store sessions are kept in, as the user or the module configured it. */
  get store(): session.Store {
    return this.opened.store;
  }

  close(): Promise<void> {
    return this.opened.close();
  }

  async issueCookie(data: SessionRecord): Promise<string> {
    const { name, cookie } = this.options;
    const id = generateSessionId();
    const now = Date.now();
    const record = {
      ...applicationData(data),
      // What express-session's Cookie serializes to, and loads back from.
      cookie: {
        originalMaxAge: cookie.maxAge,
        expires: new Date(now + cookie.maxAge),
        path: cookie.path,
        domain: cookie.domain,
        sameSite: cookie.sameSite,
        secure: cookie.secure === true,
        httpOnly: cookie.httpOnly,
      },
      [META_KEY]: { iat: now, seen: now },
    };
    await new Promise<void>((resolve, reject) =>
      this.hashedStore.set(id, record, (error) => (error ? reject(error) : resolve())),
    );
    return serialize(name, `s:${sign(id, this.signingSecrets[0])}`);
  }

  protected load(req: StoreRequest, res: Response, next: NextFunction): void {
    dropDuplicatedCookies(req, [this.options.name]);
    loadWithStore(this.opened.availability, (done) => this.loadSession(req, res, done), next);
  }

  private loadSession(req: StoreRequest, res: Response, next: (error?: unknown) => void): void {
    this.expressSession(req, res, (error?: unknown) => {
      const loaded = req.session as StoredSession | undefined;
      if (error || !loaded || req[CREATED_HERE]) {
        return next(error);
      }
      if (!this.hasExpired(loaded)) {
        rememberLoaded(loaded);
        return next();
      }
      loaded.destroy((destroyError) => {
        if (!destroyError) {
          req.sessionStore.generate(req);
        }
        next(destroyError);
      });
    });
  }

  protected stateOf(req: StoreRequest, res: Response): SessionState {
    const { name, cookie } = this.options;
    const limits = this.limits;
    const { availability } = this.opened;
    const callback = (run: (done: (error?: unknown) => void) => void) =>
      new Promise<void>((resolve, reject) =>
        run((error) => (error ? reject(storeFailure(availability, error)) : resolve())),
      );
    const current = () => req.session as StoredSession | undefined;
    const startNew = () => {
      req.sessionStore.generate(req);
      return current()!;
    };
    const stampIfDue = (existing: StoredSession) => {
      const now = Date.now();
      const meta = (existing[META_KEY] ??= {});
      if (meta.iat === undefined || needsRefresh(meta, now, limits)) {
        stamp(meta, now);
      }
    };

    // Wraps express-session's own `res.end`, so it runs before express-session decides
    // whether to save: a kept session carries timestamps.
    const end = res.end;
    res.end = ((...args: Parameters<Response['end']>) => {
      const existing = current();
      if (existing && isPopulated(existing)) {
        stampIfDue(existing);
      }
      return end.apply(res, args);
    }) as Response['end'];

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
          stampIfDue(existing);
          await callback((done) => existing.save(done));
        }
      },
      touch() {
        const existing = current();
        if (existing) {
          existing.touch();
          // A changed record is what makes express-session re-send the cookie with a new expiry.
          stamp((existing[META_KEY] ??= {}), Date.now());
        }
      },
    };
  }

  /** Past its stored expiry, or past the idle or absolute timeout its timestamps allow. */
  private hasExpired(loaded: StoredSession): boolean {
    const now = Date.now();
    const expires = loaded.cookie?.expires;
    if (expires && new Date(expires).getTime() <= now) {
      return true;
    }
    const meta = loaded[META_KEY];
    return meta !== undefined && isExpired(meta, now, this.limits);
  }
}
