/** A session's JSON as read back from the request's cookies. */
export interface OpenedSession {
  json: string;
  /** Sealed or signed with a secret other than the first: the cookie must be written again. */
  staleKey: boolean;
}

/** How cookie mode turns a session's JSON into cookies and back: encrypted or signed. */
export interface SessionCookieFormat {
  /** The cookies it writes, the one that carries the session first. */
  readonly cookieNames: readonly string[];
  /** The session the request's cookies carry, or undefined when none of it is genuine. */
  read(cookies: Record<string, string | undefined>): OpenedSession | undefined;
  /** The cookies, name and value, that carry `json`, the one that carries the session first. */
  write(json: string): [name: string, value: string][];
}
