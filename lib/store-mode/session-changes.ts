const LOADED = Symbol('nestjs-session-kit:loaded');

/** The text each record a store read was parsed from, until it becomes a session. */
const storedJson = new WeakMap<object, string>();

/**
 * What one request changed in a session it loaded: the session as the request leaves it, and
 * the keys to write and to delete, worked out only when a store needs them.
 */
export class SessionChanges {
  /** The session as the request leaves it, serialized when the save began. */
  readonly current: string;
  #keys: { set: Record<string, unknown>; unset: string[] } | undefined;

  constructor(
    /**
     * The session as the request loaded it, serialized: the store's own text when it read one,
     * else a serialization that is most likely what the store holds.
     */
    readonly loaded: string,
    session: SessionObject,
  ) {
    this.current = JSON.stringify(session);
  }

  /** Keys set or changed since the session was loaded; the cookie always counts as changed. */
  get set(): Record<string, unknown> {
    return this.keys().set;
  }

  /** Keys deleted since the session was loaded. */
  get unset(): string[] {
    return this.keys().unset;
  }

  private keys(): { set: Record<string, unknown>; unset: string[] } {
    if (!this.#keys) {
      const before = JSON.parse(this.loaded) as Record<string, unknown>;
      const after = JSON.parse(this.current) as Record<string, unknown>;
      const set: Record<string, unknown> = { cookie: after.cookie };
      for (const key of Object.keys(after)) {
        if (key !== 'cookie' && JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
          set[key] = after[key];
        }
      }
      const unset = Object.keys(before).filter((key) => !Object.hasOwn(after, key));
      this.#keys = { set, unset };
    }
    return this.#keys;
  }
}

/**
 * Applies a request's changes on top of the latest stored version of its session, in one atomic
 * step, under the store key `key`. Resolves `false`, writing nothing, when the session is no
 * longer stored (destroyed or regenerated meanwhile): a late save never brings it back.
 */
export type SessionMerge = (
  key: string,
  changes: SessionChanges,
  expiresAt: number,
) => Promise<boolean>;

interface LoadedState {
  json: string;
  expires: number;
}

type SessionObject = Record<string, unknown> & { cookie?: { expires?: Date | string | null } };

/**
 * Parses a record a store read as JSON text, and keeps that text as the record's loaded
 * snapshot, so that `rememberLoaded` need not serialize the session again.
 */
export function parseStored<T>(json: string): T {
  const record = JSON.parse(json) as T & object;
  storedJson.set(record, json);
  return record;
}

/** Remembers what a session loaded from the store looked like: `stored` is the record read. */
export function rememberLoaded(session: SessionObject, stored: object): void {
  const state: LoadedState = {
    json: storedJson.get(stored) ?? JSON.stringify(session),
    expires: expiresOf(session),
  };
  Object.defineProperty(session, LOADED, { value: state, configurable: true });
}

/** What a request changed in `session`, or `undefined` for a session this request created. */
export function changesSinceLoaded(session: SessionObject): SessionChanges | undefined {
  const loaded = (session as { [LOADED]?: LoadedState })[LOADED];
  return loaded && new SessionChanges(loaded.json, session);
}

/**
 * Whether renewing the stored expiry of an unchanged session is worth a store write: only once
 * a tenth of its lifetime has passed since it was loaded, so read-only requests write nothing.
 */
export function isTouchDue(
  session: SessionObject & { cookie?: { originalMaxAge?: number | null } },
): boolean {
  const loaded = (session as { [LOADED]?: LoadedState })[LOADED];
  const lifetime = session.cookie?.originalMaxAge;
  if (!loaded || !lifetime) {
    return true;
  }
  return expiresOf(session) - loaded.expires >= lifetime / 10;
}

/**
 * The stored record `stored` (JSON text) with a request's `changes` applied, serialized. When
 * the store still holds the session exactly as the request loaded it, that is the session as
 * the request leaves it.
 */
export function mergedRecord(stored: string, changes: SessionChanges): string {
  return mergedRecords(stored, [changes]);
}

/**
 * `stored` with the changes of several requests applied in turn, parsed and serialized once.
 * The first request's session as it leaves it, when the store holds the session exactly as that
 * request loaded it.
 */
export function mergedRecords(stored: string, changes: readonly SessionChanges[]): string {
  const [first, ...rest] = changes;
  if (stored === first.loaded && rest.length === 0) {
    return first.current;
  }
  let merged: Record<string, unknown> = JSON.parse(
    stored === first.loaded ? first.current : stored,
  );
  for (const { set, unset } of stored === first.loaded ? rest : changes) {
    // Spread, not Object.assign: a key named __proto__ stays a key (JSON.parse makes it one).
    merged = { ...merged, ...set };
    for (const key of unset) {
      delete merged[key];
    }
  }
  return JSON.stringify(merged);
}

function expiresOf(session: SessionObject): number {
  const expires = session.cookie?.expires;
  return expires ? new Date(expires).getTime() : 0;
}
