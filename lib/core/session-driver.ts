import type { IncomingMessage, ServerResponse } from 'node:http';
import { leaveWithoutSession, runWithSession, type NoSessionReason } from './request-context.js';
import type { SessionMode } from './session-settings.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';
import type { SocketSessionSource } from './socket-session.interface.js';
import type { UserSessions } from './user-sessions.js';

type Next = (error?: unknown) => void;
/** Called once the request's session is loaded, or with why it could not be. */
type Opened = (error: unknown, state?: SessionState) => void;

/**
 * One implementation per mode. The driver provider picks one at start-up; nothing else in the
 * library asks which mode is running. The class doubles as the DI token.
 */
export abstract class SessionDriver {
  abstract readonly mode: SessionMode;
  /** Each user's sessions, as this mode keeps them. */
  abstract readonly userSessions: UserSessions;

  /** @param cookiePath the session cookie's `Path`: browsers send it to no other route */
  constructor(private readonly cookiePath: string) {}

  /**
   * Loads the request's session, then runs the rest of the request with it: on the request
   * for `@Session()` and the guards, and current for `SessionService`.
   */
  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    if (this.cookiePath !== '/' && !this.isUnderCookiePath(req)) {
      leaveWithoutSession(req, this.outsideCookiePath('this route'));
      return next();
    }
    this.open(req, res, (error, state) => {
      if (error || !state) {
        return next(error);
      }
      runWithSession(req, state, next);
    });
  };

  /**
   * Reads what a WebSocket connection's handshake cookie says of the session, once per
   * connection; each message of the connection then loads its session from the result.
   */
  openSocket(handshake: IncomingMessage): SocketSessionSource | NoSessionReason {
    if (this.cookiePath !== '/' && !this.isUnderCookiePath(handshake)) {
      return this.outsideCookiePath("this WebSocket's handshake URL");
    }
    return this.socketSource(handshake);
  }

  /** Releases what the driver opened (store connections, timers). */
  abstract close(): Promise<void>;

  /**
   * Starts a session holding `data` outside any request, written exactly as a request would
   * write it, and returns the `Cookie` request header value that carries it. Backs
   * `sessionCookie` of `nestjs-session-kit/testing`. Reserved keys in `data` are ignored.
   */
  abstract issueCookie(data: SessionRecord): Promise<string>;

  /** Runs the underlying session middleware, and hands over the request's session. */
  protected abstract open(req: IncomingMessage, res: ServerResponse, done: Opened): void;

  /** What `openSocket` does once the handshake is known to carry the session cookie. */
  protected abstract socketSource(handshake: IncomingMessage): SocketSessionSource;

  private outsideCookiePath(what: string): NoSessionReason {
    return {
      reason:
        `${what} is outside the session cookie's path ("${this.cookiePath}"), where browsers ` +
        `never send it; set cookie.path to a path ${what} is under, or leave the session ` +
        'alone here',
    };
  }

  /** express-session's rule: the request's path starts with the cookie's. */
  private isUnderCookiePath(req: IncomingMessage): boolean {
    const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const query = url.indexOf('?');
    return (query === -1 ? url : url.slice(0, query)).startsWith(this.cookiePath);
  }
}
