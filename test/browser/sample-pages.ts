import type { Locator, Page } from 'playwright-core';

/** The demo accounts the login page lists. */
export const ALICE = { username: 'alice', password: 'wonderland', name: 'Alice' };
export const BOB = { username: 'bob', password: 'builder', name: 'Bob' };

/**
 * Clicks a button that submits a form and waits for the page the redirect leads to. Waiting
 * for the URL is not enough when the form posts back to the page it is on.
 */
export async function submitWith(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** Logs in through the form on the home page, as a person would, and lands on /account. */
export async function logIn(page: Page, baseUrl: string, user: typeof ALICE): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await submitWith(page, page.getByRole('button', { name: 'Log in' }));
  expect(page.url()).toBe(`${baseUrl}/account`);
}

/** Adds `item` through the account page's form. */
export async function addToCart(page: Page, item: string): Promise<void> {
  await page.locator('select[name="item"]').selectOption(item);
  await submitWith(page, page.getByRole('button', { name: 'Add to cart' }));
  expect(page.url()).toMatch(/\/account$/);
}

/** Removes one `item` through its button on the account page. */
export async function removeFromCart(page: Page, item: string): Promise<void> {
  const entry = page.getByRole('listitem').filter({ hasText: item }).first();
  await submitWith(page, entry.getByRole('button', { name: 'Remove' }));
}

/** Logs out through the button of the current page and lands on the home page. */
export async function logOut(page: Page, baseUrl: string): Promise<void> {
  await submitWith(page, page.getByRole('button', { name: 'Log out' }));
  expect(page.url()).toBe(`${baseUrl}/`);
}

/** The items the account page lists in the cart. */
export async function cartItems(page: Page): Promise<string[]> {
  const items = await page.locator('[data-testid="cart"] li').allInnerTexts();
  return items.map((text) => text.replace(/\s*Remove$/, '').trim());
}

/** Who the header says is logged in. */
export function userBanner(page: Page): Promise<string> {
  return page.getByTestId('user').innerText();
}

/** The flash messages on the current page. */
export function flashes(page: Page): Promise<string[]> {
  return page.locator('.flash').allInnerTexts();
}

/** Checks that the page is the login form, i.e. that nobody is logged in. */
export async function expectLoggedOut(page: Page): Promise<void> {
  expect(await userBanner(page)).toBe('Not logged in');
  expect(await page.getByRole('button', { name: 'Log in' }).count()).toBe(1);
}

/**
 * How many lines the header's text takes: the line boxes of its text, grouped by their middle.
 * One when the header neither wraps its items nor breaks a text inside them.
 */
export function headerLineCount(page: Page): Promise<number> {
  return page.evaluate<number>(`(() => {
    const header = document.querySelector('header');
    const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
    const middles = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const box of range.getClientRects()) middles.push(box.top + box.height / 2);
    }
    middles.sort((a, b) => a - b);
    return middles.filter((middle, i) => i === 0 || middle - middles[i - 1] > 8).length;
  })()`);
}
