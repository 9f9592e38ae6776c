const LOADED = Symbol('nestjs-session-kit:loaded');

/** What one request changed in a session it loaded: keys to write and keys to delete. */
export interface SessionChanges {
  set: Record<string, unknown>;
  unset: string[];
  /** The session as the request loaded it, serialized: most likely what the store holds. */
  loaded: string;
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

/** Remembers what a session loaded from the store looked like. */
export function rememberLoaded(session: SessionObject): void {
  const state: LoadedState = { json: JSON.stringify(session), expires: expiresOf(session) };
  Object.defineProperty(session, LOADED, { value: state, configurable: true });
}

/**
 * The keys a request set, changed or deleted since its session was loaded (the cookie always
 * counts as changed), or `undefined` for a session this request created.
 */
export function changesSinceLoaded(session: SessionObject): SessionChanges | undefined {
  const loaded = (session as { [LOADED]?: LoadedState })[LOADED];
  if (!loaded) {
    return undefined;
  }
  const before = JSON.parse(loaded.json) as Record<string, unknown>;
  const set: Record<string, unknown> = { cookie: session.cookie };
  for (const key of Object.keys(session)) {
    if (key !== 'cookie' && JSON.stringify(before[key]) !== JSON.stringify(session[key])) {
      set[key] = session[key];
    }
  }
  const unset = Object.keys(before).filter((key) => !Object.hasOwn(session, key));
  return { set, unset, loaded: loaded.json };
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

/** `record` with `changes` applied. */
export function applyChanges<T extends Record<string, unknown>>(
  record: T,
  changes: SessionChanges,
): T {
  const merged: Record<string, unknown> = { ...record, ...JSON.parse(JSON.stringify(changes.set)) };
  for (const key of changes.unset) {
    delete merged[key];
  }
  return merged as T;
}

function expiresOf(session: SessionObject): number {
  const expires = session.cookie?.expires;
  return expires ? new Date(expires).getTime() : 0;
}
