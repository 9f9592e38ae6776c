import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { childEnv } from '../package/packed-install.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** An app of the suite running in a child process. */
export interface ChildApp {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The `Cookie` header value of a session holding `{ userId: 'bob' }`, from `sessionCookie`. */
  readonly bobCookie: string;
  stop(): Promise<void>;
}

/**
 * Runs `entry` (a file of the repository) with `args` in a child Node process, on the sources
 * of lib/ and the suite as they are: each file transpiled alone (decorator metadata included,
 * no type check), into a folder inside the repository so that packages resolve as here.
 */
export async function startChildApp(
  entry: string,
  sources: string[],
  args: string[],
): Promise<ChildApp> {
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, 'child-app-'));
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const file of [...sources.flatMap(filesUnder), entry]) {
    const { outputText } = ts.transpileModule(readFileSync(join(REPO_ROOT, file), 'utf8'), {
      compilerOptions: {
        target: ts.ScriptTarget.ES2023,
        module: ts.ModuleKind.ESNext,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    });
    const target = join(out, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  const child = spawn(process.execPath, [join(out, entry.replace(/\.ts$/, '.js')), ...args], {
    cwd: REPO_ROOT,
    env: childEnv(),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(out, { recursive: true, force: true });
  };
  try {
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${entry} did not start:\n${output}`)),
        30_000,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${entry} exited with ${code}:\n${output}`));
      });
      child.stdout.on('data', () => {
        const match = /cookie (.*)\nlistening on (\d+)\n/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        }
      });
    });
    return { url: `http://127.0.0.1:${ready[2]}`, bobCookie: ready[1], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The .ts files under `path` (a file or a folder of the repository), relative to the root. */
function filesUnder(path: string): string[] {
  const absolute = join(REPO_ROOT, path);
  if (path.endsWith('.ts')) return [path];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => relative(REPO_ROOT, join(absolute, file)));
}
