import { Injectable } from '@nestjs/common';
import { currentSession } from './request-context.js';
import type { SessionData } from './session-data.interface.js';
import { SessionHandle } from './session-handle.js';
import type { SessionState } from './session-state.interface.js';

/**
 * The current request's session, injectable anywhere: a `SessionHandle` on whichever request is
 * being handled, found through `AsyncLocalStorage`, so injecting it never makes a provider
 * request-scoped. Outside a request that ran the session middleware its members throw
 * `NoActiveSessionError`.
 */
@Injectable()
export class SessionService<T extends object = SessionData> extends SessionHandle<T> {
  protected get state(): SessionState {
    return currentSession().state;
  }
}
