/** Where the Redis store connects when no `url` is given. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Prefix of the Redis store's keys when no `prefix` is given (connect-redis's own). */
export const DEFAULT_REDIS_PREFIX = 'sess:';

/** Where the PostgreSQL store connects when no `url` is given. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Database file of the SQLite store when no `url` is given. */
export const DEFAULT_SQLITE_FILE = './sessions.sqlite';

/** Table of the PostgreSQL and SQLite stores when no `prefix` is given. */
export const DEFAULT_SESSION_TABLE = 'session';
