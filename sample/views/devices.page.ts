import type { SessionInfo } from '../../lib/index.js';
import type { SessionModeSummary } from '../session-mode.js';
import { html, type SafeHtml } from './html.js';

/** The page's times: to the minute, in UTC, the same on every machine. */
function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The user's sessions, this one marked, each other with a button that ends it; or, when the
 * configuration keeps none (cookie mode without a revocation store), why.
 */
export function devicesPage(
  devices: readonly SessionInfo[] | undefined,
  summary: SessionModeSummary,
): SafeHtml {
  if (!devices) {
    return html`<p data-testid="devices-unavailable">
      In ${summary.label}, each session lives in its cookie and nothing on the server remembers it.
      Set <code>SESSION_REVOCATION_STORE=memory</code> (or <code>redis</code>,
      <code>postgres</code>, <code>sqlite</code>) to list sessions and end them.
    </p>`;
  }
  const rows = devices.map(
    (device) =>
      html`<tr data-testid="device">
        <td>${device.userAgent ?? html`<em>not tracked (SESSION_TRACK=userAgent)</em>`}</td>
        <td>${when(device.createdAt)}</td>
        <td>${when(device.lastSeenAt)}</td>
        <td>
          ${
            device.current
              ? html`<strong data-testid="this-device">this device</strong>`
              : html`<form class="inline" method="post" action="/account/sessions/revoke">
                  <input type="hidden" name="key" value="${device.key}" />
                  <button>Log out this device</button>
                </form>`
          }
        </td>
      </tr>`,
  );
  return html`<p>Every browser logged in as you, in ${summary.label}.</p>
    <table>
      <tr>
        <th>Browser</th>
        <th>Logged in</th>
        <th>Last seen</th>
        <th></th>
      </tr>
      ${rows}
    </table>
    <form method="post" action="/account/sessions/revoke-others">
      <button>Log out everywhere else</button>
    </form>
    <p><a href="/account">Back to your account</a></p>`;
}
