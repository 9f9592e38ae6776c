import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A session object as both formats keep it in `req.session`, as cookie-session's is: its own
 * enumerable properties are the data; `isNew` and `isChanged` say whether it must be written.
 */
export interface CookieSession extends Record<string, unknown> {
  readonly isNew: boolean;
  readonly isChanged: boolean;
}

/** What the module decided a response writes. */
export interface CookieWrite {
  /** The session, serialized and stamped; `null` to clear the cookies of a destroyed one. */
  json: string | null;
  /** The cookie's lifetime: the session's own (`setMaxAge()`), else `cookie.maxAge`. */
  maxAge: number;
}

/** One request's session cookie, as a format reads it and writes it back. */
export interface SessionCookieSlot {
  /**
   * The session the request's cookie carries, read on first access, or a new one when it
   * carries none that is genuine; `null` once set to `null`. Setting an object starts a new
   * session holding its data.
   */
  get session(): CookieSession | null;
  set session(value: object | null);
  /** Whether the cookie was sealed or signed with a secret other than the first. */
  readonly staleKey: boolean;
  /** cookie-session's per-request options (`req.sessionOptions`), where the format has them. */
  sessionOptions?: object;
  /**
   * Just before the response headers go out, on a request whose session must be written (or,
   * destroyed, cleared): writes the cookies, or readies the format's own middleware to.
   */
  beforeHeaders(res: ServerResponse, write: CookieWrite): void;
}

/** A session cookie a format read and found genuine. */
export interface OpenedSessionCookie {
  /** What the cookie carries: the session, serialized, as it was stamped when written. */
  json: string;
  /** Whether it was sealed or signed with a secret other than the first. */
  staleKey: boolean;
}

/** How cookie mode carries a session: encrypted (the module's own) or signed (cookie-session). */
export interface SessionCookieFormat {
  /** The cookies it writes, the one that carries the session first. */
  readonly cookieNames: readonly string[];
  /** Starts the request's slot, when the request reaches the session middleware. */
  open(req: IncomingMessage, res: ServerResponse): SessionCookieSlot;
  /**
   * The session the request's cookie carries, if it is genuine, read without a response to
   * write to (a WebSocket handshake's).
   */
  read(req: IncomingMessage): OpenedSessionCookie | undefined;
  /** The length of the cookie value that carries a session serialized as `json`. */
  valueLength(json: string): number;
  /** The cookies, name and value, that carry a session serialized as `json`. */
  cookiesFor(json: string): [name: string, value: string][];
}
