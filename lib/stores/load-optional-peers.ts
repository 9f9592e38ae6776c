import { SessionConfigError } from '../errors/session-config.error.js';
import type { StoreDescriptor } from './store-descriptor.interface.js';

/**
 * Imports the client packages a store driver needs. They are optional peer dependencies,
 * loaded only when their driver is chosen; when any is missing, one `SessionConfigError`
 * names them all with the command that installs them.
 *
 * The modules come back as the loader gives them: read them with `peerExport` and
 * `peerDefault`, never through `.default` directly.
 *
 * @example
 * const [pg, connectPgSimple] = await loadOptionalPeers('postgres', ['pg', 'connect-pg-simple']);
 * const Pool = peerExport<typeof import('pg').Pool>(pg, 'pg', 'Pool');
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

/**
 * The export `name` of a loaded peer, wherever the loader put it: Node's ESM loader puts the
 * named exports of a CommonJS package at the top when it can detect them, and
 * `module.exports` under `default`; tsx, ts-node and jest hand `module.exports` over as it is,
 * or wrapped once more.
 */
export function peerExport<T>(module: unknown, packageName: string, name: string): T {
  for (let layer = module; isObject(layer); layer = (layer as { default?: unknown }).default) {
    const value = (layer as Record<string, unknown>)[name];
    if (value !== undefined) {
      return value as T;
    }
  }
  throw new SessionConfigError([
    `store: the installed '${packageName}' has no export \`${name}\`; install a version the ` +
      'module supports (see its peerDependencies)',
  ]);
}

/** What a CommonJS peer assigned to `module.exports` (a function or class), however wrapped. */
export function peerDefault<T>(module: unknown): T {
  let value = module;
  while (isObject(value) && 'default' in value) {
    value = value.default;
  }
  return value as T;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/**
 * The packages the store `descriptor` needs for `options`, by name: all of its `packages`, but
 * the client's own when the user passes a `client`.
 */
export async function loadStorePeers(
  descriptor: StoreDescriptor,
  options: { client?: unknown },
): Promise<Record<string, unknown>> {
  const packages = descriptor.packages.filter(
    (name) => options.client === undefined || name !== descriptor.client?.package,
  );
  const loaded = await loadOptionalPeers(descriptor.driver, packages);
  return Object.fromEntries(packages.map((name, index) => [name, loaded[index]]));
}
