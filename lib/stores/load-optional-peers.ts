import { SessionConfigError } from '../errors/session-config.error.js';

/**
 * Imports the client packages a store driver needs. They are optional peer dependencies,
 * loaded only when their driver is chosen; when any is missing, one `SessionConfigError`
 * names them all with the command that installs them.
 *
 * @example
 * const [pg, connectPgSimple] = await loadOptionalPeers('postgres', ['pg', 'connect-pg-simple']);
 */
export async function loadOptionalPeers(
  driver: string,
  packages: readonly string[],
): Promise<unknown[]> {
  const missing: string[] = [];
  const loaded = await Promise.all(
    packages.map((name) =>
      import(name).catch((error: unknown) => {
        if (!isNotFound(error, name)) {
          throw error;
        }
        missing.push(name);
      }),
    ),
  );
  if (missing.length > 0) {
    const names = missing.map((name) => `'${name}'`).join(' and ');
    throw new SessionConfigError([
      `store: the ${driver} store needs ${names}, which ${missing.length > 1 ? 'are' : 'is'} ` +
        `not installed; run \`npm i ${missing.join(' ')}\``,
    ]);
  }
  return loaded;
}

/** Whether `error` says that `name` itself (not something it imports) cannot be found. */
function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${name}'`)
  );
}
