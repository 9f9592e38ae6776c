import type { Provider } from '@nestjs/common';
import type { SessionModuleOptions } from '../interfaces/session-module-options.interface.js';
import { resolveSessionOptions } from '../options/resolve-session-options.js';
import { ResolvedSessionOptionsToken } from '../options/resolved-session-options.token.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { SESSION_MODULE_OPTIONS } from '../session.module-definition.js';
import { openSessionStore } from '../stores/open-session-store.js';
import { EncryptedSessionCookie } from '../cookie/encrypted-session-cookie.js';
import { SignedSessionCookie } from '../cookie/signed-session-cookie.js';
import { CookieDriver } from './cookie.driver.js';
import { SessionDriver } from './session-driver.js';
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
    const format = options.encrypt
      ? new EncryptedSessionCookie(options.name, options.secrets)
      : new SignedSessionCookie(options.name, options.secrets);
    return new CookieDriver(options, format);
  },
};
