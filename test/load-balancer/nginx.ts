import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from '../stores/redis-server.js';

/** Debian's nginx, installed by scripts/install-nginx.sh. */
export const NGINX_PATH = '/usr/sbin/nginx';

/**
 * Fails the suite when nginx is missing, saying how to install it. `npm test` installs it first
 * (scripts/ensure-test-prerequisites.sh): a missing nginx is never a reason to skip.
 */
export function requireNginx(): void {
  if (!existsSync(NGINX_PATH)) {
    throw new Error(
      `nginx is not installed at ${NGINX_PATH}: run \`npm test\` (it installs it) or ` +
        '`bash scripts/install-nginx.sh` (apt-get install nginx)',
    );
  }
}

/** The response header that names the process that answered (nginx's `$upstream_addr`). */
export const UPSTREAM_HEADER = 'x-upstream';

/**
 * nginx on a loopback port, balancing requests round-robin over the processes listening on
 * `ports`, as the README's recipe sets it up, plus a header that names the process that
 * answered. It runs in the foreground from a temporary folder of its own (configuration, pid,
 * logs, buffers): nothing outside it is touched.
 */
export class Nginx {
  private constructor(
    private readonly process: ChildProcess,
    private readonly folder: string,
    readonly port: number,
  ) {}

  static async start(ports: readonly number[]): Promise<Nginx> {
    const folder = mkdtempSync(join(tmpdir(), 'session-kit-nginx-'));
    // Workers run as `nobody` when nginx starts as root: they must reach their buffer folders.
    chmodSync(folder, 0o755);
    const port = await freePort();
    const temp = (name: string) => `${name}_temp_path ${join(folder, name)};`;
    writeFileSync(
      join(folder, 'nginx.conf'),
      `daemon off;
worker_processes 1;
pid ${join(folder, 'nginx.pid')};
error_log ${join(folder, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  upstream sample {
    ${ports.map((upstream) => `server 127.0.0.1:${upstream};`).join('\n    ')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://sample;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
    );
    const nginx = spawn(
      NGINX_PATH,
      ['-p', folder, '-c', join(folder, 'nginx.conf'), '-e', join(folder, 'error.log')],
      { stdio: 'ignore' },
    );
    const exited = new Promise<never>((_resolve, reject) =>
      nginx.once('exit', (code) =>
        reject(
          new Error(
            `nginx exited with code ${code}: ${readFileSync(join(folder, 'error.log'), 'utf8')}`,
          ),
        ),
      ),
    );
    await Promise.race([waitForPort(port, 'nginx'), exited]);
    exited.catch(() => undefined); // it exits when stopped, too
    return new Nginx(nginx, folder, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}
