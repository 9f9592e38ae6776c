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

/**
 * A throw-away redis-server of the test's own on `port` (never the machine's on 6379), which
 * the test can stop and start again to play an outage.
 */
export class RedisServer {
  private process: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly password: string,
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
        '--requirepass',
        this.password,
      ],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; !(await isListening(this.port)); attempt++) {
      if (attempt === 100) {
        throw new Error(`redis-server did not start on port ${this.port}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    const running = this.process;
    this.process = undefined;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    }
  }
}
