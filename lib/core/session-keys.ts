import { SessionKeyError } from '../errors/session-key.error.js';

/** Where flash messages live inside the session. */
export const FLASH_KEY = '__flash';

/** Where the module keeps a session's bookkeeping: cookie mode's ID, when it was last touched. */
export const META_KEY = '__session';

/**
 * Names that are never application data, in either mode: those of every JavaScript object
 * (`__proto__` and `constructor` among them, so no key can reach a prototype), the fields and
 * methods of express-session's and cookie-session's session objects, and the module's own
 * bookkeeping. One list for both modes, so that a key valid in one is valid in the other.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  // express-session's Session
  'cookie',
  'id',
  'req',
  'regenerate',
  'destroy',
  'reload',
  'save',
  'touch',
  'resetMaxAge',
  // cookie-session's Session
  '_ctx',
  'isNew',
  'isChanged',
  'isPopulated',
  FLASH_KEY,
  META_KEY,
]);

/** Whether `key` can never name application data (see `RESERVED_KEYS`). */
export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

/** Throws `SessionKeyError` unless `key` can name application data or a flash message. */
export function assertDataKey(key: string): void {
  if (typeof key !== 'string' || RESERVED_KEYS.has(key)) {
    throw new SessionKeyError(String(key));
  }
}

/** Whether `record` holds `key` as application data: its own property, and not a reserved name. */
export function isDataKey(record: object | undefined, key: string): boolean {
  return record !== undefined && !RESERVED_KEYS.has(key) && Object.hasOwn(record, key);
}

/** Copies the application's own data out of a session object. */
export function applicationData(
  record: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(record ?? {})) {
    if (!RESERVED_KEYS.has(key)) {
      data[key] = record![key];
    }
  }
  return data;
}

/** Whether a session holds anything worth keeping: application data or flash messages. */
export function isPopulated(record: Record<string, unknown>): boolean {
  for (const key in record) {
    if (key !== 'cookie' && key !== META_KEY && Object.hasOwn(record, key)) {
      return true;
    }
  }
  return false;
}
