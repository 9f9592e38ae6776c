/** One of a user's sessions, as `SessionService.listSessions()` shows it. */
export interface SessionInfo {
  /** Opaque: never the session ID, nothing a cookie can be made from. Pass it to `revokeSession`. */
  key: string;
  /** Whether it is the session of the request that asked. */
  current: boolean;
  /** When it began: the login. */
  createdAt: Date;
  /** When it was last used, to within the throttle of its store writes (see the README). */
  lastSeenAt: Date;
  /** When it ends unless it is used again. */
  expiresAt: Date;
  /** The `User-Agent` of its login, when the `track` option asks for it. */
  userAgent?: string;
  /** The client address of its login, when the `track` option asks for it. */
  ip?: string;
}

/** Options of `SessionService.revokeAllSessions()`. */
export interface RevokeAllSessionsOptions {
  /** Keep the session of the request that asks ("log out other devices"). Default `false`. */
  exceptCurrent?: boolean;
}
