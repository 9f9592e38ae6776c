import type { SessionSettings } from '../core/session-settings.js';

/** What cookie mode needs of the options, beyond what both modes share. */
export interface CookieModeSettings extends SessionSettings {
  /** Encrypt the payload (the module's AES-256-GCM) or only sign it (cookie-session). */
  encrypt: boolean;
  /** The largest cookie the module sends, in bytes. */
  maxCookieBytes: number;
}
