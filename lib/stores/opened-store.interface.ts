import type { Store } from 'express-session';
import type { StoreAvailability } from './store-availability.js';

/** A store ready for express-session, its health, and how to release what the module opened. */
export interface OpenedStore {
  store: Store;
  availability: StoreAvailability;
  /** Closes the connections, files and timers the module opened; leaves the user's own alone. */
  close(): Promise<void>;
}
