import { execFile } from 'node:child_process';
import { access, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the package that is packed. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Room for `npm pack` and one `npm install` from the registry, even with a cold cache. */
export const INSTALL_TIMEOUT = 180_000;

/** Installs without touching package.json, writing a lockfile, auditing or asking for funds. */
const NPM_INSTALL_FLAGS = [
  '--no-save',
  '--no-package-lock',
  '--no-audit',
  '--no-fund',
  '--loglevel=error',
];

/** A folder under `os.tmpdir()` where the packed library is installed. */
export interface PackedInstall {
  /** The folder; `node_modules/nestjs-session-kit` holds the tarball's content. */
  readonly dir: string;
  /** Deletes the folder. */
  remove(): Promise<void>;
}

/** What to install next to the tarball. */
export interface PackedInstallOptions {
  /** Packages to install with it, as `npm install` takes them (`@nestjs/common@12`). */
  packages?: string[];
  /** An app folder copied first, so that its package.json dependencies are installed too. */
  app?: string;
}

/**
 * Packs the built repository (`npm run build` first; `npm test` does) with `npm pack` and
 * installs the tarball into a fresh folder under `os.tmpdir()`. The folder is outside the
 * repository, so only what the package declares resolves from it.
 */
export async function installPacked(options: PackedInstallOptions = {}): Promise<PackedInstall> {
  await access(join(REPO_ROOT, 'dist', 'index.js')).catch(() => {
    throw new Error('dist/index.js is missing: run `npm run build` before the package tests.');
  });
  const dir = await mkdtemp(join(tmpdir(), 'nestjs-session-kit-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    if (options.app) {
      await cp(options.app, dir, { recursive: true });
    } else {
      await writeFile(join(dir, 'package.json'), '{ "name": "packed-install", "private": true }\n');
    }
    const { filename } = await pack(['--pack-destination', dir]);
    await run(
      'npm',
      ['install', ...NPM_INSTALL_FLAGS, `./${filename}`, ...(options.packages ?? [])],
      dir,
    );
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}

/** The paths `npm pack` puts in the tarball, relative to the package root. */
export async function packedFiles(): Promise<string[]> {
  const { files } = await pack(['--dry-run']);
  return files.map((file) => file.path);
}

/** Runs `node ...args` in `dir` with the Node that runs the tests; resolves with its stdout. */
export function runNode(dir: string, args: string[]): Promise<string> {
  return run(process.execPath, args, dir);
}

/** The environment of every child process, without jest's `--experimental-vm-modules`. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** What `npm pack --json` reports about the one package it packed. */
interface PackResult {
  filename: string;
  files: { path: string }[];
}

/** Runs `npm pack --json` in the repository with `args`. */
async function pack(args: string[]): Promise<PackResult> {
  const [result] = JSON.parse(await run('npm', ['pack', '--json', ...args], REPO_ROOT)) as [
    PackResult,
  ];
  return result;
}

/** Runs a command to completion; a failure's message carries the command and its output. */
function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, env: childEnv(), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const shown = [command, ...args].join(' ').slice(0, 300);
          const output = `${stderr}${stdout}`.trim() || error.message;
          reject(new Error(`\`${shown}\` failed in ${cwd}:\n${output}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}
