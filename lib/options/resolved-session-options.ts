import type {
  SessionMode,
  SessionRoutes,
  SessionStoreOption,
} from '../interfaces/session-module-options.interface.js';

/** The session options after validation, with every default applied and durations in ms. */
export interface ResolvedSessionOptions {
  mode: SessionMode;
  secrets: string[];
  name: string;
  cookie: {
    maxAge: number;
    path: string;
    domain: string | undefined;
    sameSite: 'lax' | 'strict' | 'none';
    secure: boolean | 'auto';
    httpOnly: boolean;
  };
  rolling: boolean;
  idleTimeout: number | undefined;
  absoluteTimeout: number | undefined;
  proxy: boolean;
  authKey: string;
  routes: Required<SessionRoutes>;
  /** Cookie mode only. */
  encrypt: boolean;
  /** Cookie mode only. */
  maxCookieBytes: number;
  /** Store mode only. */
  store: SessionStoreOption;
}
