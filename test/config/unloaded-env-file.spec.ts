import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSessionEnv } from '../../lib/options/session-env.js';

const MISSING_SECRET =
  'SESSION_SECRET: not set, so this process uses a random secret: sessions will not survive a ' +
  'restart nor be shared between instances; set SESSION_SECRET to keep them';
const NOT_LOADED =
  '. A .env file here sets SESSION_SECRET, but nothing loaded it: import ' +
  'ConfigModule.forRoot() (from @nestjs/config) before SessionModule';

describe('the missing-secret warning, in a working directory of its own', () => {
  const original = process.cwd();
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'session-kit-dotenv-'));
    process.chdir(folder);
  });
  afterEach(async () => {
    process.chdir(original);
    await rm(folder, { recursive: true, force: true });
  });

  /** The warnings for an environment without SESSION_SECRET. */
  const warnings = () => readSessionEnv({ NODE_ENV: 'development' }).warnings;

  it('names ConfigModule.forRoot() when a .env file sets SESSION_SECRET that nothing loaded', async () => {
    await writeFile('.env', 'PORT=3000\nSESSION_SECRET=kept-in-the-file\n');

    expect(warnings()).toEqual([MISSING_SECRET + NOT_LOADED]);
  });

  it('does not without a .env file', () => {
    expect(warnings()).toEqual([MISSING_SECRET]);
  });

  it('does not when the .env file sets no SESSION_SECRET', async () => {
    await writeFile('.env', 'PORT=3000\n# SESSION_SECRET=commented-out\n');

    expect(warnings()).toEqual([MISSING_SECRET]);
  });
});
