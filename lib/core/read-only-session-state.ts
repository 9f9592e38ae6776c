import { SessionReadOnlyError } from '../errors/session-read-only.error.js';
import type { SessionMode } from './session-settings.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';
import type { ReadOnlyReason } from './socket-session.interface.js';

/** What a read-only session shows. */
export interface SessionSnapshot {
  readonly mode: SessionMode;
  readonly id: string;
  readonly isNew: boolean;
  readonly data: SessionRecord | undefined;
}

/**
 * A session that can be read and not written, where nothing could carry a write to the browser
 * or the store: every write throws `SessionReadOnlyError`; `save()` has nothing to do.
 */
export class ReadOnlySessionState implements SessionState {
  readonly mode: SessionMode;
  readonly id: string;
  readonly isNew: boolean;
  readonly data: SessionRecord | undefined;

  constructor(
    { mode, id, isNew, data }: SessionSnapshot,
    private readonly readOnly: ReadOnlyReason,
  ) {
    this.mode = mode;
    this.id = id;
    this.isNew = isNew;
    this.data = data;
  }

  writable(): SessionRecord {
    throw this.refusal();
  }

  async regenerate(): Promise<void> {
    throw this.refusal();
  }

  async destroy(): Promise<void> {
    throw this.refusal();
  }

  async save(): Promise<void> {}

  touch(): void {
    throw this.refusal();
  }

  setMaxAge(): void {
    throw this.refusal();
  }

  private refusal(): SessionReadOnlyError {
    return new SessionReadOnlyError(this.readOnly.where, this.readOnly.why);
  }
}
