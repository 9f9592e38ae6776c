import { parse, serialize, type CookieSerializeOptions } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import onHeaders from 'on-headers';
import type { EncryptedCookieCodec } from '../crypto/encrypted-cookie.codec.js';
import { assertCookieFits } from './assert-cookie-fits.js';

const CONTEXT = Symbol('nestjs-session-kit:cookie-context');

interface LoadContext {
  isNew: boolean;
  /** The JSON the session was loaded from; '' forces a rewrite (e.g. sealed with an old key). */
  loadedJson: string;
}

/**
 * A session that lives in an encrypted cookie. Like cookie-session's, its own enumerable
 * properties are the data, and `isNew` / `isChanged` tell whether it must be written.
 */
class EncryptedSession {
  declare readonly [CONTEXT]: LoadContext;

  constructor(data: Record<string, unknown> | undefined, context: LoadContext) {
    Object.defineProperty(this, CONTEXT, { value: context });
    for (const key of Object.keys(data ?? {})) {
      if (!(key in this)) {
        (this as Record<string, unknown>)[key] = data![key];
      }
    }
  }

  get isNew(): boolean {
    return this[CONTEXT].isNew;
  }

  get isChanged(): boolean {
    return this[CONTEXT].isNew || this[CONTEXT].loadedJson !== JSON.stringify(this);
  }
}

export interface EncryptedCookieSessionOptions {
  name: string;
  codec: EncryptedCookieCodec;
  maxCookieBytes: number;
  /** Cookie attributes; `maxAge` in milliseconds. */
  cookie: Omit<CookieSerializeOptions, 'maxAge' | 'expires' | 'secure'> & { maxAge: number };
  secure: (req: Request) => boolean;
}

/**
 * cookie-session's contract (`req.session` created on first read, replaced by assignment,
 * `null` to end it, written when changed) with one AES-256-GCM sealed cookie instead of a
 * signed cookie plus a `.sig` cookie.
 */
export function encryptedCookieSession(options: EncryptedCookieSessionOptions): RequestHandler {
  const { name, codec, maxCookieBytes, cookie } = options;

  const load = (req: Request): EncryptedSession => {
    const value = req.headers.cookie ? parse(req.headers.cookie)[name] : undefined;
    const opened = value && value.length <= maxCookieBytes ? codec.open(name, value) : undefined;
    if (opened) {
      try {
        const data: unknown = JSON.parse(opened.plaintext);
        if (data && typeof data === 'object' && !Array.isArray(data)) {
          const loadedJson = opened.staleKey ? '' : opened.plaintext;
          return new EncryptedSession(data as Record<string, unknown>, {
            isNew: false,
            loadedJson,
          });
        }
      } catch {
        // A value that decrypts but is not JSON is treated like no cookie at all.
      }
    }
    return new EncryptedSession(undefined, { isNew: true, loadedJson: '' });
  };

  return (req: Request, res: Response, next: NextFunction) => {
    let session: EncryptedSession | false | undefined;

    Object.defineProperty(req, 'session', {
      configurable: true,
      enumerable: true,
      get: () => (session === false ? null : (session ??= load(req))),
      set: (value: unknown) => {
        if (value !== null && value !== undefined && typeof value !== 'object') {
          throw new TypeError('req.session can only be set to null or an object.');
        }
        session = value
          ? new EncryptedSession(value as Record<string, unknown>, { isNew: true, loadedJson: '' })
          : false;
      },
    });

    onHeaders(res, () => {
      if (session === undefined) {
        return;
      }
      const attributes = { ...cookie, maxAge: undefined, secure: options.secure(req) };
      if (session === false) {
        res.appendHeader(
          'Set-Cookie',
          serialize(name, '', { ...attributes, expires: new Date(0) }),
        );
        return;
      }
      const json = JSON.stringify(session);
      const changed = session.isNew ? json !== '{}' : json !== session[CONTEXT].loadedJson;
      if (changed) {
        const value = codec.seal(name, json);
        assertCookieFits(name, value.length, maxCookieBytes);
        const expires = new Date(Date.now() + cookie.maxAge);
        res.appendHeader('Set-Cookie', serialize(name, value, { ...attributes, expires }));
      }
    });

    next();
  };
}
