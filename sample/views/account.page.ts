import { CATALOGUE } from '../catalogue.js';
import { nameOf } from '../demo-users.js';
import type { SessionModeSummary } from '../session-mode.js';
import { html, type SafeHtml } from './html.js';

/** Who is logged in, in which mode, and the cart kept in the session. */
export function accountPage(
  userId: string,
  cart: readonly string[],
  summary: SessionModeSummary,
): SafeHtml {
  const items = cart.map(
    (item) =>
      html`<li>
        ${item}
        <form class="inline" method="post" action="/cart/remove">
          <input type="hidden" name="item" value="${item}" /><button>Remove</button>
        </form>
      </li>`,
  );
  return html`<p data-testid="who">
      Logged in as <strong>${nameOf(userId)}</strong> (<code>${userId}</code>), sessions in
      <strong>${summary.label}</strong>.
    </p>
    <h2>Cart</h2>
    ${
      cart.length > 0
        ? html`<ul data-testid="cart">
            ${items}
          </ul>`
        : html`<p data-testid="cart">Your cart is empty.</p>`
    }
    <form method="post" action="/cart">
      <select name="item">
        ${CATALOGUE.map((product) => html`<option>${product}</option>`)}
      </select>
      <button>Add to cart</button>
    </form>
    <h2>Your sessions</h2>
    <p><a href="/account/sessions">See every browser logged in as you, and log them out</a></p>
    <h2>Done?</h2>
    <form method="post" action="/logout"><button>Log out</button></form>`;
}
