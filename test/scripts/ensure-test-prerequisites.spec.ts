/**
 * scripts/ensure-test-prerequisites.sh, which `npm test` runs first. With every server, Chromium
 * and nginx present (as they are by the time jest runs), only the "missing" paths of Chromium and
 * nginx can be shown here, through the script's TEST_CHROMIUM_PATH and TEST_NGINX_PATH.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = 'scripts/ensure-test-prerequisites.sh';

interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
  milliseconds: number;
}

/**
 * A copy of the script in a folder anyone can read: the checkout itself may sit in a folder
 * only its owner can enter (a `mktemp -d` clone), where `nobody` could not even start it.
 */
function readableCopy(): string {
  const folder = mkdtempSync(join(tmpdir(), 'session-kit-script-'));
  mkdirSync(join(folder, 'scripts'));
  copyFileSync(join(REPO_ROOT, SCRIPT), join(folder, SCRIPT));
  chmodSync(folder, 0o755);
  chmodSync(join(folder, 'scripts'), 0o755);
  chmodSync(join(folder, SCRIPT), 0o644);
  return folder;
}

/** Runs the script as this user, or as `nobody` (who cannot install anything) when asked. */
async function runScript(env: Record<string, string>, asNobody = false): Promise<ScriptRun> {
  // Root can drop to `nobody`; any other user already cannot install.
  const dropToNobody = asNobody && process.getuid?.() === 0;
  const cwd = dropToNobody ? readableCopy() : REPO_ROOT;
  const command = dropToNobody
    ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', 'bash', SCRIPT]
    : ['bash', SCRIPT];
  const started = performance.now();
  try {
    return await new Promise((resolve) => {
      execFile(
        command[0]!,
        command.slice(1),
        { cwd, env: { ...process.env, ...env } },
        (error, stdout, stderr) => {
          const code = error ? Number(error.code) : 0;
          resolve({ code, stdout, stderr, milliseconds: performance.now() - started });
        },
      );
    });
  } finally {
    if (cwd !== REPO_ROOT) {
      rmSync(cwd, { recursive: true, force: true });
    }
  }
}

describe('scripts/ensure-test-prerequisites.sh', () => {
  it('finds everything in place in well under a second, and says nothing', async () => {
    const run = await runScript({});

    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(run.milliseconds).toBeLessThan(1000);
  });

  it('stops a user who cannot install with one line saying what is missing and what to run', async () => {
    const run = await runScript({ TEST_CHROMIUM_PATH: '/nonexistent/chromium' }, true);

    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      'npm test needs Chromium (/nonexistent/chromium): run ' +
        '`sudo bash scripts/install-chromium.sh`, then npm test again.\n',
    );
  });

  it('names every script to run, once each, when several things are missing', async () => {
    const run = await runScript(
      { TEST_CHROMIUM_PATH: '/nonexistent/chromium', TEST_NGINX_PATH: '/nonexistent/nginx' },
      true,
    );

    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      'npm test needs Chromium (/nonexistent/chromium), nginx (/nonexistent/nginx): run ' +
        '`sudo bash scripts/install-chromium.sh && sudo bash scripts/install-nginx.sh`, then ' +
        'npm test again.\n',
    );
  });
});
