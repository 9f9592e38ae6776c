import { Logger, type Provider } from '@nestjs/common';
import { CookieDriver } from './cookie-mode/cookie.driver.js';
import { SessionDriver } from './core/session-driver.js';
import { resolveSessionOptions } from './options/resolve-session-options.js';
import {
  RESOLVED_SESSION_OPTIONS,
  type ResolvedSessionOptions,
} from './options/resolved-session-options.js';
import { SESSION_MODULE_OPTIONS } from './session.module-definition.js';
import { StoreSessionDriver } from './store-mode/store.driver.js';
import { SessionConfigError } from './errors/session-config.error.js';
import type { OpenedStore } from './store-mode/opened-store.interface.js';
import { openSessionStore, type SessionStoreOption } from './stores/builtin-stores.js';

/** Validates the options once, at start-up, and shares the result. */
export const resolvedOptionsProvider: Provider = {
  provide: RESOLVED_SESSION_OPTIONS,
  inject: [SESSION_MODULE_OPTIONS],
  useFactory: (options: unknown) => {
    const logger = new Logger('SessionModule');
    return resolveSessionOptions(options, (warning) => logger.warn(warning));
  },
};

/** Opens cookie mode's revocation store; its start-up errors name the `revocation` option. */
async function openRevocationStore(option: SessionStoreOption): Promise<OpenedStore> {
  try {
    return await openSessionStore(option);
  } catch (error) {
    if (error instanceof SessionConfigError) {
      throw new SessionConfigError(
        error.problems.map((problem) => problem.replace(/^store\b/, 'revocation')),
      );
    }
    throw error;
  }
}

/** The one place where the mode is decided. */
export const sessionDriverProvider: Provider = {
  provide: SessionDriver,
  inject: [RESOLVED_SESSION_OPTIONS],
  useFactory: async (options: ResolvedSessionOptions): Promise<SessionDriver> => {
    if (options.mode === 'store') {
      return new StoreSessionDriver(options, await openSessionStore(options.store));
    }
    const revocation = options.revocation && (await openRevocationStore(options.revocation));
    // The validator let through only stores that keep users' indexes.
    return new CookieDriver(options, revocation && { ...revocation, index: revocation.index! });
  },
};
