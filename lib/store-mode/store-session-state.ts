import { serialize } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type session from 'express-session';
import {
  cappedLifetime,
  needsRefresh,
  stamp,
  type ExpiryLimits,
  type SessionMeta,
} from '../core/expiry.js';
import { applicationData, isPopulated, META_KEY } from '../core/session-keys.js';
import type { SessionRecord, SessionState } from '../core/session-state.interface.js';
import type { StoreAvailability } from '../core/store-availability.js';
import { storeFailure } from '../core/store-outage.js';

/** A request as express-session leaves it. */
export type StoreRequest = IncomingMessage & {
  session?: StoredSession;
  sessionID: string;
  /** `generate` is set on the store by express-session's middleware. */
  sessionStore: session.Store & { generate(req: StoreRequest): void };
};
export type StoredSession = session.Session & SessionRecord & { [META_KEY]?: SessionMeta };

/** What the states of all requests share: made once by the driver. */
export interface StoreStateShared {
  cookieName: string;
  cookiePath: string;
  cookieDomain: string | undefined;
  limits: ExpiryLimits;
  availability: StoreAvailability;
  /** Requests whose session express-session generated rather than loaded. */
  created: WeakSet<object>;
}

/** One request's store-mode session, over express-session's `req.session`. */
export class StoreSessionState implements SessionState {
  readonly mode = 'store';

  constructor(
    private readonly shared: StoreStateShared,
    private readonly req: StoreRequest,
    private readonly res: ServerResponse,
  ) {
    // Wraps express-session's own `res.end`, so it runs before express-session decides
    // whether to save: a kept session carries timestamps.
    const end = res.end;
    res.end = ((...args: Parameters<ServerResponse['end']>) => {
      const existing = this.data;
      if (existing && isPopulated(existing)) {
        stampIfDue(existing, this.shared.limits);
      }
      return end.apply(res, args);
    }) as ServerResponse['end'];
  }

  get id(): string {
    return this.req.sessionID;
  }

  get isNew(): boolean {
    return this.shared.created.has(this.req);
  }

  get data(): StoredSession | undefined {
    return this.req.session;
  }

  writable(): StoredSession {
    return this.data ?? startNewSession(this.req);
  }

  async regenerate(keepData: boolean): Promise<void> {
    const existing = this.data;
    const kept = keepData ? applicationData(existing) : {};
    if (existing) {
      await callStore(this.shared.availability, (done) => existing.regenerate(done));
    } else {
      startNewSession(this.req);
    }
    Object.assign(this.req.session!, kept);
  }

  /** Deletes the stored record and clears the cookie; a later write starts a new session. */
  async destroy(): Promise<void> {
    const existing = this.data;
    if (existing) {
      await callStore(this.shared.availability, (done) => existing.destroy(done));
    }
    const { cookieName, cookiePath, cookieDomain } = this.shared;
    const cleared = { path: cookiePath, domain: cookieDomain, expires: new Date(0) };
    this.res.appendHeader('Set-Cookie', serialize(cookieName, '', cleared));
  }

  async save(): Promise<void> {
    const existing = this.data;
    if (existing) {
      stampIfDue(existing, this.shared.limits);
      await callStore(this.shared.availability, (done) => existing.save(done));
    }
  }

  touch(): void {
    const existing = this.data;
    if (existing) {
      existing.touch();
      // A changed record is what makes express-session re-send the cookie with a new expiry.
      stamp((existing[META_KEY] ??= {}), Date.now());
    }
  }

  /**
   * The stored session's cookie carries its lifetime (`originalMaxAge`, from which express-session
   * renews it on every request): set both, and stamp the record so that it is saved.
   */
  setMaxAge(milliseconds: number): void {
    const session = this.writable();
    const meta = (session[META_KEY] ??= {});
    const now = Date.now();
    const lifetime = cappedLifetime(milliseconds, meta.iat, now, this.shared.limits);
    session.cookie.maxAge = lifetime;
    session.cookie.originalMaxAge = lifetime;
    stamp(meta, now);
  }
}

/** Runs a callback-style session method; a store error becomes the 503 of an outage. */
export function callStore(
  availability: StoreAvailability,
  run: (done: (error?: unknown) => void) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    run((error) => (error ? reject(storeFailure(availability, error)) : resolve())),
  );
}

/**
 * Stamps a kept session that was never stamped, or is due a refresh (`needsRefresh`): it is
 * then saved, and its idle timeout starts again.
 */
export function stampIfDue(existing: StoredSession, limits: ExpiryLimits): void {
  const now = Date.now();
  const meta = (existing[META_KEY] ??= {});
  if (meta.iat === undefined || needsRefresh(meta, now, limits)) {
    stamp(meta, now);
  }
}

/**
 * Gives the request a new, empty session, after express-session's `destroy()` left it without
 * one. express-session has no public way to do it: its middleware puts `generate` on the store.
 */
export function startNewSession(req: StoreRequest): StoredSession {
  req.sessionStore.generate(req);
  return req.session!;
}
