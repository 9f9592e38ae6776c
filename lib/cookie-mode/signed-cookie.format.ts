import { parse } from 'cookie';
import cookieSession from 'cookie-session';
import Keygrip from 'keygrip';
import { createSecretKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cookieSecurity } from '../core/secure-request.js';
import { assertCookieFits } from './cookie-fits.js';
import type { CookieModeSettings } from './cookie-mode-settings.js';
import type {
  CookieSession,
  CookieWrite,
  OpenedSessionCookie,
  SessionCookieFormat,
  SessionCookieSlot,
} from './cookie-format.interface.js';

type Middleware = (req: object, res: ServerResponse, next: () => void) => void;

/** Cookie values as they came, as `cookies` (under cookie-session) reads and verifies them. */
const RAW = { decode: (value: string) => value };

/**
 * What cookie-session (and the `cookies` package under it) read of a request, and where they
 * leave `session` and `sessionOptions`: a small object of its own per request, so that the
 * request's own `session` stays the module's accessor, and so that no request object is made
 * anyone's prototype (which slows every later access to it).
 */
class CookieSessionRequest {
  /** Set by cookie-session: its session, read on first access. */
  declare session: CookieSession | null;
  /** Set by cookie-session: `req.sessionOptions`. */
  declare sessionOptions: { secure?: boolean; sameSite?: string; maxAge?: number };
  /** What `cookies` takes the request's security from, set just before it writes. */
  protocol = 'http';

  constructor(private readonly req: IncomingMessage) {}

  get headers(): IncomingMessage['headers'] {
    return this.req.headers;
  }

  get socket(): IncomingMessage['socket'] {
    return this.req.socket;
  }

  get connection(): IncomingMessage['socket'] {
    return this.req.socket;
  }
}

/**
 * `encrypt: false`: cookie-session's own middleware reads and writes the cookies, the session
 * as base64 JSON, readable by the client, signed in a second `<name>.sig` cookie; cookies of a
 * plain cookie-session app with the same secrets load too, and the other way round.
 * `req.sessionOptions` works as cookie-session documents it.
 */
export class SignedCookieFormat implements SessionCookieFormat {
  readonly cookieNames: readonly [string, string];
  private readonly keys: SessionSigningKeys;
  private readonly cookieSession: Middleware;

  constructor(private readonly settings: CookieModeSettings) {
    const { name, secrets, cookie, maxCookieBytes } = settings;
    this.cookieNames = [name, `${name}.sig`];
    this.keys = new SessionSigningKeys(secrets, name, maxCookieBytes);
    this.cookieSession = cookieSession({
      name,
      keys: this.keys as unknown as string[],
      path: cookie.path,
      domain: cookie.domain,
      httpOnly: cookie.httpOnly,
      maxAge: cookie.maxAge,
      secure: cookie.secure === true,
      sameSite: cookie.sameSite,
    }) as unknown as Middleware;
  }

  /** Runs cookie-session for the request (on what it reads of it: see `CookieSessionRequest`). */
  open(req: IncomingMessage, res: ServerResponse): SessionCookieSlot {
    const carrier = new CookieSessionRequest(req);
    this.cookieSession(carrier, res, () => undefined);
    return new SignedCookieSlot(req, carrier, this.keys, this.settings);
  }

  /** What cookie-session reads: the value, if its `.sig` cookie verifies, decoded from base64. */
  read(req: IncomingMessage): OpenedSessionCookie | undefined {
    const [name, signatureName] = this.cookieNames;
    const header = req.headers.cookie;
    const cookies = header ? parse(header, RAW) : {};
    const value = cookies[name];
    const signature = cookies[signatureName];
    if (
      !value ||
      !signature ||
      value.length > this.settings.maxCookieBytes ||
      !this.keys.verify(`${name}=${value}`, signature)
    ) {
      return undefined;
    }
    const json = Buffer.from(value, 'base64').toString('utf8');
    return { json, staleKey: this.keys.verifiedWithOlderKey };
  }

  valueLength(json: string): number {
    return 4 * Math.ceil(Buffer.byteLength(json) / 3);
  }

  cookiesFor(json: string): [string, string][] {
    const [name, signatureName] = this.cookieNames;
    const value = Buffer.from(json).toString('base64');
    return [
      [name, value],
      [signatureName, this.keys.sign(`${name}=${value}`)],
    ];
  }
}

/** One request's signed session cookie, as cookie-session keeps it. */
class SignedCookieSlot implements SessionCookieSlot {
  staleKey = false;
  #read = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly carrier: CookieSessionRequest,
    private readonly keys: SessionSigningKeys,
    private readonly settings: CookieModeSettings,
  ) {}

  get session(): CookieSession | null {
    if (this.#read) {
      return this.carrier.session;
    }
    this.#read = true;
    this.keys.verifiedWithOlderKey = false;
    const session = this.carrier.session;
    this.staleKey = this.keys.verifiedWithOlderKey;
    return session;
  }

  set session(value: object | null) {
    this.#read = true;
    this.carrier.session = value as CookieSession | null;
  }

  /**
   * cookie-session writes the cookies in its own header hook, which runs after this one (and
   * decides by the same rule: a new session that holds anything, or a changed one).
   */
  beforeHeaders(_res: ServerResponse, { json, maxAge }: CookieWrite): void {
    const { carrier } = this;
    const { cookie, proxy } = this.settings;
    const { send, secure, sameSite } = cookieSecurity(this.req, cookie, proxy);
    // `cookies` refuses to write a Secure cookie unless the request is HTTPS: that is how,
    // over plain HTTP, none is sent; behind a trusted proxy the module's verdict counts.
    carrier.protocol = secure && send ? 'https' : 'http';
    if (secure !== (cookie.secure === true)) {
      carrier.sessionOptions.secure = secure;
    }
    if (sameSite !== cookie.sameSite) {
      carrier.sessionOptions.sameSite = sameSite;
    }
    if (json !== null && maxAge !== this.settings.cookie.maxAge) {
      carrier.sessionOptions.maxAge = maxAge;
    }
  }

  get sessionOptions(): object {
    return this.carrier.sessionOptions;
  }

  set sessionOptions(value: object) {
    this.carrier.sessionOptions = value as CookieSessionRequest['sessionOptions'];
  }
}

/**
 * The keys handed to cookie-session, with Keygrip's interface (the one its `keys` option
 * takes): the first secret signs, every one verifies, over `name=value`, so a value moved into
 * another cookie fails. What they add:
 * - a value verified with an older secret is reported as current, so cookie-session does not
 *   re-sign its `.sig` cookie alone (with default attributes); `verifiedWithOlderKey` tells the
 *   module, which writes both cookies again with the session's own;
 * - they refuse to sign a cookie over `maxCookieBytes`, which cookie-session then does not
 *   send: the module fails loudly first, and this keeps the cookie out of the 500 that follows.
 */
class SessionSigningKeys {
  /** Set by `index()`, read right after cookie-session's (synchronous) read of the cookie. */
  verifiedWithOlderKey = false;
  private readonly keygrip: Keygrip;

  constructor(
    secrets: readonly string[],
    private readonly name: string,
    private readonly maxCookieBytes: number,
  ) {
    // KeyObjects, made once: a string key costs a KeyObject per HMAC (about 12 µs on Node 24).
    this.keygrip = new Keygrip(
      secrets.map((secret) => createSecretKey(Buffer.from(secret))) as never,
    );
  }

  /** Signs `name=value`. */
  sign(data: string): string {
    assertCookieFits(this.name, data.length - this.name.length - 1, this.maxCookieBytes);
    return this.keygrip.sign(data);
  }

  index(data: string, digest: string): number {
    const index = this.keygrip.index(data, digest);
    this.verifiedWithOlderKey = index > 0;
    return Math.min(index, 0);
  }

  verify(data: string, digest: string): boolean {
    return this.index(data, digest) === 0;
  }
}
