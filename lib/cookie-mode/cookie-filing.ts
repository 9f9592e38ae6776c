import type { IncomingMessage } from 'node:http';
import type { SessionMeta } from '../core/expiry.js';
import { trackedClient } from '../core/tracked-client.js';
import { cookieSessionKey, userIdOf } from '../core/user-keys.js';
import type { IndexedSession } from '../core/user-session-index.interface.js';
import type { CookieModeSettings } from './cookie-mode-settings.js';
import type { CookieRevocation } from './cookie-revocation.js';

/** What the request's cookie says it was recorded as. */
export interface FiledCookie {
  id: string;
  user: string | undefined;
  until: number;
}

/** What a cookie's bookkeeping says it was recorded as, if anything. */
export function filedCookie(meta: SessionMeta): FiledCookie | undefined {
  return typeof meta.id === 'string'
    ? { id: meta.id, user: meta.user, until: meta.until ?? 0 }
    : undefined;
}

/**
 * With `revocation`, records cookie-mode sessions under their users as their cookies are
 * written: on login, when the user changes, and when the cookie's expiry passes the entry's
 * `until` (its bookkeeping keeps `user` and `until`). Nothing but the entry tells when a cookie
 * expires, so `until` is its expiry plus a tenth of its lifetime: a session in use is recorded
 * again about every tenth of its lifetime, and its entry goes at most that long after it.
 * Logging out (destroying or regenerating the session) also refuses the old cookie from then on.
 */
export class CookieFiling {
  constructor(
    private readonly revocation: CookieRevocation,
    private readonly settings: CookieModeSettings,
  ) {}

  /**
   * Before a session's cookie is written: what the store must record. Updates `meta` (the
   * bookkeeping about to be serialized); returns the store's work, if any.
   */
  written(
    filed: FiledCookie | undefined,
    session: Record<string, unknown>,
    meta: SessionMeta,
    req: IncomingMessage | undefined,
    now: number,
  ): Promise<unknown> | undefined {
    const work: Promise<unknown>[] = [];
    const replaced = filed !== undefined && filed.id !== meta.id;
    if (replaced) {
      work.push(...this.ended(filed));
    }
    const user = userIdOf(session[this.settings.authKey]);
    const lifetime = meta.maxAge ?? this.settings.cookie.maxAge;
    const expiresAt = now + lifetime;
    if (user !== undefined && (user !== meta.user || expiresAt > (meta.until ?? 0))) {
      const until = expiresAt + Math.ceil(lifetime / 10);
      work.push(
        this.revocation.record(user, {
          key: cookieSessionKey(meta.id!),
          createdAt: meta.iat ?? now,
          seenAt: now,
          expiresAt,
          until,
          ...trackedClient(req, this.settings.track, this.settings.proxy),
        }),
      );
      meta.until = until;
    }
    if (!replaced && filed?.user !== undefined && filed.user !== user) {
      work.push(this.revocation.forget(filed.user, cookieSessionKey(filed.id)));
    }
    if (user === undefined) {
      delete meta.until;
    }
    meta.user = user;
    return work.length > 0 ? Promise.all(work) : undefined;
  }

  /** When a session's cookies are cleared (destroyed): refuses the old cookie. */
  destroyed(filed: FiledCookie | undefined): Promise<unknown> | undefined {
    const work = filed ? this.ended(filed) : [];
    return work.length > 0 ? Promise.all(work) : undefined;
  }

  /** Refuses the cookie of a filed session that ended. */
  private ended({ id, user, until }: FiledCookie): Promise<void>[] {
    if (user === undefined) {
      return [];
    }
    const entry: IndexedSession = {
      key: cookieSessionKey(id),
      createdAt: 0,
      seenAt: 0,
      expiresAt: until,
      until,
    };
    return [this.revocation.revoke(user, [entry])];
  }
}
