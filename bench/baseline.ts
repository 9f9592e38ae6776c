import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The library of another revision, built beside this checkout's benchmark servers. */
export interface Baseline {
  /** `main.js` of the benchmark servers, running that revision's `dist/`. */
  entry: string;
  remove(): void;
}

/**
 * Checks out `revision` in a temporary worktree, builds its library there, and puts this
 * checkout's compiled benchmark (dist-bench/) beside it: the same servers and routes then
 * import the other revision's `dist/`. Run from the package root, after `npm run bench`'s build.
 */
export function prepareBaseline(revision: string): Baseline {
  const root = process.cwd();
  const folder = join(mkdtempSync(join(tmpdir(), 'session-kit-baseline-')), 'checkout');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  git('worktree', 'add', '--detach', folder, revision);
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: folder,
      stdio: 'inherit',
    },
  );
  cpSync(join(root, 'dist-bench'), join(folder, 'dist-bench'), { recursive: true });
  return {
    entry: join(folder, 'dist-bench', 'servers', 'main.js'),
    remove: () => {
      git('worktree', 'remove', '--force', folder);
      rmSync(resolve(folder, '..'), { recursive: true, force: true });
    },
  };
}
