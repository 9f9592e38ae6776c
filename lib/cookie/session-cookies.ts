import { parse, serialize, type CookieSerializeOptions } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cookieSecurity } from '../drivers/secure-request.js';
import {
  isExpired,
  needsRefresh,
  stamp,
  type ExpiryLimits,
  type SessionMeta,
} from '../expiry/session-meta.js';
import type { ResolvedSessionOptions } from '../options/resolved-session-options.js';
import { META_KEY } from '../session-keys.js';
import { assertCookieFits } from './assert-cookie-fits.js';
import { CookieSessionObject } from './cookie-session-object.js';
import type { CookieSessionState } from './cookie-session-state.js';
import type { SessionCookieFormat } from './session-cookie-format.interface.js';

/** Values are base64 or base64url, which need no encoding. */
const AS_IS = { encode: (value: string) => value };

/**
 * Reads a session from the request's cookies and writes it back when it changed, in the
 * format given: the bookkeeping (ID, timestamps) travels inside the payload, and expiry is
 * checked against it on every read.
 */
export class SessionCookies {
  private readonly name: string;
  private readonly limits: ExpiryLimits;
  private readonly attributes: CookieSerializeOptions;

  constructor(
    readonly format: SessionCookieFormat,
    private readonly options: ResolvedSessionOptions,
  ) {
    const { cookie, idleTimeout, absoluteTimeout, rolling } = options;
    this.name = format.cookieNames[0];
    this.limits = { maxAge: cookie.maxAge, idleTimeout, absoluteTimeout, rolling };
    this.attributes = {
      ...AS_IS,
      path: cookie.path,
      domain: cookie.domain,
      httpOnly: cookie.httpOnly,
    };
  }

  /**
   * The session the request's cookies carry, or a new empty one when they carry none, or one
   * that is not genuine, not an object, without bookkeeping, or expired.
   */
  read(req: IncomingMessage, state: CookieSessionState): CookieSessionObject {
    const header = req.headers.cookie;
    const cookies = header ? parse(header) : undefined;
    const value = cookies?.[this.name];
    const opened =
      value && value.length <= this.options.maxCookieBytes ? this.format.read(cookies!) : undefined;
    if (opened) {
      const data = parseObject(opened.json);
      if (data && this.isLive(data[META_KEY])) {
        return new CookieSessionObject(data, state, opened.staleKey ? '' : opened.json);
      }
    }
    return new CookieSessionObject({}, state);
  }

  /**
   * Writes the session, if the request touched it and it differs from what the cookie carries,
   * stamped with its timestamps; clears the cookies of a destroyed one. Throws
   * `SessionTooLargeError`, writing nothing, when it would not fit.
   */
  write(req: IncomingMessage, res: ServerResponse, state: CookieSessionState): void {
    const session = state.touched;
    if (session === undefined) {
      return;
    }
    const { send, secure, sameSite } = cookieSecurity(req, this.options.cookie, this.options.proxy);
    if (!send) {
      return;
    }
    if (session === null) {
      const expired = { ...this.attributes, expires: new Date(0), secure, sameSite };
      for (const name of this.format.cookieNames) {
        res.appendHeader('Set-Cookie', serialize(name, '', expired));
      }
      return;
    }
    let json = JSON.stringify(session);
    const carried = CookieSessionObject.cookieJson(session);
    if (json !== '{}') {
      const record = session as unknown as Record<string, SessionMeta | undefined>;
      const meta = (record[META_KEY] ??= {});
      meta.id ??= state.id;
      const now = Date.now();
      if (session.isNew || json !== carried || needsRefresh(meta, now, this.limits)) {
        stamp(meta, now);
        json = JSON.stringify(session);
      }
    }
    if (json === carried) {
      return;
    }
    const attributes = {
      ...this.attributes,
      expires: new Date(Date.now() + this.options.cookie.maxAge),
      secure,
      sameSite,
    };
    for (const [name, value] of this.carrying(json)) {
      res.appendHeader('Set-Cookie', serialize(name, value, attributes));
    }
  }

  /**
   * The cookies, name and value, that carry a session serialized as `json`; throws
   * `SessionTooLargeError` when it would not fit.
   */
  carrying(json: string): [string, string][] {
    const cookies = this.format.write(json);
    assertCookieFits(this.name, cookies[0][1].length, this.options.maxCookieBytes);
    return cookies;
  }

  private isLive(meta: unknown): boolean {
    return (
      typeof (meta as SessionMeta | undefined)?.id === 'string' &&
      !isExpired(meta, Date.now(), this.limits)
    );
  }
}

/** The JSON object `json` holds, or undefined for anything else (a value that is not JSON too). */
function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(json);
    return data && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
