import type { Store } from 'express-session';
import type { SessionMerge } from './session-changes.js';
import type { StoreAvailability } from '../core/store-availability.js';
import type { UserSessionIndex } from '../core/user-session-index.interface.js';

/** A store ready for express-session, its health, and how to release what the module opened. */
export interface OpenedStore {
  store: Store;
  availability: StoreAvailability;
  /** Atomic per-key save, where the store supports one (every built-in driver does). */
  merge?: SessionMerge;
  /** Each user's sessions, where the store keeps them (every built-in driver does). */
  index?: UserSessionIndex;
  /** Closes the connections, files and timers the module opened; leaves the user's own alone. */
  close(): Promise<void>;
}
