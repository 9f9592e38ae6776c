import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const REPORTER = fileURLToPath(new URL('./skipped-tests-reporter.js', import.meta.url));
const JEST = fileURLToPath(new URL('../../node_modules/jest/bin/jest.js', import.meta.url));

/** Runs Jest, with the reporters of jest.config.js, on the fixture files `testMatch` names. */
function runJest(testMatch: string[]): Promise<{ code: number; lines: string[] }> {
  const config = { rootDir: FIXTURES, testMatch, transform: {}, reporters: ['default', REPORTER] };
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  delete env.NODE_OPTIONS;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [JEST, '--config', JSON.stringify(config), '--ci'],
      { cwd: REPO_ROOT, env },
      (error, stdout, stderr) => {
        const lines = `${stdout}${stderr}`.trimEnd().split('\n');
        resolve({ code: error ? Number(error.code) : 0, lines });
      },
    );
  });
}

describe('the skipped-tests reporter', () => {
  it('ends the output with how many tests did not run, where, and their names', async () => {
    const { code, lines } = await runJest(['**/*.fixture.cjs']);

    expect(code).toBe(0);
    expect(lines.slice(-7)).toEqual([
      'Skipped: these tests did not run',
      '  all-skipped.fixture.cjs: all 2',
      '  some-skipped.fixture.cjs:',
      '    - a suite is skipped',
      '    - a suite is to do',
      '    - a skipped suite is skipped with its suite',
      '5 tests skipped, in 2 files.',
    ]);
  }, 30_000);

  it('adds nothing when every test ran', async () => {
    const { code, lines } = await runJest(['**/all-ran.fixture.cjs']);

    expect(code).toBe(0);
    expect(lines.join('\n')).not.toMatch(/skipped|did not run/i);
    expect(lines.at(-1)).toMatch(/^Ran all test suites/);
  }, 30_000);
});
