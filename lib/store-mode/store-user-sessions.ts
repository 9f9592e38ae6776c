import { META_KEY } from '../core/session-keys.js';
import type { SessionInfo } from '../core/session-info.interface.js';
import type { SessionSettings } from '../core/session-settings.js';
import type { SessionState } from '../core/session-state.interface.js';
import type { ExpiryLimits, SessionMeta } from '../core/expiry.js';
import { storeFailure } from '../core/store-outage.js';
import { userIdOf, userIndexKey } from '../core/user-keys.js';
import type { IndexedSession } from '../core/user-session-index.interface.js';
import { UserSessions } from '../core/user-sessions.js';
import { SessionConfigError } from '../errors/session-config.error.js';
import type { HashedIdStore } from './hashed-id.store.js';
import type { OpenedStore } from './opened-store.interface.js';
import { isStoredSessionOver, sessionLifetime } from './session-expiry.js';

/** A session of a user that is still stored, and what its record says. */
interface LiveSession {
  entry: IndexedSession;
  meta: SessionMeta;
  lifetime: number;
  /** When the store lets it expire. */
  storedUntil: number;
}

type StoredSessionRecord = Parameters<typeof isStoredSessionOver>[0] & Record<string, unknown>;

/**
 * Store mode's users' sessions: the index names them, the records say whether they live. Entries
 * whose session is gone, expired or now another user's are dropped from the index as they are
 * met; ending a session deletes its record, so it is gone on every instance at once.
 */
export class StoreUserSessions extends UserSessions {
  constructor(
    private readonly opened: OpenedStore,
    private readonly hashedStore: HashedIdStore,
    settings: SessionSettings,
    private readonly limits: ExpiryLimits,
  ) {
    super(settings.authKey, settings.track);
  }

  protected assertSupported(call: string): void {
    if (!this.opened.index) {
      throw new SessionConfigError([
        `${call}(): your ${this.opened.store.constructor.name} keeps no index of each user's ` +
          "sessions; use a built-in store ('memory', 'redis', 'postgres' or 'sqlite'), or " +
          "implement UserSessionIndex on your store (README: 'Your own store')",
      ]);
    }
  }

  protected async listOf(user: string, current: SessionState | undefined): Promise<SessionInfo[]> {
    const currentKey = this.keyOf(current);
    return (await this.liveSessions(user)).map(({ entry, meta, lifetime, storedUntil }) => {
      const { idleTimeout, absoluteTimeout } = this.limits;
      const expiresAt = Math.min(
        storedUntil,
        idleTimeout === undefined ? Infinity : (meta.seen ?? entry.seenAt) + idleTimeout,
        absoluteTimeout === undefined ? Infinity : (meta.iat ?? entry.createdAt) + absoluteTimeout,
      );
      // Every use renews the stored expiry to one lifetime ahead (throttled to a tenth of it).
      const lastSeenAt = Math.max(storedUntil - lifetime, meta.seen ?? 0, entry.createdAt);
      return this.sessionInfo(entry, entry.key === currentKey, lastSeenAt, expiresAt);
    });
  }

  protected async liveEntries(user: string): Promise<IndexedSession[]> {
    return (await this.liveSessions(user)).map(({ entry }) => entry);
  }

  protected async endAll(
    user: string,
    exceptCurrent: boolean,
    current: SessionState | undefined,
  ): Promise<number> {
    const currentKey = exceptCurrent ? this.keyOf(current) : undefined;
    const ended = (await this.liveEntries(user)).filter(({ key }) => key !== currentKey);
    await this.end(user, ended, current);
    return ended.length;
  }

  /** The store key of the request's session, when it has one. */
  private keyOf(current: SessionState | undefined): string | undefined {
    return current?.mode === 'store' && current.data
      ? this.hashedStore.keyOf(current.id)
      : undefined;
  }

  /** `user`'s sessions that are still stored and still theirs; drops the other entries. */
  private async liveSessions(user: string): Promise<LiveSession[]> {
    const index = this.opened.index!;
    const userKey = userIndexKey(user);
    try {
      const entries = await index.indexedSessions(userKey);
      const records = await index.storedRecords(entries.map(({ key }) => key));
      const live: LiveSession[] = [];
      const dropped: string[] = [];
      entries.forEach((entry, i) => {
        const record = parseRecord(records[i]?.json);
        if (
          record &&
          userIdOf(record[this.authKey]) === user &&
          !isStoredSessionOver(record, this.limits)
        ) {
          live.push({
            entry,
            meta: record[META_KEY] ?? {},
            lifetime: sessionLifetime(record),
            storedUntil: records[i]!.expiresAt,
          });
        } else {
          dropped.push(entry.key);
        }
      });
      if (dropped.length > 0) {
        await index.unindexSessions(userKey, dropped);
      }
      return live;
    } catch (error) {
      throw storeFailure(this.opened.availability, error);
    }
  }

  /**
   * Ends `user`'s sessions `entries`: the request's own through its state (which also clears its
   * cookie), the others by deleting their records.
   */
  protected async end(
    user: string,
    entries: readonly IndexedSession[],
    current: SessionState | undefined,
  ): Promise<void> {
    const currentKey = this.keyOf(current);
    const others = entries.map(({ key }) => key).filter((key) => key !== currentKey);
    const { store, index } = this.opened;
    try {
      await Promise.all([
        ...others.map(
          (key) =>
            new Promise<void>((resolve, reject) =>
              store.destroy(key, (error) => (error ? reject(error) : resolve())),
            ),
        ),
        index!.unindexSessions(userIndexKey(user), others),
      ]);
    } catch (error) {
      throw storeFailure(this.opened.availability, error);
    }
    if (entries.some(({ key }) => key === currentKey)) {
      await current!.destroy();
    }
  }
}

/** A stored record's JSON as an object; `undefined` for anything else. */
function parseRecord(json: string | undefined): StoredSessionRecord | undefined {
  if (json === undefined) {
    return undefined;
  }
  try {
    const record: unknown = JSON.parse(json);
    return record && typeof record === 'object' ? (record as StoredSessionRecord) : undefined;
  } catch {
    return undefined;
  }
}
