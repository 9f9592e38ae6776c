import { stamp } from '../core/expiry.js';
import { ReadOnlySessionState } from '../core/read-only-session-state.js';
import type { NoSessionReason } from '../core/request-context.js';
import { generateSessionId } from '../core/session-id.js';
import { isPopulated, META_KEY } from '../core/session-keys.js';
import type { SessionState } from '../core/session-state.interface.js';
import type {
  ReadOnlyReason,
  SocketSession,
  SocketSessionSource,
} from '../core/socket-session.interface.js';
import { SessionReadOnlyError } from '../errors/session-read-only.error.js';
import type { HashedIdStore } from './hashed-id.store.js';
import { isStoredSessionOver } from './session-expiry.js';
import {
  callStore,
  stampIfDue,
  type StoredSession,
  type StoreStateShared,
} from './store-session-state.js';

/** What express-session's `Session` needs of a request: where it is filed, and its store. */
interface SocketCarrier {
  sessionID: string;
  sessionStore: HashedIdStore;
  session?: StoredSession;
}

const IN_A_MESSAGE_HANDLER = 'a WebSocket message handler';

const STORE_UNAVAILABLE: NoSessionReason = {
  reason:
    'the session store is unavailable (a SessionStoreUnavailableError is logged); sessions ' +
    'come back by themselves as soon as it answers',
};

/**
 * Store mode over a WebSocket: the handshake's cookie gives the session ID, once per
 * connection; each message reads the session from the store (one read), so that a session
 * destroyed or regenerated elsewhere is gone at the next message, and saves what its handler
 * changed through express-session's `save()`: the hashed-ID store's per-key merge, which never
 * brings back a session destroyed meanwhile.
 */
export class StoreSocketSource implements SocketSessionSource {
  constructor(
    private readonly shared: StoreStateShared,
    private readonly store: HashedIdStore,
    private readonly sessionId: string | undefined,
  ) {}

  async load(readOnly?: ReadOnlyReason): Promise<SocketSession | NoSessionReason> {
    const { availability } = this.shared;
    const usable = availability.usable();
    if (usable !== true && !(await usable)) {
      return STORE_UNAVAILABLE;
    }
    const carrier: SocketCarrier = { sessionID: this.sessionId ?? '', sessionStore: this.store };
    if (this.sessionId !== undefined) {
      try {
        const data = await this.read(this.sessionId);
        if (data && !isStoredSessionOver(data, this.shared.limits)) {
          this.store.createSession(carrier as never, data);
        }
      } catch (error) {
        availability.failed(error);
        return STORE_UNAVAILABLE;
      }
    }
    const session = new StoreSocketSession(this.shared, carrier);
    return readOnly ? readOnlyView(session, readOnly) : session;
  }

  private read(id: string): Promise<StoredSession | null | undefined> {
    return new Promise((resolve, reject) =>
      this.store.get(id, (error, data) =>
        error ? reject(error) : resolve(data as StoredSession | null | undefined),
      ),
    );
  }
}

/**
 * One message's store-mode session, over express-session's `Session` as a request would have
 * it. Writes to the session the cookie names are saved once the handler is done (or at
 * `save()`); what needs a new cookie cannot be done, since a socket sends none: starting a
 * session, `regenerate()`, `setMaxAge()`. `touch()` moves the idle timeout on, not the
 * cookie's expiry, which the browser keeps until an HTTP response changes it.
 */
class StoreSocketSession implements SessionState, SocketSession {
  readonly mode = 'store' as const;
  #saved: string | undefined;
  #pendingId: string | undefined;

  constructor(
    private readonly shared: StoreStateShared,
    private readonly carrier: SocketCarrier,
  ) {
    this.#saved = carrier.session && JSON.stringify(carrier.session);
  }

  get state(): SessionState {
    return this;
  }

  get id(): string {
    return this.carrier.session
      ? this.carrier.sessionID
      : (this.#pendingId ??= generateSessionId());
  }

  get isNew(): boolean {
    return this.carrier.session === undefined;
  }

  get data(): StoredSession | undefined {
    return this.carrier.session;
  }

  writable(): StoredSession {
    return this.data ?? refuse('starting a session needs a new cookie');
  }

  async regenerate(): Promise<void> {
    refuse('regenerate() gives the session a new ID, which needs a new cookie');
  }

  async destroy(): Promise<void> {
    const existing = this.data;
    if (existing) {
      await callStore(this.shared.availability, (done) => existing.destroy(done));
    }
  }

  async save(): Promise<void> {
    const existing = this.data;
    if (existing) {
      stampIfDue(existing, this.shared.limits);
      await this.write(existing);
    }
  }

  touch(): void {
    const existing = this.data;
    if (existing) {
      stamp((existing[META_KEY] ??= {}), Date.now());
    }
  }

  setMaxAge(): void {
    refuse("setMaxAge() changes the cookie's lifetime, which needs a new cookie");
  }

  /** Saves what the handler changed, as an HTTP response's end would. */
  async settle(): Promise<void> {
    const existing = this.data;
    if (!existing) {
      return;
    }
    if (isPopulated(existing)) {
      stampIfDue(existing, this.shared.limits);
    }
    if (JSON.stringify(existing) !== this.#saved) {
      await this.write(existing);
    }
  }

  private async write(existing: StoredSession): Promise<void> {
    await callStore(this.shared.availability, (done) => existing.save(done));
    this.#saved = JSON.stringify(existing);
  }
}

function refuse(what: string): never {
  throw new SessionReadOnlyError(
    IN_A_MESSAGE_HANDLER,
    `${what}, and a WebSocket message cannot send one to the browser. Do it over HTTP (log ` +
      'in and out in a controller or a GraphQL mutation); message handlers can change the ' +
      'session the connection already has',
  );
}

/** The session as `load()` read it, for a handler whose writes nothing would save. */
function readOnlyView(session: StoreSocketSession, reason: ReadOnlyReason): SocketSession {
  const { mode, id, isNew, data } = session;
  return {
    state: new ReadOnlySessionState({ mode, id, isNew, data }, reason),
    settle: async () => undefined,
  };
}
