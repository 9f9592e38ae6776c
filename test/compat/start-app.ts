import { spawn } from 'node:child_process';
import { childEnv } from '../package/packed-install.js';

/** How long an app may take to print its ready line. */
const START_TIMEOUT = 20_000;

/** The line the compat apps print once they accept requests. */
const READY = /listening on (\d+) with @nestjs\/core (\S+)\n/;

/** A compat app running as a child process. */
export interface RunningApp {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The version of `@nestjs/core` the app loaded. */
  readonly nestVersion: string;
  /** What the app wrote to stdout and stderr besides its ready line. */
  output(): string;
  /** Stops the app with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
}

/** Runs `node main.js ...args` in `dir` and resolves once the app prints its ready line. */
export function startApp(dir: string, args: string[]): Promise<RunningApp> {
  const child = spawn(process.execPath, ['main.js', ...args], { cwd: dir, env: childEnv() });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`The app in ${dir} ${reason}. Its output:\n${output}`));
    };
    const timer = setTimeout(() => fail('did not start in time'), START_TIMEOUT);
    const exitedEarly = (code: number | null) =>
      fail(`exited with code ${code} before it was ready`);
    child.once('exit', exitedEarly);
    child.stdout.on('data', () => {
      const ready = READY.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      output = output.replace(ready[0], '');
      resolve({
        url: `http://127.0.0.1:${ready[1]}`,
        nestVersion: ready[2],
        output: () => output,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
