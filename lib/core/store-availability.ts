import { Logger } from '@nestjs/common';
import { SessionStoreUnavailableError } from '../errors/session-store-unavailable.error.js';

/** While the store is down, how often a request may check whether it is back. */
const PROBE_INTERVAL_MS = 1000;

/**
 * Whether a session store answers. The first failure opens an outage, logged once as a
 * `SessionStoreUnavailableError`; while it lasts, requests ask `recheck()`, which probes the
 * store at most once a second, and the outage ends (logged too) as soon as the store answers.
 */
export class StoreAvailability {
  private outage: SessionStoreUnavailableError | undefined;
  private probing: Promise<boolean> | undefined;
  private nextProbeAt = 0;
  private readonly logger = new Logger('SessionStore');

  /**
   * @param address where the store lives, for logs: never credentials
   * @param probe resolves when the store answers, throws or rejects when it does not
   */
  constructor(
    readonly address: string,
    private readonly probe: () => unknown,
  ) {}

  /** False from a failure until the store answers again. */
  get isAvailable(): boolean {
    return this.outage === undefined;
  }

  /** Whether the store can be used now, probing it (at most once a second) during an outage. */
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
