/** The user every logged-in benchmark session belongs to. */
export const BENCH_USER = 'bench-user';

/** `POST` here logs in: the response sets the cookie every measured request carries. */
export const LOGIN_PATH = '/login';

/** Route excluded from the session middleware with `routes.exclude` (kit-store-memory-routes only). */
export const EXCLUDED_PATH = '/excluded';
