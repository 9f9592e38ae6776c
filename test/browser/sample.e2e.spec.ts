/**
 * The sample app in a real browser (Debian's Chromium through playwright-core): what matters
 * about sessions is what a browser stores, sends and hides. Same app, mode chosen by env only.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, requireChromium } from './chromium.js';
import { startSample, type SampleServer } from './sample-server.js';
import {
  ALICE,
  BOB,
  addToCart,
  cartItems,
  expectLoggedOut,
  flashes,
  headerLineCount,
  logIn,
  logOut,
  removeFromCart,
  submitWith,
  userBanner,
} from './sample-pages.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SECRET = 'browser-test-secret-that-must-never-reach-a-page';
/** Common desktop widths, down to the narrowest at which the header must keep to one line. */
const WIDTHS = [1280, 1024, 1000];

/** [label, environment, mode label the header shows, stateful store?] */
const MODES = [
  ['store', { SESSION_MODE: 'store', SESSION_STORE: 'memory' }, 'store mode, memory store', true],
  ['cookie', { SESSION_MODE: 'cookie', SESSION_ENCRYPT: 'true' }, 'cookie mode, encrypted', false],
  [
    'signed cookie',
    { SESSION_MODE: 'cookie', SESSION_ENCRYPT: 'false' },
    'cookie mode, signed, readable',
    false,
  ],
] as const;

requireChromium();

describe('the sample app in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(() => browser?.close());

  const ON_PLATFORMS = (['express', 'fastify'] as const).flatMap((platform) =>
    MODES.map(
      ([label, env, modeLabel, stateful]) => [label, platform, env, modeLabel, stateful] as const,
    ),
  );

  describe.each(ON_PLATFORMS)('in %s mode on %s', (label, platform, env, modeLabel, stateful) => {
    let server: SampleServer;
    let context: BrowserContext;

    beforeAll(async () => {
      server = await startSample({ ...env, SESSION_SECRET: SECRET, SESSION_NAME: 'sid' }, platform);
    });
    afterAll(() => server?.close());
    beforeEach(async () => {
      context = await browser.newContext();
    });
    afterEach(() => context.close());

    it('logs in through the form, shows the flash once and stays logged in on reload', async () => {
      const page = await context.newPage();
      await page.goto(server.url);
      await expectLoggedOut(page);

      await logIn(page, server.url, ALICE);
      expect(await userBanner(page)).toBe('Logged in as Alice');
      expect(await page.getByTestId('mode').innerText()).toBe(modeLabel);
      expect(await flashes(page)).toEqual(['Welcome, Alice!']);
      const screenshot = `${ARTIFACTS}sample-logged-in-${label.replace(' ', '-')}-${platform}.png`;
      await page.screenshot({ path: screenshot, fullPage: true });

      await page.reload();
      expect(await page.getByTestId('who').innerText()).toContain('Logged in as Alice');
      expect(await flashes(page)).toEqual([]);
    });

    it('keeps the header on one line at 1280, 1024 and 1000 px wide', async () => {
      const page = await context.newPage();
      await logIn(page, server.url, ALICE);

      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 720 });
        const path = `${ARTIFACTS}sample-header-${label.replace(' ', '-')}-${platform}-${width}.png`;
        await page.locator('header').screenshot({ path });
        expect({ width, lines: await headerLineCount(page) }).toEqual({ width, lines: 1 });
      }
    });

    it('loads its pages without a single 404, with its own icon and a viewport', async () => {
      server.notFound.length = 0;
      const page = await context.newPage();
      await page.goto(server.url);
      await logIn(page, server.url, ALICE);
      await page.goto(`${server.url}/cookie`);
      // The browser asks for /favicon.ico on its own, just after a page loads.
      await page.waitForTimeout(500);

      expect(server.notFound).toEqual([]);
      const icon = await page.locator('link[rel="icon"]').getAttribute('href', { timeout: 1000 });
      expect(icon).toMatch(/^data:image\/svg\+xml,/);
      const iconWidth = await page.evaluate<number>(`new Promise((resolve) => {
        const image = new Image();
        image.onload = () => resolve(image.naturalWidth);
        image.onerror = () => resolve(0);
        image.src = ${JSON.stringify(icon)};
      })`);
      expect(iconWidth).toBeGreaterThan(0);
      expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toBe(
        'width=device-width, initial-scale=1',
      );
    });

    it('keeps a cart in the session', async () => {
      const page = await context.newPage();
      await logIn(page, server.url, ALICE);

      await addToCart(page, 'apple');
      await addToCart(page, 'pear');
      expect(await flashes(page)).toEqual(['Added pear to your cart.']);
      expect(await cartItems(page)).toEqual(['apple', 'pear']);

      await removeFromCart(page, 'apple');
      expect(await cartItems(page)).toEqual(['pear']);
      await page.reload();
      expect(await cartItems(page)).toEqual(['pear']);
    });

    it('hides the session cookie from page scripts (HttpOnly) while the browser holds it', async () => {
      const page = await context.newPage();
      await logIn(page, server.url, ALICE);

      // Run in the page, as a script of the site would: it sees its own cookie, not the session's.
      const seenByScripts = await page.evaluate<string>(
        'document.cookie = "probe=1"; document.cookie',
      );
      expect(seenByScripts).toBe('probe=1');
      const sid = (await context.cookies()).find((cookie) => cookie.name === 'sid');
      expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(sid?.value).not.toBe('');

      // The cookie is the session: without it, the browser is logged out.
      await context.clearCookies();
      await page.reload();
      await expectLoggedOut(page);
    });

    it('logs out and stays logged out', async () => {
      const page = await context.newPage();
      await logIn(page, server.url, ALICE);

      await logOut(page, server.url);
      expect(await flashes(page)).toEqual(['You are logged out.']);
      await expectLoggedOut(page);

      await page.goto(`${server.url}/account`);
      expect(page.url()).toBe(`${server.url}/`);
      expect(await flashes(page)).toEqual(['Please log in first.']);
      await expectLoggedOut(page);
    });

    it(`${stateful ? 'refuses' : 'still accepts (stateless)'} a cookie copied before logout`, async () => {
      const page = await context.newPage();
      await logIn(page, server.url, ALICE);
      const copied = await context.cookies();
      await logOut(page, server.url);

      const replay = await browser.newContext();
      try {
        await replay.addCookies(copied);
        const replayed = await replay.newPage();
        await replayed.goto(`${server.url}/account`);
        if (stateful) {
          await expectLoggedOut(replayed);
        } else {
          // Cookie mode keeps nothing on the server: a copy lives until its own expiry.
          expect(await userBanner(replayed)).toBe('Logged in as Alice');
        }
      } finally {
        await replay.close();
      }
    });

    it('keeps two users in two browser contexts apart', async () => {
      const other = await browser.newContext();
      try {
        const alice = await context.newPage();
        const bob = await other.newPage();
        await logIn(alice, server.url, ALICE);
        await logIn(bob, server.url, BOB);
        await addToCart(alice, 'apple');
        await addToCart(bob, 'fig');
        await addToCart(bob, 'cherry');

        await Promise.all([alice.reload(), bob.reload()]);
        expect(await userBanner(alice)).toBe('Logged in as Alice');
        expect(await cartItems(alice)).toEqual(['apple']);
        expect(await userBanner(bob)).toBe('Logged in as Bob');
        expect(await cartItems(bob)).toEqual(['fig', 'cherry']);
      } finally {
        await other.close();
      }
    });

    it('shows what the cookie carries, never the secret nor the whole cookie', async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}/cookie`);
      expect(await page.getByTestId('anatomy').innerText()).toContain('no sid cookie');

      await logIn(page, server.url, ALICE);
      await page.goto(`${server.url}/cookie`);
      const anatomy = await page.getByTestId('anatomy').innerText();
      const content = await page.content();
      const sid = (await context.cookies()).find((cookie) => cookie.name === 'sid')!;
      expect(content).not.toContain(SECRET);
      expect(content).not.toContain(decodeURIComponent(sid.value));

      if (label === 'store') {
        expect(anatomy).toContain('signed session ID');
        expect(await page.getByTestId('server-view').innerText()).toContain('"userId": "alice"');
      } else if (label === 'cookie') {
        expect(anatomy).toContain('whole session, encrypted');
      } else {
        expect(anatomy).toContain('readable base64 JSON');
        const decoded = JSON.parse(await page.getByTestId('decoded').innerText());
        expect(decoded).toMatchObject({ userId: 'alice', __session: { id: expect.any(String) } });
      }
    });
  });
});

/** [label, environment]: the modes that keep a user's sessions. */
const KEEPING_MODES = [
  ['store', { SESSION_MODE: 'store', SESSION_STORE: 'memory' }],
  ['cookie with revocations', { SESSION_MODE: 'cookie', SESSION_REVOCATION_STORE: 'memory' }],
] as const;

describe('"Your sessions" in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  const ON_PLATFORMS = (['express', 'fastify'] as const).flatMap((platform) =>
    KEEPING_MODES.map(([label, env]) => [label, platform, env] as const),
  );

  describe.each(ON_PLATFORMS)('in %s mode on %s', (label, platform, env) => {
    let server: SampleServer;
    const devices: BrowserContext[] = [];
    /** A browser of its own, with its own user agent, logged in as `user`. */
    const loggedIn = async (agent: string, user = ALICE): Promise<Page> => {
      const context = await browser.newContext({ userAgent: agent });
      devices.push(context);
      const page = await context.newPage();
      await logIn(page, server.url, user);
      return page;
    };
    const rows = (page: Page) => page.getByTestId('device');

    beforeAll(async () => {
      server = await startSample(
        { ...env, SESSION_SECRET: SECRET, SESSION_TRACK: 'userAgent' },
        platform,
      );
    });
    afterAll(() => server?.close());
    afterEach(async () => {
      await Promise.all(devices.splice(0).map((context) => context.close()));
    });

    it('lists both browsers, and logs the other one out from this one', async () => {
      const laptop = await loggedIn('Laptop browser');
      const phone = await loggedIn('Phone browser');

      await laptop.goto(`${server.url}/account/sessions`);
      expect(await rows(laptop).count()).toBe(2);
      const self = rows(laptop).filter({ has: laptop.getByTestId('this-device') });
      expect(await self.innerText()).toContain('Laptop browser');
      const other = rows(laptop).filter({ hasText: 'Phone browser' });
      await laptop.screenshot({
        path: `${ARTIFACTS}sample-sessions-${label.replaceAll(' ', '-')}-${platform}.png`,
        fullPage: true,
      });

      await submitWith(laptop, other.getByRole('button', { name: 'Log out this device' }));
      expect(await flashes(laptop)).toEqual(['That device is logged out.']);
      expect(await rows(laptop).count()).toBe(1);

      await phone.reload();
      expect(phone.url()).toBe(`${server.url}/`);
      await expectLoggedOut(phone);
      await laptop.goto(`${server.url}/account`);
      expect(await userBanner(laptop)).toBe('Logged in as Alice');
    });

    it('logs out everywhere else, keeping this browser', async () => {
      const [laptop, phone, tablet] = [
        await loggedIn('Laptop browser', BOB),
        await loggedIn('Phone browser', BOB),
        await loggedIn('Tablet browser', BOB),
      ];
      await laptop.goto(`${server.url}/account/sessions`);
      expect(await rows(laptop).count()).toBe(3);

      await submitWith(laptop, laptop.getByRole('button', { name: 'Log out everywhere else' }));
      expect(await flashes(laptop)).toEqual(['Logged out everywhere else (2 other session(s)).']);
      expect(await rows(laptop).count()).toBe(1);
      for (const page of [phone, tablet]) {
        await page.reload();
        await expectLoggedOut(page);
      }
    });
  });

  it('says why cookie mode without a revocation store lists nothing', async () => {
    const server = await startSample({ SESSION_MODE: 'cookie', SESSION_SECRET: SECRET });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await logIn(page, server.url, ALICE);
      await page.goto(`${server.url}/account/sessions`);
      expect(await page.getByTestId('devices-unavailable').innerText()).toContain(
        'SESSION_REVOCATION_STORE=memory',
      );
    } finally {
      await context.close();
      await server.close();
    }
  });
});
