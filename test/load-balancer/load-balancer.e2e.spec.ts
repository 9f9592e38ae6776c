/**
 * Several processes of the sample app behind a real load balancer: three `node` processes
 * behind Debian's nginx, round-robin, in store mode on the Redis Cluster and in cookie mode.
 * Real Chromium logs in through nginx with every page load answered by another process; then
 * a bounded load run, with one process killed in the middle of it.
 */
import type { Browser } from 'playwright-core';
import { launchChromium, requireChromium } from '../browser/chromium.js';
import { addToCart, ALICE, cartItems, logIn, userBanner } from '../browser/sample-pages.js';
import { removeRunKeys } from '../stores/backends.js';
import { CLUSTER_URLS, RUN_ID, requireStoreServices } from '../stores/services.js';
import { loadRun, type LoadRunFigures } from './load-run.js';
import { Nginx, requireNginx, UPSTREAM_HEADER } from './nginx.js';
import { SampleBuild, type SampleProcesses } from './sample-processes.js';

requireChromium();
requireNginx();
await requireStoreServices();

const PROCESSES = 3;
const CLIENTS = 200;
const REQUESTS = 20;
/** The process the load run kills halfway. */
const KILLED = 1;

const MODES = [
  [
    'store mode on the Redis Cluster',
    {
      SESSION_MODE: 'store',
      SESSION_STORE: 'redis',
      SESSION_STORE_URL: CLUSTER_URLS.join(','),
      SESSION_STORE_PREFIX: `test:${RUN_ID}:lb:`,
    },
  ],
  ['cookie mode', { SESSION_MODE: 'cookie' }],
] as const;

let build: SampleBuild;
let browser: Browser;
beforeAll(async () => {
  [build, browser] = await Promise.all([SampleBuild.compile(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  build?.remove();
  await removeRunKeys();
});

describe.each(MODES)('three sample processes behind nginx, %s', (mode, modeEnv) => {
  let processes: SampleProcesses;
  let nginx: Nginx;

  beforeAll(async () => {
    processes = await build.start(PROCESSES, {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-secret-every-process-shares-of-32-chars-or-more',
      ...modeEnv,
    });
    nginx = await Nginx.start(processes.ports);
  }, 60_000);
  afterAll(async () => {
    await nginx?.stop();
    await processes?.stop();
  });

  it('serves one browser from every process in turn, logged in with its cart all along', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const answeredBy: string[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'document') {
          answeredBy.push(response.headers()[UPSTREAM_HEADER] ?? 'none');
        }
      });
      await logIn(page, nginx.url, ALICE);
      await addToCart(page, 'pear');
      await addToCart(page, 'fig');
      for (let i = 0; i < 6; i++) {
        await page.reload();
        expect(await userBanner(page)).toBe('Logged in as Alice');
        expect(await cartItems(page)).toEqual(['pear', 'fig']);
      }
      expect(new Set(answeredBy)).toEqual(
        new Set(processes.ports.map((port) => `127.0.0.1:${port}`)),
      );
      answeredBy.slice(1).forEach((process, i) => expect(process).not.toBe(answeredBy[i]));
    } finally {
      await context.close();
    }
  }, 60_000);

  it(`keeps ${CLIENTS} clients × ${REQUESTS} increments apart and whole, a process killed halfway`, async () => {
    const figures = await loadRun(nginx.url, {
      clients: CLIENTS,
      requests: REQUESTS,
      halfway: () => processes.kill(KILLED),
    });
    console.log(describeRun(mode, figures, `127.0.0.1:${processes.ports[KILLED]}`));

    expect(figures.crossTalk).toBe(0);
    expect(figures.lostIncrements).toBe(0);
    expect(figures.lostSessions).toBe(0);
    for (const port of processes.ports) {
      expect(figures.byProcess[`127.0.0.1:${port}`]).toBeGreaterThan(0);
    }
    expect(processes.stderr()).toBe('');
  }, 120_000);
});

/** The figures of a load run, as the README quotes them. */
function describeRun(mode: string, figures: LoadRunFigures, killed: string): string {
  const seconds = figures.milliseconds / 1000;
  const byProcess = Object.entries(figures.byProcess)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([process, count]) => `${process}${process === killed ? ' (killed)' : ''}: ${count}`)
    .join(', ');
  return [
    `Load run through nginx, ${mode}: ${figures.clients} clients × ${REQUESTS} increments`,
    `  ${figures.requests} requests in ${seconds.toFixed(1)} s ` +
      `(${Math.round(figures.requests / seconds)}/s); answered by ${byProcess}`,
    `  one process killed (SIGKILL) halfway: ${figures.failed} increments in flight on it ` +
      `got no answer, ${figures.appliedAnyway} of them applied all the same; each read back`,
    `  cross-talk: ${figures.crossTalk}; lost increments: ${figures.lostIncrements}; ` +
      `sessions lost: ${figures.lostSessions}`,
  ].join('\n');
}
