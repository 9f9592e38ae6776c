import type { TrackSettings } from './tracked-client.js';

/** The two session designs: the whole session in the cookie, or only its ID. */
export type SessionMode = 'cookie' | 'store';

/**
 * What both modes' drivers need of the options, validated and with every default applied
 * (durations in milliseconds). The option types users write are in `options/`.
 */
export interface SessionSettings {
  /** The first signs (and encrypts), every one verifies. */
  secrets: string[];
  /** The session cookie's name. */
  name: string;
  cookie: {
    maxAge: number;
    path: string;
    domain: string | undefined;
    sameSite: 'lax' | 'strict' | 'none';
    /** Already `true` for `__Host-` and `__Secure-` names. */
    secure: boolean | 'auto';
    httpOnly: boolean;
  };
  rolling: boolean;
  idleTimeout: number | undefined;
  absoluteTimeout: number | undefined;
  proxy: boolean;
  /** The key whose value says who is logged in. */
  authKey: string;
  /** What is kept with each of a user's sessions, beside its times. */
  track: TrackSettings;
}
