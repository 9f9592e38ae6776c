import type { NextFunction, Request, Response } from 'express';
import type { SessionMode } from '../interfaces/session-module-options.interface.js';
import { attachState, sessionContext } from '../session-context.js';
import { SessionHandle } from '../session-handle.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';

/**
 * One implementation per mode. The driver provider picks one at start-up; nothing else in the
 * library asks which mode is running. The class doubles as the DI token.
 */
export abstract class SessionDriver {
  abstract readonly mode: SessionMode;

  /** @param cookiePath the session cookie's `Path`: browsers send it to no other route */
  constructor(private readonly cookiePath: string) {}

  /**
   * Loads the request's session, then runs the rest of the request with its state on the
   * request and its handle in `sessionContext`.
   */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.cookiePath !== '/' && !this.isUnderCookiePath(req)) {
      attachState(req, {
        reason:
          `this route is outside the session cookie's path ("${this.cookiePath}"), where ` +
          'browsers never send it; set cookie.path to a path this route is under, or ' +
          'leave the session alone here',
      });
      return next();
    }
    this.load(req, res, (error?: unknown) => {
      if (error) {
        return next(error);
      }
      const state = this.stateOf(req, res);
      attachState(req, state);
      sessionContext.run(new SessionHandle<object>(state), next);
    });
  };

  /** express-session's rule: the request's path starts with the cookie's. */
  private isUnderCookiePath(req: Request): boolean {
    const url = req.originalUrl ?? req.url;
    const query = url.indexOf('?');
    return (query === -1 ? url : url.slice(0, query)).startsWith(this.cookiePath);
  }

  /** Releases what the driver opened (store connections, timers). */
  abstract close(): Promise<void>;

  /**
   * Starts a session holding `data` outside any request, written exactly as a request would
   * write it, and returns the `Cookie` request header value that carries it. Backs
   * `sessionCookie` of `nestjs-session-kit/testing`. Reserved keys in `data` are ignored.
   */
  abstract issueCookie(data: SessionRecord): Promise<string>;

  /** Runs the underlying session middleware. */
  protected abstract load(req: Request, res: Response, next: (error?: unknown) => void): void;

  protected abstract stateOf(req: Request, res: Response): SessionState;
}
