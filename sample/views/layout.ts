import type { SessionHandle } from '../../lib/index.js';
import { nameOf } from '../demo-users.js';
import type { SessionModeSummary } from '../session-mode.js';
import { html, SafeHtml } from './html.js';
import '../session-data.js';

/** Trusted markup, so that `html` does not escape the selectors' `>` and quotes. */
const STYLE = new SafeHtml(`
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2430; }
  header { background: #1d2430; color: #fff; padding: 12px 20px; display: flex; gap: 8px 16px;
    align-items: center; flex-wrap: wrap; font-size: 15px; }
  header > * { white-space: nowrap; }
  header [data-testid="user"] { margin-left: auto; }
  header a { color: #cfe0ff; }
  header .mode { background: #3b6fd8; border-radius: 12px; padding: 2px 10px; font-size: 13px; }
  main { max-width: 760px; margin: 24px auto; background: #fff; padding: 24px 32px;
    border-radius: 8px; box-shadow: 0 1px 3px #0002; }
  .flash { padding: 8px 12px; border-radius: 6px; margin: 0 0 16px; }
  .flash.info { background: #e3f6e8; color: #17572c; }
  .flash.error { background: #fde8e8; color: #8a1c1c; }
  code, pre { background: #f0f2f5; border-radius: 4px; padding: 1px 4px; overflow-wrap: anywhere; }
  pre { padding: 12px; white-space: pre-wrap; }
  form.inline { display: inline; }
  label { display: block; margin: 8px 0; }
  input, select, button { font: inherit; padding: 4px 8px; }
  table { border-collapse: collapse; } td, th { padding: 4px 12px 4px 0; text-align: left; }
`);

/**
 * The tab icon, a cookie, inline: with an icon of its own the browser never asks for
 * /favicon.ico, which the app does not serve.
 */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">' +
    '<circle cx="8" cy="8" r="7.5" fill="#3b6fd8"/>' +
    '<circle cx="5" cy="6" r="1.3" fill="#1d2430"/><circle cx="10" cy="5" r="1" fill="#1d2430"/>' +
    '<circle cx="9.5" cy="10.5" r="1.4" fill="#1d2430"/></svg>',
)}`;

/** The pages' content type: Express would default to it, Fastify to text/plain. */
export const HTML = 'text/html; charset=utf-8';

/** What every page shows besides its own content. */
export interface PageFrame {
  title: string;
  session: SessionHandle;
  summary: SessionModeSummary;
}

/**
 * A whole page: header (mode, who is logged in, links), the flash messages queued for this
 * request (reading them here removes them, so each shows once), then `body`.
 */
export function layout({ title, session, summary }: PageFrame, body: SafeHtml): string {
  const userId = session.get('userId');
  const flashes = (kind: 'info' | 'error') =>
    session
      .flashes(kind)
      .map((message) => html`<p class="flash ${kind}" role="status">${message}</p>`);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="${FAVICON}" />
        <title>${title} · nestjs-session-kit sample</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header>
          <strong>nestjs-session-kit sample</strong>
          <span class="mode" data-testid="mode">${summary.label}</span>
          <nav>
            <a href="/">Home</a> · <a href="/account">Account</a> ·
            <a href="/cookie">What the cookie carries</a>
          </nav>
          <span data-testid="user"
            >${userId ? `Logged in as ${nameOf(userId)}` : 'Not logged in'}</span
          >
        </header>
        <main>
          ${flashes('info')} ${flashes('error')}
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`.markup;
}
