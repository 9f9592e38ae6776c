import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePorts, waitForPort } from '../stores/redis-server.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(REPO_ROOT, 'node_modules/.bin/tsc');
const APP_CONFIG = join(REPO_ROOT, 'test/load-balancer/app/tsconfig.json');
/** The entry point, under the build folder. */
const MAIN = 'test/load-balancer/app/main.js';

/**
 * The sample app with the load run's counter route (test/load-balancer/app), compiled by tsc
 * into a temporary folder, as `npm start` compiles the sample (decorator metadata included):
 * each process runs `node main.js` there. The folder sees the repository's node_modules
 * through a link, and is their working directory, so that no `sample/.env` is read.
 */
export class SampleBuild {
  private constructor(readonly folder: string) {}

  static async compile(): Promise<SampleBuild> {
    const folder = mkdtempSync(join(tmpdir(), 'session-kit-lb-'));
    await promisify(execFile)(TSC, ['-p', APP_CONFIG, '--outDir', folder]);
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(folder, 'node_modules'));
    return new SampleBuild(folder);
  }

  /** Starts `count` processes on free ports, configured by `env` (SESSION_* variables). */
  async start(count: number, env: Record<string, string>): Promise<SampleProcesses> {
    const ports = await freePorts(count);
    const processes = ports.map((port) =>
      spawn(process.execPath, [MAIN], {
        cwd: this.folder,
        env: { PATH: process.env.PATH, ...env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    const running = new SampleProcesses(ports, processes);
    await Promise.all(ports.map((port) => waitForPort(port, 'the sample app')));
    return running;
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Sample app processes, each on its own port. */
export class SampleProcesses {
  private readonly errors: string[] = [];

  constructor(
    readonly ports: number[],
    private readonly processes: ChildProcess[],
  ) {
    for (const child of processes) {
      child.stderr?.setEncoding('utf8').on('data', (text: string) => this.errors.push(text));
    }
  }

  /** Kills process `index` at once (SIGKILL), as a crash would. */
  async kill(index: number): Promise<void> {
    await stopProcess(this.processes[index]!, 'SIGKILL');
  }

  /** What the processes wrote to stderr (Nest's errors and warnings). */
  stderr(): string {
    return this.errors.join('');
  }

  /** Stops every process as a deployment would (SIGTERM: Nest's shutdown hooks run). */
  async stop(): Promise<void> {
    await Promise.all(this.processes.map((child) => stopProcess(child, 'SIGTERM')));
  }
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
