import type { NoSessionReason } from './request-context.js';
import type { SessionState } from './session-state.interface.js';

/** One WebSocket message's session, and how what its handler changed is kept. */
export interface SocketSession {
  readonly state: SessionState;
  /** Once the handler is done: saves what it changed (store mode); nothing in cookie mode. */
  settle(): Promise<void>;
}

/**
 * What a driver made of one WebSocket connection's handshake cookie, once per connection; each
 * message loads its session from it.
 */
export interface SocketSessionSource {
  /**
   * The session of one message: read from the store (store mode, one read), or from the cookie
   * opened at the handshake (cookie mode). With `readOnly`, writes throw `SessionReadOnlyError`
   * naming `readOnly.where` and saying `readOnly.why`.
   */
  load(readOnly?: ReadOnlyReason): Promise<SocketSession | NoSessionReason>;
}

/** Where a session is read-only, and why, for `SessionReadOnlyError`. */
export interface ReadOnlyReason {
  readonly where: string;
  readonly why: string;
}
