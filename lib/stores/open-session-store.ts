import type { Store } from 'express-session';
import type { SessionStoreOption } from '../interfaces/session-module-options.interface.js';
import { MemorySessionStore } from './memory.store.js';

/** A store ready for express-session, and how to release what the module opened for it. */
export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

/** Turns the `store` option into a store. A store instance the user passed is left open. */
export async function openSessionStore(option: SessionStoreOption): Promise<OpenedStore> {
  if (option === 'memory' || ('driver' in option && option.driver === 'memory')) {
    const store = new MemorySessionStore({ max: option === 'memory' ? undefined : option.max });
    return { store, close: async () => store.close() };
  }
  return { store: option as Store, close: async () => undefined };
}
