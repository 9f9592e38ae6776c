/** The module's bookkeeping inside a session, under `META_KEY`. */
export interface SessionMeta {
  /** Cookie mode: the session's own ID. */
  id?: string;
  /** When the session began (ms since epoch). */
  iat?: number;
  /** When the session was last written or refreshed (ms since epoch). */
  seen?: number;
  /** Cookie mode: this session's own lifetime, set by `setMaxAge()`, instead of `maxAge`. */
  maxAge?: number;
  /** The user the session is filed under in the user index, when it is. */
  user?: string;
  /** Until when the user index keeps its entry: past it, the entry must be refreshed. */
  until?: number;
}

/** The limits a session's timestamps are checked against, in milliseconds. */
export interface ExpiryLimits {
  maxAge: number;
  idleTimeout: number | undefined;
  absoluteTimeout: number | undefined;
  rolling: boolean;
}

/**
 * Whether a loaded session is past `maxAge` or `idleTimeout` since it was last seen, or past
 * `absoluteTimeout` since it began. Missing or malformed timestamps count as expired.
 */
export function isExpired(meta: unknown, now: number, limits: ExpiryLimits): boolean {
  if (!meta || typeof meta !== 'object') {
    return true;
  }
  const { iat, seen, maxAge } = meta as SessionMeta;
  if (typeof iat !== 'number' || typeof seen !== 'number') {
    return true;
  }
  const idle = now - seen;
  return (
    idle > (typeof maxAge === 'number' ? maxAge : limits.maxAge) ||
    (limits.idleTimeout !== undefined && idle > limits.idleTimeout) ||
    (limits.absoluteTimeout !== undefined && now - iat > limits.absoluteTimeout)
  );
}

/**
 * Whether an unchanged session should still be written back to move `seen` forward: always
 * when rolling, and under an idle timeout once a tenth of it has passed (a throttled touch).
 */
export function needsRefresh(meta: SessionMeta, now: number, limits: ExpiryLimits): boolean {
  if (limits.rolling) {
    return true;
  }
  return limits.idleTimeout !== undefined && now - (meta.seen ?? 0) > limits.idleTimeout / 10;
}

/** Stamps a session about to be written: when it began, and that it was seen now. */
export function stamp(meta: SessionMeta, now: number): void {
  meta.iat ??= now;
  meta.seen = now;
}

/**
 * The lifetime `setMaxAge(requested)` gives a session that began at `iat`: what was asked,
 * cut short where `absoluteTimeout` ends the session anyway.
 */
export function cappedLifetime(
  requested: number,
  iat: number | undefined,
  now: number,
  { absoluteTimeout }: ExpiryLimits,
): number {
  if (absoluteTimeout === undefined) {
    return requested;
  }
  return Math.max(1, Math.min(requested, (iat ?? now) + absoluteTimeout - now));
}
