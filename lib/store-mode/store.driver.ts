import { parse, serialize } from 'cookie';
import { sign, unsign } from 'cookie-signature';
import session from 'express-session';
import type { IncomingMessage, ServerResponse } from 'node:http';
import onHeaders from 'on-headers';
import { deriveKey } from '../core/derive-key.js';
import { dropDuplicatedCookies } from '../core/duplicated-cookies.js';
import { isSecureRequest } from '../core/secure-request.js';
import { SessionDriver } from '../core/session-driver.js';
import { generateSessionId } from '../core/session-id.js';
import { applicationData, META_KEY } from '../core/session-keys.js';
import type { SessionSettings } from '../core/session-settings.js';
import type { SessionRecord, SessionState } from '../core/session-state.interface.js';
import type { SocketSessionSource } from '../core/socket-session.interface.js';
import { HashedIdStore } from './hashed-id.store.js';
import { StoreUserSessions } from './store-user-sessions.js';
import { UserFiling } from './user-filing.js';
import type { OpenedStore } from './opened-store.interface.js';
import { isStoredSessionOver } from './session-expiry.js';
import { loadWithStore } from '../core/store-outage.js';
import { StoreSocketSource } from './store-socket-source.js';
import {
  startNewSession,
  StoreSessionState,
  type StoreRequest,
  type StoreStateShared,
} from './store-session-state.js';

type Next = (error?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/**
 * Store mode on express-session: the cookie carries the signed ID, the data stays in the store,
 * filed under a keyed hash of the ID.
 */
export class StoreSessionDriver extends SessionDriver {
  readonly mode = 'store' as const;
  readonly userSessions: StoreUserSessions;
  private readonly expressSession: Middleware;
  private readonly hashedStore: HashedIdStore;
  /** Signing keys derived per cookie name: a signed ID copied into another cookie is rejected. */
  private readonly signingSecrets: string[];
  private readonly shared: StoreStateShared;

  constructor(
    private readonly settings: SessionSettings,
    private readonly opened: OpenedStore,
  ) {
    super(settings.cookie.path);
    const { name, cookie, idleTimeout, absoluteTimeout } = settings;
    this.shared = {
      cookieName: name,
      cookiePath: cookie.path,
      cookieDomain: cookie.domain,
      // express-session renews and checks `maxAge` itself (`cookie.expires`); these cover the rest.
      limits: { maxAge: Infinity, idleTimeout, absoluteTimeout, rolling: false },
      availability: opened.availability,
      created: new WeakSet(),
    };
    this.hashedStore = new HashedIdStore(
      opened.store,
      settings.secrets,
      opened.merge,
      opened.index && new UserFiling(opened.index, settings),
    );
    this.userSessions = new StoreUserSessions(
      opened,
      this.hashedStore,
      settings,
      this.shared.limits,
    );
    this.signingSecrets = settings.secrets.map((secret) =>
      deriveKey(secret, `cookie-signature:${name}`).toString('base64url'),
    );
    this.expressSession = session({
      name,
      secret: this.signingSecrets,
      store: this.hashedStore,
      resave: false,
      saveUninitialized: false,
      rolling: settings.rolling,
      proxy: settings.proxy,
      genid: (req: IncomingMessage) => {
        this.shared.created.add(req);
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
    }) as unknown as Middleware;
  }

  /** The store sessions are kept in, as the user or the module configured it. */
  get store(): session.Store {
    return this.opened.store;
  }

  close(): Promise<void> {
    return this.opened.close();
  }

  async issueCookie(data: SessionRecord): Promise<string> {
    const { name, cookie } = this.settings;
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

  protected open(
    req: StoreRequest,
    res: ServerResponse,
    done: (error: unknown, state?: SessionState) => void,
  ): void {
    dropDuplicatedCookies(req, [this.settings.name]);
    if (this.signingSecrets.length > 1) {
      // Registered before express-session's hook, so it runs after it.
      onHeaders(res, () => this.resignIfStale(req, res));
    }
    loadWithStore(
      this.opened.availability,
      (loaded) => this.loadSession(req, res, loaded),
      (error?: unknown) =>
        done(error, error ? undefined : new StoreSessionState(this.shared, req, res)),
    );
  }

  protected socketSource(handshake: IncomingMessage): SocketSessionSource {
    dropDuplicatedCookies(handshake, [this.settings.name]);
    return new StoreSocketSource(this.shared, this.hashedStore, this.sessionIdOf(handshake));
  }

  /** The session ID a request's cookie carries, when its signature verifies (express-session's rule). */
  private sessionIdOf(req: IncomingMessage): string | undefined {
    const value = parse(req.headers.cookie ?? '')[this.settings.name];
    if (!value?.startsWith('s:')) {
      return undefined;
    }
    for (const secret of this.signingSecrets) {
      const id = unsign(value.slice(2), secret);
      if (id !== false) {
        return id;
      }
    }
    return undefined;
  }

  private loadSession(req: StoreRequest, res: ServerResponse, next: Next): void {
    this.expressSession(req, res, (error?: unknown) => {
      const loaded = req.session;
      if (error || !loaded || this.shared.created.has(req)) {
        return next(error);
      }
      if (!isStoredSessionOver(loaded, this.shared.limits)) {
        return next();
      }
      loaded.destroy((destroyError) => {
        if (!destroyError) {
          startNewSession(req);
        }
        next(destroyError);
      });
    });
  }

  /**
   * Sends the cookie again, signed with the first secret, when the request's cookie was signed
   * with an older one and express-session sends none (a request that only read): once the old
   * secret leaves the list, readers are not logged out.
   */
  private resignIfStale(req: StoreRequest, res: ServerResponse): void {
    const { name, proxy } = this.settings;
    const stored = req.session;
    if (!stored || this.shared.created.has(req) || sendsCookie(res, name)) {
      return;
    }
    const value = parse(req.headers.cookie ?? '')[name];
    if (!value?.startsWith('s:') || unsign(value.slice(2), this.signingSecrets[0]) !== false) {
      return;
    }
    if (stored.cookie.secure && !isSecureRequest(req, proxy)) {
      return;
    }
    const signed = `s:${sign(req.sessionID, this.signingSecrets[0])}`;
    const { expires, path, domain, sameSite, secure, httpOnly } = stored.cookie;
    const attributes = {
      expires: expires ?? undefined,
      path,
      domain,
      secure: secure === true,
      httpOnly,
    };
    res.appendHeader(
      'Set-Cookie',
      serialize(name, signed, { ...attributes, sameSite: sameSite as 'lax' | 'strict' | 'none' }),
    );
  }
}

/** Whether the response already sets cookie `name`. */
function sendsCookie(res: ServerResponse, name: string): boolean {
  const header = res.getHeader('Set-Cookie');
  const cookies = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  return cookies.some((cookie) => cookie.startsWith(`${name}=`));
}
