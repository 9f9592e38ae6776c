import type { SessionData } from 'express-session';
import type { IncomingMessage } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { SessionMeta } from '../core/expiry.js';
import { META_KEY } from '../core/session-keys.js';
import { trackedClient, type TrackSettings } from '../core/tracked-client.js';
import { userIdOf, userIndexKey } from '../core/user-keys.js';
import type { UserSessionIndex } from '../core/user-session-index.interface.js';
import { sessionExpiresAt, sessionLifetime } from './session-expiry.js';

/** A session record as express-session hands it to the store: `req` is its own, unlisted. */
type SavedSession = SessionData & {
  [key: string]: unknown;
  [META_KEY]?: SessionMeta;
  req?: IncomingMessage;
};

/** What filing needs of the options. */
export interface FilingSettings {
  authKey: string;
  track: TrackSettings;
  proxy: boolean;
}

/** How many session IDs' users are remembered for `destroyed()`: more than requests in flight. */
const RECENT_USERS = 10_000;

/**
 * Keeps store mode's user index true as sessions are saved, touched and destroyed. A session is
 * filed under the user its `authKey` names; its record remembers which user and until when the
 * index keeps it (`user`, `until` in its bookkeeping), so that a save knows without asking the
 * store whether the index needs a write: only when the user changed (login, logout), or when
 * the session's expiry moved past `until`. `until` is its expiry plus one lifetime, so a session
 * in use is refiled about once per lifetime, and an entry outlives its session.
 */
export class UserFiling {
  /** The user each recently loaded or filed session is filed under, by session ID. */
  private readonly filedUsers = new LRUCache<string, string>({ max: RECENT_USERS });

  constructor(
    private readonly index: UserSessionIndex,
    private readonly settings: FilingSettings,
  ) {}

  /** Remembers who a loaded session is filed under, for `destroyed()`. */
  loaded(sid: string, record: SavedSession): void {
    const user = record[META_KEY]?.user;
    if (user !== undefined) {
      this.filedUsers.set(sid, user);
    }
  }

  /** Whether saving `data` must write the index first (or after). */
  isDue(data: SavedSession): boolean {
    const meta = data[META_KEY];
    const user = userIdOf(data[this.settings.authKey]);
    return (
      user !== meta?.user ||
      (user !== undefined && sessionExpiresAt(data) > (meta?.until ?? -Infinity))
    );
  }

  /**
   * Saves a session whose filing `isDue`: files it under its user before `write` stores its
   * record (so no stored session of a user is ever missing from the index), and takes it out of
   * the index of the user it was filed under, if another, after.
   */
  async save(sid: string, key: string, data: SavedSession, write: () => Promise<unknown>) {
    const meta = (data[META_KEY] ??= {});
    const filed = meta.user;
    const user = userIdOf(data[this.settings.authKey]);
    if (user === undefined) {
      delete meta.user;
      delete meta.until;
      this.filedUsers.delete(sid);
    } else {
      const now = Date.now();
      const expiresAt = sessionExpiresAt(data);
      const until = expiresAt + sessionLifetime(data);
      await this.index.indexSession(userIndexKey(user), {
        key,
        createdAt: meta.iat ?? now,
        seenAt: now,
        expiresAt,
        until,
        ...trackedClient(data.req, this.settings.track, this.settings.proxy),
      });
      meta.user = user;
      meta.until = until;
      this.filedUsers.set(sid, user);
    }
    await write();
    if (filed !== undefined && filed !== user) {
      await this.index.unindexSessions(userIndexKey(filed), [key]);
    }
  }

  /** Takes a destroyed session out of its user's index, when this process knows the user. */
  async destroyed(sid: string, key: string): Promise<void> {
    const user = this.filedUsers.get(sid);
    if (user !== undefined) {
      this.filedUsers.delete(sid);
      await this.index.unindexSessions(userIndexKey(user), [key]);
    }
  }

  /**
   * Refiles a session whose record moved from `from` to `to` (rotated secrets): the entry keeps
   * what it recorded at login.
   */
  async moved(record: SavedSession, from: string, to: string): Promise<void> {
    const user = record[META_KEY]?.user;
    if (user === undefined) {
      return;
    }
    const userKey = userIndexKey(user);
    const entry = (await this.index.indexedSessions(userKey)).find(({ key }) => key === from);
    if (entry) {
      await this.index.indexSession(userKey, { ...entry, key: to });
      await this.index.unindexSessions(userKey, [from]);
    }
  }
}
