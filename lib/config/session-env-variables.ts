/** Variables that only store mode reads. */
export const STORE_MODE_VARIABLES = [
  'SESSION_STORE',
  'SESSION_STORE_URL',
  'SESSION_STORE_PREFIX',
] as const;

/** Variables that only cookie mode reads. */
export const COOKIE_MODE_VARIABLES = ['SESSION_ENCRYPT'] as const;

/** Every variable `sessionConfig` reads. */
export const SESSION_ENV_VARIABLES: ReadonlySet<string> = new Set([
  'SESSION_MODE',
  'SESSION_SECRET',
  'SESSION_NAME',
  'SESSION_MAX_AGE',
  'SESSION_IDLE_TIMEOUT',
  'SESSION_ABSOLUTE_TIMEOUT',
  'SESSION_ROLLING',
  'SESSION_COOKIE_SECURE',
  'SESSION_COOKIE_SAMESITE',
  'SESSION_COOKIE_DOMAIN',
  'SESSION_COOKIE_PATH',
  'SESSION_PROXY',
  ...COOKIE_MODE_VARIABLES,
  ...STORE_MODE_VARIABLES,
]);
