import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { onServerCores } from '../cores.js';
import { parseHandshake, type Handshake } from '../servers/handshake.js';
import { baseServer, type BenchServerName } from '../servers/server-names.js';

/** Where twins of the servers come from: another revision's build, another Node. */
export interface Twins {
  /** `main.js` of the benchmark servers on the `BENCH_BASELINE` revision's build. */
  baselineEntry?: string;
  /** The Node 24 binary `…@node24` servers run on. */
  node24?: string;
}

const SERVER_ENTRY = fileURLToPath(new URL('../servers/main.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
/** How much of a crashed server's stderr to quote. */
const STDERR_TAIL_CHARS = 600;

/** A running benchmark server process. */
export class ServerProcess {
  private constructor(
    readonly name: BenchServerName,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Starts server `name` on the servers' cores and waits for its handshake. Resolves to the
   * reason instead when it cannot run (a store it needs is missing, it crashed). With
   * `profileDir`, the server runs under `--cpu-prof` and writes its profile there on stop. A
   * `…@baseline` server runs from `twins.baselineEntry` (see `prepareBaseline`), a `…@node24`
   * one on `twins.node24`.
   */
  static async start(
    name: BenchServerName,
    { profileDir, ...twins }: { profileDir?: string } & Twins = {},
  ): Promise<{ server: ServerProcess } | { reason: string }> {
    const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const entry = name.endsWith('@baseline') ? twins.baselineEntry : SERVER_ENTRY;
    const node = name.endsWith('@node24') ? twins.node24 : process.execPath;
    if (!entry || !node) {
      return { reason: `no ${entry ? 'Node 24' : 'baseline'} was prepared` };
    }
    const [command, args] = onServerCores(node, [...flags, entry, baseServer(name)]);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    const handshake = await waitForHandshake(child);
    if (handshake?.ready) {
      return { server: new ServerProcess(name, handshake.port, child) };
    }
    child.kill('SIGKILL');
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    return {
      reason:
        handshake?.reason ?? `the server exited or hung before listening (${tail || 'no output'})`,
    };
  }

  /** Closes the server gracefully (which writes its CPU profile), or kills it after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function waitForHandshake(child: ChildProcess): Promise<Handshake | undefined> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: child.stdout! });
    const finish = (handshake: Handshake | undefined) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
      resolve(handshake);
    };
    const onLine = (line: string) => {
      const handshake = parseHandshake(line);
      if (handshake) {
        finish(handshake);
      }
    };
    const onExit = () => finish(undefined);
    const timer = setTimeout(() => finish(undefined), START_TIMEOUT_MS);
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}
