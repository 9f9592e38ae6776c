import type { SessionMode } from './session-settings.js';

/** The session object as the underlying middleware keeps it on the request. */
export type SessionRecord = Record<string, unknown>;

/**
 * One request's session as a driver exposes it to `SessionHandle`: the only per-request
 * surface where the two modes differ.
 */
export interface SessionState {
  readonly mode: SessionMode;
  readonly id: string;
  readonly isNew: boolean;
  /** The live session object, or `undefined` once destroyed. Reading never creates a session. */
  readonly data: SessionRecord | undefined;
  /** The live session object, starting a new session if this one was destroyed. */
  writable(): SessionRecord;
  regenerate(keepData: boolean): Promise<void>;
  destroy(): Promise<void>;
  save(): Promise<void>;
  touch(): void;
  /** This session's lifetime from now on, in ms: its cookie, stored record and payload follow. */
  setMaxAge(milliseconds: number): void;
}
