import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { dropRunTables, removeRunKeys } from '../stores/backends.js';
import { POSTGRES_URL, REDIS_URL, RUN_ID, requireStoreServices } from '../stores/services.js';

await requireStoreServices();

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const APP = fileURLToPath(new URL('./tsx-cjs/main.ts', import.meta.url));

describe('a CommonJS app run by tsx (which hands CommonJS packages over its own way)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'session-kit-tsx-'));
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await removeRunKeys();
    await dropRunTables();
  });

  it('opens the Redis, PostgreSQL and SQLite stores of the built library', async () => {
    const { stdout } = await promisify(execFile)(
      TSX,
      [
        APP,
        REDIS_URL,
        `test:${RUN_ID}:tsx:`,
        POSTGRES_URL,
        `sessions_${RUN_ID}_tsx`,
        join(folder, 'sessions.sqlite'),
      ],
      { timeout: 60_000 },
    );
    const logins = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(logins).toEqual(
      ['redis', 'postgres', 'sqlite'].map((store) => ({ store, status: 200, cookie: true })),
    );
  }, 90_000);
});
