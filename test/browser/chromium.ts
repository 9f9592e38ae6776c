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

/**
 * Fails the suite when Chromium is missing, saying how to install it. `npm test` installs it
 * first (scripts/ensure-test-prerequisites.sh): a missing browser is never a reason to skip.
 */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: run \`npm test\` (it installs it) or ` +
        '`bash scripts/install-chromium.sh` (apt-get install chromium)',
    );
  }
}

/** Starts headless Chromium; each test opens its own context (its own cookie jar). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
