import type { Provider } from '@nestjs/common';
import type { SessionModuleOptions } from '../interfaces/session-module-options.interface.js';
import { resolveSessionOptions } from '../options/resolve-session-options.js';
import { ResolvedSessionOptionsToken } from '../options/resolved-session-options.token.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { SESSION_MODULE_OPTIONS } from '../session.module-definition.js';
import { openSessionStore } from '../stores/open-session-store.js';
import { EncryptedCookieDriver } from './encrypted-cookie.driver.js';
import { SessionDriver } from './session-driver.js';
import { SignedCookieDriver } from './signed-cookie.driver.js';
import { StoreSessionDriver } from './store.driver.js';

/** Validates the options once, at start-up, and shares the result. */
export const resolvedOptionsProvider: Provider = {
  provide: ResolvedSessionOptionsToken,
  inject: [SESSION_MODULE_OPTIONS],
  useFactory: (options: SessionModuleOptions) => resolveSessionOptions(options),
};

/** The one place where the mode is decided. */
export const sessionDriverProvider: Provider = {
  provide: SessionDriver,
  inject: [ResolvedSessionOptionsToken],
  useFactory: async (options: ResolvedSessionOptions): Promise<SessionDriver> => {
    if (options.mode === 'store') {
      return new StoreSessionDriver(options, await openSessionStore(options.store));
    }
    return options.encrypt ? new EncryptedCookieDriver(options) : new SignedCookieDriver(options);
  },
};
