import type { CookieAnatomy } from '../cookie-anatomy.js';
import type { SessionModeSummary } from '../session-mode.js';
import { html, type SafeHtml } from './html.js';

/**
 * The start of a credential and its length: enough to recognise it, not enough to reuse it.
 * Echoing a whole session cookie into a page would hand it to any script on the page, which
 * is exactly what HttpOnly prevents.
 */
function preview(value: string): string {
  return `${value.slice(0, 8)}… (${value.length} characters)`;
}

/** What the session cookie carries in the current mode, and what the server keeps. */
export function cookiePage(
  anatomy: CookieAnatomy,
  summary: SessionModeSummary,
  serverView: object,
): SafeHtml {
  const name = summary.cookieName;
  const serverSide = html`<pre data-testid="server-view">
${JSON.stringify(serverView, null, 2)}</pre>`;
  switch (anatomy.kind) {
    case 'absent':
      return html`<p data-testid="anatomy">
        Your browser sent no <code>${name}</code> cookie: there is no session yet.
        <a href="/">Log in</a> to start one.
      </p>`;
    case 'signed-id':
      return html`<p data-testid="anatomy">
          In <strong>store mode</strong> the <code>${name}</code> cookie carries only a
          <strong>signed session ID</strong>:
          <code>s:${preview(anatomy.id)}.${preview(anatomy.signature)}</code>.
        </p>
        <p>
          The ID ${anatomy.matchesSession ? 'is' : 'is not'} the one the server sees
          (<code>@SessionId()</code>); the signature (an HMAC made with the secret) stops anyone
          from making up an ID. The data stays in the store, filed under a keyed hash of the ID:
        </p>
        ${serverSide}`;
    case 'sealed':
      return html`<p data-testid="anatomy">
          In <strong>cookie mode</strong> the <code>${name}</code> cookie carries the
          <strong>whole session, encrypted</strong> (AES-256-GCM):
          <code>${preview(anatomy.value)}</code>. Neither the browser nor this page can read it;
          only the server, which holds the secret, can open it. Opened on the server, it holds:
        </p>
        ${serverSide}
        <p>Nothing is kept on the server: the cookie is the session.</p>`;
    case 'readable':
      return html`<p data-testid="anatomy">
          In <strong>cookie mode with <code>encrypt: false</code></strong> the
          <code>${name}</code> cookie is <strong>readable base64 JSON</strong>: anyone holding it
          can decode it, as this page does without any secret:
        </p>
        <pre data-testid="decoded">${JSON.stringify(anatomy.payload, null, 2)}</pre>
        <p>
          The <code>${name}.sig</code> cookie
          (<code>${anatomy.signature ? preview(anatomy.signature) : 'missing'}</code>) signs it, so
          it cannot be changed, but nothing secret belongs in it.
        </p>`;
  }
}
