import type { Store } from 'express-session';
import { isUserSessionIndex } from '../core/user-session-index.interface.js';
import type { OpenedStore } from '../store-mode/opened-store.interface.js';
import { StoreAvailability } from '../core/store-availability.js';
import { memoryStore, type MemoryStoreOptions } from './memory.store.js';
import { postgresStore, type PostgresStoreOptions } from './postgres.store.js';
import { redisStore, type RedisStoreOptions } from './redis.store.js';
import { sqliteStore, type SqliteStoreOptions } from './sqlite.store.js';
import type { StoreDescriptor } from './store-descriptor.interface.js';

/** The built-in stores, the default first. */
export const BUILTIN_STORES = [memoryStore, redisStore, postgresStore, sqliteStore] as const;

/** The built-in stores, by name. Each uses its driver's local default address. */
export type SessionStoreDriver = (typeof BUILTIN_STORES)[number]['driver'];

/** Options of one built-in store. */
export type BuiltinStoreOptions =
  MemoryStoreOptions | RedisStoreOptions | PostgresStoreOptions | SqliteStoreOptions;

/**
 * Where store mode keeps session data: a built-in store by name or with options, or any
 * express-session `Store` instance (which the module uses as it is and never closes).
 *
 * @example
 * store: 'redis'
 * store: { driver: 'postgres', url: process.env.DATABASE_URL, prefix: 'user_sessions' }
 * store: new MyExpressSessionStore()
 */
export type SessionStoreOption = SessionStoreDriver | BuiltinStoreOptions | Store;

/** Probe ID for stores the module knows nothing about: a lookup that finds nothing. */
const PROBE_SID = 'nestjs-session-kit-availability-probe';

/** The built-in store called `driver`, if there is one. */
export function builtinStore(driver: unknown): StoreDescriptor | undefined {
  return BUILTIN_STORES.find((store) => store.driver === driver) as StoreDescriptor | undefined;
}

/**
 * Turns the (validated) `store` option into an open store. Built-in drivers are opened here
 * and closed by `close()`; a store instance the user passed is used as it is and left open.
 */
export async function openSessionStore(option: SessionStoreOption): Promise<OpenedStore> {
  if (typeof option === 'string') {
    return openSessionStore({ driver: option });
  }
  if (!('driver' in option)) {
    return openUserStore(option);
  }
  return builtinStore(option.driver)!.open(option);
}

/** A store the user built: probed with a lookup, followed through its connect events. */
function openUserStore(store: Store): OpenedStore {
  const availability = new StoreAvailability(
    `your ${store.constructor.name}`,
    () =>
      new Promise<void>((resolve, reject) =>
        store.get(PROBE_SID, (error) => (error ? reject(error) : resolve())),
      ),
  );
  const onDisconnect = () => availability.failed(new Error('the store reported a disconnect'));
  const onConnect = () => availability.recovered();
  store.on('disconnect', onDisconnect);
  store.on('connect', onConnect);
  return {
    store,
    availability,
    index: isUserSessionIndex(store) ? store : undefined,
    close: async () => {
      store.off('disconnect', onDisconnect);
      store.off('connect', onConnect);
    },
  };
}
