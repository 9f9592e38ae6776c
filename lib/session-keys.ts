/** Where flash messages live inside the session. */
export const FLASH_KEY = '__flash';

/** Where the module keeps a session's bookkeeping: cookie mode's ID, when it was last touched. */
export const META_KEY = '__session';

/**
 * Keys that belong to the module or the underlying middleware (`cookie` is express-session's),
 * never to application data.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['cookie', FLASH_KEY, META_KEY]);

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
