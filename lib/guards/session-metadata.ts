/** Metadata key written by `@RequireSession()`. */
export const REQUIRE_SESSION_METADATA = 'nestjs-session-kit:require-session';

/** Metadata key written by `@AllowAnonymous()`. */
export const ALLOW_ANONYMOUS_METADATA = 'nestjs-session-kit:allow-anonymous';
