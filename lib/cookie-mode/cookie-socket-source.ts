import { ReadOnlySessionState } from '../core/read-only-session-state.js';
import type { SessionMeta } from '../core/expiry.js';
import { generateSessionId } from '../core/session-id.js';
import { META_KEY } from '../core/session-keys.js';
import type { SessionRecord } from '../core/session-state.interface.js';
import type {
  ReadOnlyReason,
  SocketSession,
  SocketSessionSource,
} from '../core/socket-session.interface.js';
import type { NoSessionReason } from '../core/request-context.js';
import { userIdOf } from '../core/user-keys.js';
import type { CookieStateShared } from './cookie-session-state.js';
import { isLive, isRevoked } from './cookie-session-state.js';
import { parseObject } from './parse-object.js';

/** Why a cookie-mode session is read-only over a WebSocket, and what to do instead. */
const NO_COOKIE_OVER_SOCKETS =
  'in cookie mode the session lives in the cookie, and a WebSocket message cannot send a ' +
  'cookie to the browser. Read it here and write it over HTTP (a controller, or a GraphQL ' +
  "mutation), or use store mode (mode: 'store'), where message handlers can write the session";

const IN_A_MESSAGE_HANDLER = 'a WebSocket message handler';

const REVOCATIONS_UNAVAILABLE: NoSessionReason = {
  reason:
    'the revocation store is unavailable (a SessionStoreUnavailableError is logged); sessions ' +
    'come back by themselves as soon as it answers',
};

/**
 * Cookie mode over a WebSocket: the handshake's cookie is opened once, for the connection, and
 * every message reads that session, frozen (writes throw `SessionReadOnlyError`). Its expiry is
 * checked at each message, since a connection can outlive it, and so are its user's
 * revocations with the `revocation` option (cached, as over HTTP). Without it, stateless as over
 * HTTP: a logout elsewhere does not reach a connection opened before it, until the cookie's own
 * expiry.
 */
export class CookieSocketSource implements SocketSessionSource {
  readonly #data: SessionRecord | undefined;
  #pendingId: string | undefined;

  constructor(
    private readonly shared: CookieStateShared,
    json: string | undefined,
  ) {
    const data = json === undefined ? undefined : parseObject(json);
    this.#data = data && deepFreeze(data);
  }

  async load(readOnly?: ReadOnlyReason): Promise<SocketSession | NoSessionReason> {
    const meta = this.#data?.[META_KEY] as SessionMeta | undefined;
    let data = isLive(meta, this.shared.limits) ? this.#data : undefined;
    const user = data && this.shared.revocation && userIdOf(data[this.shared.settings.authKey]);
    if (user !== undefined) {
      const { refused } = this.shared.revocation!;
      try {
        await refused.prepare(user);
      } catch (error) {
        refused.store.availability.failed(error);
        return REVOCATIONS_UNAVAILABLE;
      }
      data = isRevoked(this.shared, data!) ? undefined : data;
    }
    const snapshot = {
      mode: 'cookie' as const,
      id: (data && meta?.id) || (this.#pendingId ??= generateSessionId()),
      isNew: data === undefined,
      data,
    };
    const reason = { where: readOnly?.where ?? IN_A_MESSAGE_HANDLER, why: NO_COOKIE_OVER_SOCKETS };
    return { state: new ReadOnlySessionState(snapshot, reason), settle: async () => undefined };
  }
}

/** Freezes `value` and everything in it, so that no handler changes what the next one reads. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) {
      deepFreeze(inner);
    }
  }
  return value;
}
