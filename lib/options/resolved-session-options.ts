import type { CookieModeSettings } from '../cookie-mode/cookie-mode-settings.js';
import type { SessionMode, SessionSettings } from '../core/session-settings.js';
import type { SessionStoreOption } from '../stores/builtin-stores.js';
import type { SessionRoutes } from './session-module-options.interface.js';

/** The session options after validation, with every default applied and durations in ms. */
export interface ResolvedSessionOptions extends SessionSettings, CookieModeSettings {
  mode: SessionMode;
  routes: Required<SessionRoutes>;
  /** Store mode only. */
  store: SessionStoreOption;
  /** Cookie mode only: where revocations are kept; unset, there is no revocation. */
  revocation: SessionStoreOption | undefined;
}

/** DI token of the validated `ResolvedSessionOptions`. */
export const RESOLVED_SESSION_OPTIONS = Symbol('nestjs-session-kit:resolved-options');
