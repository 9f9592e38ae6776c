import { relative } from 'node:path';
import process from 'node:process';
import { setImmediate } from 'node:timers';

/** Statuses of tests that did not run (`it.skip`, `describe.skip`, `it.todo`, outside `-t`). */
const NOT_RUN = new Set(['skipped', 'pending', 'todo', 'disabled']);

/** Names listed at most; the count line still counts them all. */
const MAX_LISTED = 30;

/**
 * A Jest reporter that ends the run's output with the tests that did not run: how many, in
 * which files, and their names. A run that skipped nothing prints nothing here.
 */
export default class SkippedTestsReporter {
  /** @param {import('@jest/types').Config.GlobalConfig} globalConfig */
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  /**
   * @param {unknown} _contexts
   * @param {import('@jest/test-result').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    const { rootDir, testNamePattern } = this.globalConfig;
    const files = results.testResults
      .map((file) => ({
        path: relative(rootDir, file.testFilePath),
        skipped: file.testResults.filter(({ status }) => NOT_RUN.has(status)),
        total: file.testResults.length,
      }))
      .filter(({ skipped }) => skipped.length > 0)
      .sort((a, b) => a.path.localeCompare(b.path));
    if (files.length === 0) {
      return;
    }
    const count = files.reduce((sum, { skipped }) => sum + skipped.length, 0);
    const lines = ['', 'Skipped: these tests did not run'];
    for (const file of files) {
      if (file.skipped.length === file.total) {
        lines.push(`  ${file.path}: all ${file.total}`);
      } else {
        lines.push(`  ${file.path}:`, ...file.skipped.map(({ fullName }) => `    - ${fullName}`));
      }
    }
    if (lines.length > MAX_LISTED + 2) {
      lines.splice(MAX_LISTED + 2, Infinity, `  … (${lines.length - MAX_LISTED - 2} more lines)`);
    }
    const why = testNamePattern ? ` (outside -t ${JSON.stringify(testNamePattern)})` : '';
    lines.push(`${counted(count, 'test')} skipped${why}, in ${counted(files.length, 'file')}.`);
    // Jest runs its summary reporter after every configured one, in the same turn of the event
    // loop: writing on the next turn puts these lines after the summary, at the very end.
    setImmediate(() => process.stderr.write(`${lines.join('\n')}\n`));
  }
}

/** `1 test`, `2 tests`. */
function counted(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
