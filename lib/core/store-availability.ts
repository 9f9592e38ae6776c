import { Logger } from '@nestjs/common';
import { SessionStoreUnavailableError } from '../errors/session-store-unavailable.error.js';

/** While the store is down, how often a request may check whether it is back. */
const PROBE_INTERVAL_MS = 1000;

/**
 * How a failure affects the other requests: `whole`, the store is down for every request until
 * a probe finds it back (one server, or one master behind Sentinel); `parts`, only the requests
 * whose data is on the part that failed are (a Redis Cluster, each master serving its slots).
 */
export type FailureScope = 'whole' | 'parts';

/**
 * Whether a session store answers. The first failure opens an outage, logged once as a
 * `SessionStoreUnavailableError`; while it lasts, a probe runs at most once a second, and the
 * outage ends (logged too) as soon as the store answers.
 */
export class StoreAvailability {
  private outage: SessionStoreUnavailableError | undefined;
  private probing: Promise<boolean> | undefined;
  private nextProbeAt = 0;
  private readonly logger = new Logger('SessionStore');

  /**
   * @param address where the store lives, for logs: never credentials
   * @param probe resolves when the store answers (every part of it), throws or rejects when not
   * @param scope what a failure takes down: the whole store, or the part that failed
   */
  constructor(
    readonly address: string,
    private readonly probe: () => unknown,
    private readonly scope: FailureScope = 'whole',
  ) {}

  /**
   * Whether a request may use the store: `true` at once outside an outage. During one, a store
   * that fails as a whole answers through a probe (at most once a second; the other requests
   * are refused meanwhile). A store that fails by parts is always used, since only the requests
   * whose data is on a failed part fail (each at once, by itself); its probe runs in the
   * background and ends the outage.
   */
  usable(): true | Promise<boolean> {
    if (!this.outage) {
      return true;
    }
    if (this.scope === 'parts') {
      void this.recheck();
      return true;
    }
    return this.recheck();
  }

  /** Probes the store during an outage (at most once a second); resolves whether it answers. */
  recheck(): Promise<boolean> {
    if (!this.outage) {
      return Promise.resolve(true);
    }
    if (!this.probing && Date.now() >= this.nextProbeAt) {
      this.nextProbeAt = Date.now() + PROBE_INTERVAL_MS;
      this.probing = (async () => this.probe())()
        .then(
          () => {
            this.recovered();
            return true;
          },
          (error: unknown) => {
            this.failed(error);
            return false;
          },
        )
        .finally(() => (this.probing = undefined));
    }
    return this.probing ?? Promise.resolve(false);
  }

  /** Records a failure of the store; opens (and logs) an outage unless one is running. */
  failed(cause: unknown): SessionStoreUnavailableError {
    if (!this.outage) {
      this.outage = new SessionStoreUnavailableError(this.address, cause);
      this.logger.error(`${this.outage.name}: ${this.outage.message}`);
    }
    return this.outage;
  }

  /** Records that the store answers again, ending the outage if one was running. */
  recovered(): void {
    if (this.outage) {
      this.outage = undefined;
      this.logger.log(`The session store at ${this.address} answers again; sessions resume.`);
    }
  }
}
