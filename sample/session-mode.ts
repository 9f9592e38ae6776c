import type { ConfigType } from '@nestjs/config';
import type { sessionConfig } from '../lib/index.js';

/** How the running app keeps its sessions, for the pages to show. Never holds the secret. */
export interface SessionModeSummary {
  mode: 'store' | 'cookie';
  /** Cookie mode: whether the payload is encrypted (the default) or only signed. */
  encrypted: boolean;
  /** e.g. "store mode, memory store" or "cookie mode, encrypted". */
  label: string;
  cookieName: string;
}

/** DI token of the app's `SessionModeSummary`. */
export const SESSION_MODE_SUMMARY = Symbol('SESSION_MODE_SUMMARY');

/** Summarizes the options `sessionConfig` read from the environment. */
export function summarizeSessionMode(
  options: ConfigType<typeof sessionConfig>,
): SessionModeSummary {
  const cookieName = options.name ?? 'sid';
  if (options.mode === 'cookie') {
    const encrypted = options.encrypt !== false;
    const label = `cookie mode, ${encrypted ? 'encrypted' : 'signed, readable'}`;
    return { mode: 'cookie', encrypted, label, cookieName };
  }
  const store = options.store ?? 'memory';
  const driver = typeof store === 'string' ? store : 'driver' in store ? store.driver : 'custom';
  return { mode: 'store', encrypted: false, label: `store mode, ${driver} store`, cookieName };
}
