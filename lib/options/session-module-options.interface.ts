import type { RequestMethod } from '@nestjs/common';
import type { SessionStoreOption } from '../stores/builtin-stores.js';

export type { SessionMode } from '../core/session-settings.js';
export type {
  BuiltinStoreOptions,
  SessionStoreDriver,
  SessionStoreOption,
} from '../stores/builtin-stores.js';
export type { MemoryStoreOptions } from '../stores/memory.store.js';
export type { PostgresPoolLike, PostgresStoreOptions } from '../stores/postgres.store.js';
export type {
  RedisClientLike,
  RedisSentinelOptions,
  RedisStoreOptions,
} from '../stores/redis.store.js';
export type { SqliteDatabaseLike, SqliteStoreOptions } from '../stores/sqlite.store.js';

/** Milliseconds, or a duration string understood by `ms` (`'90s'`, `'30m'`, `'12h'`, `'7d'`). */
export type Duration = number | string;

/** Attributes of the session cookie. */
export interface SessionCookieOptions {
  /** Lifetime of the cookie and of the session. Default `'1d'`. */
  maxAge?: Duration;
  /** Default `'/'`. */
  path?: string;
  /** Default: unset (the cookie belongs to the exact host). */
  domain?: string;
  /** Default `'lax'`. `'none'` requires `secure`. */
  sameSite?: 'lax' | 'strict' | 'none';
  /** `'auto'` (default) marks the cookie secure when the request came over HTTPS. */
  secure?: boolean | 'auto';
  /** Default `true`: scripts in the page cannot read the cookie. */
  httpOnly?: boolean;
}

/** A path in Nest's route syntax restricted to one HTTP method, as `forRoutes()` takes it. */
export interface SessionRouteInfo {
  path: string;
  method: RequestMethod;
}

/** Which routes run the session middleware, in Nest's route syntax. Default: every route. */
export interface SessionRoutes {
  include?: (string | SessionRouteInfo)[];
  exclude?: (string | SessionRouteInfo)[];
}

/** What is kept with each of a user's sessions, for `listSessions()`. Default: nothing. */
export interface SessionTrackOptions {
  /** The `User-Agent` of the request that logged in. Default `false`. */
  userAgent?: boolean;
  /**
   * The client address of the request that logged in (behind a trusted `proxy`, the last
   * `X-Forwarded-For` entry). Default `false`.
   */
  ip?: boolean;
}

/** Options shared by both modes. */
export interface CommonSessionOptions {
  /** Signing (and, in cookie mode, encryption) secrets: the first signs, every one verifies. */
  secret: string | string[];
  /** Cookie name. Default `'sid'`. */
  name?: string;
  cookie?: SessionCookieOptions;
  /** Renew the cookie's expiry on every response. Default `false`. */
  rolling?: boolean;
  /** End a session unused for this long. Default: unset. */
  idleTimeout?: Duration;
  /** End a session this long after it began, however it is used. Default: unset. */
  absoluteTimeout?: Duration;
  /** Trust `X-Forwarded-Proto` to decide whether the request is secure. Default `false`. */
  proxy?: boolean;
  /** Session key that marks an authenticated user, used by the guards. Default `'userId'`. */
  authKey?: string;
  routes?: SessionRoutes;
  /** What `listSessions()` shows of each session beside its times. Default: nothing. */
  track?: SessionTrackOptions;
}

/** Store mode: the cookie carries a signed session ID, the data lives in `store`. */
export interface StoreSessionModuleOptions extends CommonSessionOptions {
  mode?: 'store';
  /** Default `'memory'`. */
  store?: SessionStoreOption;
}

/** Cookie mode: the whole session lives in the signed cookie; no server-side state. */
export interface CookieSessionModuleOptions extends CommonSessionOptions {
  mode: 'cookie';
  /**
   * Encrypt the payload (AES-256-GCM) as well as authenticating it. Default `true`; `false`
   * keeps cookie-session's signed base64 JSON, which the client can read.
   */
  encrypt?: boolean;
  /** Largest cookie the module will send, in bytes. Default 4096. */
  maxCookieBytes?: number;
  /**
   * Where revocations are kept, so that `revokeSession()` and `revokeAllSessions()` can end
   * cookies (and `listSessions()` list them): a store, as store mode's `store` option takes
   * it. Default: unset, no revocation (those calls throw). A cookie that names a user is then
   * checked against its user's revocations, cached for 5 seconds per instance.
   */
  revocation?: SessionStoreOption;
}

/** Options of `SessionModule.forRoot()`, discriminated by `mode` (default `'store'`). */
export type SessionModuleOptions = StoreSessionModuleOptions | CookieSessionModuleOptions;

/** Implemented by a class passed to `forRootAsync({ useClass })` or `useExisting`. */
export interface SessionOptionsFactory {
  createSessionOptions(): SessionModuleOptions | Promise<SessionModuleOptions>;
}
