import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { isListening } from './services.js';

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `count` distinct ports nothing listens on right now. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    ports.add(await freePort());
  }
  return [...ports];
}

/** Waits until something listens on 127.0.0.1:`port`, for at most 5 seconds. */
export async function waitForPort(port: number, what = 'redis-server'): Promise<void> {
  for (let attempt = 0; !(await isListening(port)); attempt++) {
    if (attempt === 100) {
      throw new Error(`${what} did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A throw-away redis-server of the test's own on `port` (never the machine's), which the test
 * can stop and start again to play an outage, or pause to play a server that hangs. `args` are
 * more of its options (a cluster node's, a replica's); it keeps nothing on disk unless they say
 * so, in `dir` when given.
 */
export class RedisServer {
  private process: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly password?: string,
    private readonly args: readonly string[] = [],
    private readonly dir?: string,
  ) {}

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        ...(this.password ? ['--requirepass', this.password, '--masterauth', this.password] : []),
        ...this.args,
      ],
      { stdio: 'ignore', cwd: this.dir },
    );
    await waitForPort(this.port);
  }

  /** Kills the server at once (SIGKILL): what it had not written to disk is lost. */
  async stop(): Promise<void> {
    const running = this.process;
    this.process = undefined;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing answers. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  /** Lets a paused server go on (SIGCONT). */
  resume(): void {
    this.process?.kill('SIGCONT');
  }
}
