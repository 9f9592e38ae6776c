import type { SessionData } from '../core/session-data.interface.js';
import type { SessionHandle } from '../core/session-handle.js';

/** What `@RequireSession()` asks of the session before a route runs. */
export interface SessionRequirement<T extends object = SessionData> {
  /** Keys that must be set (401 otherwise). Default: the module's `authKey`. */
  keys?: (keyof T & string)[];
  /** Runs after the keys are present; `false` gives 403. */
  check?: (session: SessionHandle<T>) => boolean | Promise<boolean>;
}
