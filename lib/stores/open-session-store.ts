import type { Store } from 'express-session';
import type { SessionStoreOption } from '../interfaces/session-store-options.interface.js';
import { openMemoryStore } from './memory.store.js';
import type { OpenedStore } from './opened-store.interface.js';
import { openPostgresStore } from './postgres.store.js';
import { openRedisStore } from './redis.store.js';
import { openSqliteStore } from './sqlite.store.js';
import { StoreAvailability } from './store-availability.js';

/** Probe ID for stores the module knows nothing about: a lookup that finds nothing. */
const PROBE_SID = 'nestjs-session-kit-availability-probe';

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
  switch (option.driver) {
    case 'memory':
      return openMemoryStore(option);
    case 'redis':
      return openRedisStore(option);
    case 'postgres':
      return openPostgresStore(option);
    case 'sqlite':
      return openSqliteStore(option);
  }
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
    close: async () => {
      store.off('disconnect', onDisconnect);
      store.off('connect', onConnect);
    },
  };
}
