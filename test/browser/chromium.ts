import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, installed by scripts/install-chromium.sh. Never a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless, and quiet on the network: without the background-networking flags Chromium keeps
 * calling Google's hosts, which a closed CI network refuses.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const MISSING =
  `Chromium is not installed at ${CHROMIUM_PATH}: run \`bash scripts/install-chromium.sh\` ` +
  '(apt-get install chromium) to run the browser tests.';

/**
 * `describe` when Chromium is installed. Without it: `describe.skip` with a message saying how
 * to install it, except in CI (CI=true), where a missing browser fails the run.
 */
export function describeWithChromium(): jest.Describe {
  if (existsSync(CHROMIUM_PATH)) {
    return describe;
  }
  if (process.env.CI === 'true') {
    throw new Error(MISSING);
  }
  console.warn(`Skipping the browser tests. ${MISSING}`);
  return describe.skip;
}

/** Starts headless Chromium; each test opens its own context (its own cookie jar). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
