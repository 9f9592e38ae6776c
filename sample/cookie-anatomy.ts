import type { SessionModeSummary } from './session-mode.js';

/** What the session cookie a request came with is made of, for the cookie page. */
export type CookieAnatomy =
  | { kind: 'absent' }
  /** Store mode: `s:<ID>.<signature>`; the data stays on the server. */
  | { kind: 'signed-id'; id: string; signature: string; matchesSession: boolean }
  /** Cookie mode, encrypted: one AES-256-GCM sealed value nobody can read without the secret. */
  | { kind: 'sealed'; value: string }
  /** Cookie mode, `encrypt: false`: base64 JSON that anyone can decode, signed in `<name>.sig`. */
  | { kind: 'readable'; value: string; payload: unknown; signature: string | undefined };

/**
 * Takes apart the session cookie among `cookies` (the request's, by name). Works on what the
 * browser sent, never on the secret: in store and encrypted cookie mode it cannot say more.
 */
export function dissectSessionCookie(
  cookies: Record<string, string | undefined>,
  summary: SessionModeSummary,
  sessionId: string,
): CookieAnatomy {
  const value = cookies[summary.cookieName];
  if (!value) {
    return { kind: 'absent' };
  }
  if (summary.mode === 'store') {
    const signed = value.replace(/^s:/, '');
    const dot = signed.lastIndexOf('.');
    const id = signed.slice(0, dot);
    return {
      kind: 'signed-id',
      id,
      signature: signed.slice(dot + 1),
      matchesSession: id === sessionId,
    };
  }
  if (summary.encrypted) {
    return { kind: 'sealed', value };
  }
  const signature = cookies[`${summary.cookieName}.sig`];
  return { kind: 'readable', value, payload: decodeJson(value), signature };
}

function decodeJson(base64: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    return null;
  }
}
