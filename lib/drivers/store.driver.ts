import { serialize } from 'cookie';
import type { NextFunction, RequestHandler, Response } from 'express';
import { sign } from 'cookie-signature';
import session from 'express-session';
import { dropDuplicatedCookies } from '../cookie/duplicated-cookies.js';
import { deriveKey } from '../crypto/derive-key.js';
import { isExpired } from '../expiry/session-meta.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { applicationData, META_KEY } from '../session-keys.js';
import { HashedIdStore } from '../stores/hashed-id.store.js';
import type { OpenedStore } from '../stores/opened-store.interface.js';
import { SessionDriver } from './session-driver.js';
import { generateSessionId } from './session-id.js';
import { loadWithStore } from './store-outage.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';
import {
  CREATED_HERE,
  StoreSessionState,
  type StoredSession,
  type StoreRequest,
  type StoreStateShared,
} from './store-session-state.js';

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
  private readonly shared: StoreStateShared;

  constructor(
    private readonly options: ResolvedSessionOptions,
    private readonly opened: OpenedStore,
  ) {
    super(options.cookie.path);
    const { name, cookie, idleTimeout, absoluteTimeout } = options;
    this.shared = {
      cookieName: name,
      cookiePath: cookie.path,
      cookieDomain: cookie.domain,
      // express-session renews and checks `maxAge` itself (`cookie.expires`); these cover the rest.
      limits: { maxAge: Infinity, idleTimeout, absoluteTimeout, rolling: false },
      availability: opened.availability,
    };
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
        // express-session's 'auto' (missing from its types): None over HTTPS, Lax over plain
        // HTTP, where browsers drop a SameSite=None cookie since it cannot be Secure there.
        sameSite:
          cookie.sameSite === 'none' && cookie.secure === 'auto'
            ? ('auto' as never)
            : cookie.sameSite,
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
    return new StoreSessionState(this.shared, req, res);
  }

  /** Past its stored expiry, or past the idle or absolute timeout its timestamps allow. */
  private hasExpired(loaded: StoredSession): boolean {
    const now = Date.now();
    const expires = loaded.cookie?.expires;
    if (expires && new Date(expires).getTime() <= now) {
      return true;
    }
    const meta = loaded[META_KEY];
    return meta !== undefined && isExpired(meta, now, this.shared.limits);
  }
}
