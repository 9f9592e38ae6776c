import type { Request, Response } from 'express';
import type session from 'express-session';
import {
  needsRefresh,
  stamp,
  type ExpiryLimits,
  type SessionMeta,
} from '../expiry/session-meta.js';
import { applicationData, isPopulated, META_KEY } from '../session-keys.js';
import type { StoreAvailability } from '../stores/store-availability.js';
import type { SessionRecord, SessionState } from './session-state.interface.js';
import { storeFailure } from './store-outage.js';

/** Set on a request whose session express-session generated rather than loaded. */
export const CREATED_HERE = Symbol('nestjs-session-kit:created-here');

export type StoreRequest = Request & { [CREATED_HERE]?: boolean };
export type StoredSession = session.Session & SessionRecord & { [META_KEY]?: SessionMeta };

/** What the states of all requests share: made once by the driver. */
export interface StoreStateShared {
  cookieName: string;
  cookiePath: string | undefined;
  cookieDomain: string | undefined;
  limits: ExpiryLimits;
  availability: StoreAvailability;
}

/** One request's store-mode session, over express-session's `req.session`. */
export class StoreSessionState implements SessionState {
  readonly mode = 'store';

  constructor(
    private readonly shared: StoreStateShared,
    private readonly req: StoreRequest,
    private readonly res: Response,
  ) {
    // Wraps express-session's own `res.end`, so it runs before express-session decides
    // whether to save: a kept session carries timestamps.
    const end = res.end;
    res.end = ((...args: Parameters<Response['end']>) => {
      const existing = this.data;
      if (existing && isPopulated(existing)) {
        this.stampIfDue(existing);
      }
      return end.apply(res, args);
    }) as Response['end'];
  }

  get id(): string {
    return this.req.sessionID;
  }

  get isNew(): boolean {
    return this.req[CREATED_HERE] === true;
  }

  get data(): StoredSession | undefined {
    return this.req.session as StoredSession | undefined;
  }

  writable(): StoredSession {
    return this.data ?? this.startNew();
  }

  async regenerate(keepData: boolean): Promise<void> {
    const existing = this.data;
    const kept = keepData ? applicationData(existing) : {};
    if (existing) {
      await this.settle((done) => existing.regenerate(done));
    } else {
      this.startNew();
    }
    Object.assign(this.data!, kept);
  }

  async destroy(): Promise<void> {
    const existing = this.data;
    if (existing) {
      await this.settle((done) => existing.destroy(done));
    }
    const { cookieName, cookiePath, cookieDomain } = this.shared;
    this.res.clearCookie(cookieName, { path: cookiePath, domain: cookieDomain });
  }

  async save(): Promise<void> {
    const existing = this.data;
    if (existing) {
      this.stampIfDue(existing);
      await this.settle((done) => existing.save(done));
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

  private startNew(): StoredSession {
    this.req.sessionStore.generate(this.req);
    return this.data!;
  }

  private stampIfDue(existing: StoredSession): void {
    const now = Date.now();
    const meta = (existing[META_KEY] ??= {});
    if (meta.iat === undefined || needsRefresh(meta, now, this.shared.limits)) {
      stamp(meta, now);
    }
  }

  /** Runs a callback-style session method; a store error becomes the 503 of an outage. */
  private settle(run: (done: (error?: unknown) => void) => void): Promise<void> {
    const { availability } = this.shared;
    return new Promise<void>((resolve, reject) =>
      run((error) => (error ? reject(storeFailure(availability, error)) : resolve())),
    );
  }
}
