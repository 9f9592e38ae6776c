import { DEMO_USERS, nameOf } from '../demo-users.js';
import { html, type SafeHtml } from './html.js';

/** The login form with the demo credentials, or, once logged in, where to go next. */
export function homePage(userId: string | undefined): SafeHtml {
  if (userId) {
    return html`<p>You are logged in as <strong>${nameOf(userId)}</strong>.</p>
      <p><a href="/account">Go to your account and cart</a></p>
      <form method="post" action="/logout"><button>Log out</button></form>`;
  }
  return html`<form method="post" action="/login">
      <label>Username <input name="username" autocomplete="username" required /></label>
      <label
        >Password <input name="password" type="password" autocomplete="current-password" required
      /></label>
      <button>Log in</button>
    </form>
    <h2>Demo accounts</h2>
    <table>
      <tr>
        <th>Username</th>
        <th>Password</th>
      </tr>
      ${DEMO_USERS.map(
        (user) =>
          html`<tr>
            <td><code>${user.username}</code></td>
            <td><code>${user.password}</code></td>
          </tr>`,
      )}
    </table>
    <p>
      Log in as one user here and as the other in a private window: the two sessions stay apart.
    </p>`;
}
