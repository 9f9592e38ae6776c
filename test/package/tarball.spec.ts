import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  INSTALL_TIMEOUT,
  installPacked,
  REPO_ROOT,
  runNode,
  type PackedInstall,
} from './packed-install.js';

/** The public names a user of either module system must find at the package root. */
const PUBLIC_API = [
  'SessionModule',
  'SessionService',
  'SessionHandle',
  'Session',
  'SessionId',
  'RequireSession',
  'AllowAnonymous',
  'SessionGuard',
  'SessionError',
  'SessionConfigError',
  'NoActiveSessionError',
  'SessionTooLargeError',
  'SessionStoreUnavailableError',
];

/** What the package exports: every name's `typeof`, and which names are error classes. */
interface ExportReport {
  types: Record<string, string>;
  errors: string[];
  sessionErrors: string[];
}

/** Child-process source of `report(kit)`, which prints an `ExportReport` as JSON. */
const REPORT = `
  const report = (kit) => {
    const names = Object.keys(kit).sort();
    const extending = (base) => names.filter((name) => kit[name]?.prototype instanceof base);
    console.log(JSON.stringify({
      types: Object.fromEntries(names.map((name) => [name, typeof kit[name]])),
      errors: extending(Error),
      sessionErrors: extending(kit.SessionError),
    }));
  };
`;

/** A TypeScript consumer, compiled once as an ES module (.mts) and once as CommonJS (.cts). */
const CONSUMER = `
  import { SessionModule, type SessionHandle } from 'nestjs-session-kit';

  export const cookieSessions = SessionModule.forRoot({ mode: 'cookie', secret: 'a-secret' });
  export const idOf = (session: SessionHandle): string => session.id;
  // @ts-expect-error: typed options reject an unknown mode (they would accept it as \`any\`).
  SessionModule.forRoot({ mode: 'neither', secret: 'a-secret' });
`;

describe('the packed tarball', () => {
  let installed: PackedInstall;
  let viaImport: ExportReport;
  let viaRequire: ExportReport;

  beforeAll(async () => {
    installed = await installPacked({
      packages: ['@nestjs/common@12', '@nestjs/core@12', 'reflect-metadata', 'rxjs'],
    });
    const load = async (args: string[]) =>
      JSON.parse(await runNode(installed.dir, args)) as ExportReport;
    viaImport = await load([
      '--input-type=module',
      '-e',
      `import * as kit from 'nestjs-session-kit'; ${REPORT} report(kit);`,
    ]);
    viaRequire = await load([
      '--input-type=commonjs',
      '-e',
      `${REPORT} report(require('nestjs-session-kit'));`,
    ]);
  }, INSTALL_TIMEOUT);
  afterAll(() => installed?.remove());

  it.each(PUBLIC_API)('exports %s to import (ESM)', (name) => {
    expect(viaImport.types[name]).toBe('function');
  });

  it('exports the same names to require (CommonJS through require(esm)) as to import', () => {
    expect(viaRequire).toEqual(viaImport);
  });

  it('gives require and import the same classes, so a mixed app has one SessionModule', async () => {
    const same = await runNode(installed.dir, [
      '--input-type=commonjs',
      '-e',
      `const required = require('nestjs-session-kit');
       import('nestjs-session-kit').then((imported) =>
         console.log(required.SessionModule === imported.SessionModule));`,
    ]);
    expect(same.trim()).toBe('true');
  });

  it('gives TypeScript its types through both `import` and `require` resolution', async () => {
    await writeFile(join(installed.dir, 'consumer.mts'), CONSUMER);
    await writeFile(join(installed.dir, 'consumer.cts'), CONSUMER);
    const compilerOptions = { module: 'nodenext', strict: true, noEmit: true, skipLibCheck: true };
    await writeFile(
      join(installed.dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions, files: ['consumer.mts', 'consumer.cts'] }),
    );
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

    await expect(runNode(installed.dir, [tsc, '-p', '.'])).resolves.toBe('');
  });

  it('carries the MIT license', async () => {
    const license = await readFile(
      join(installed.dir, 'node_modules', 'nestjs-session-kit', 'LICENSE'),
      'utf8',
    );
    expect(license).toMatch(
      /^MIT License\n\nCopyright \(c\) 2026 the nestjs-session-kit authors\n/,
    );
  });

  it('exports error classes that all extend SessionError', () => {
    const { errors, sessionErrors } = viaImport;
    expect(errors).toEqual(
      expect.arrayContaining(PUBLIC_API.filter((name) => name.endsWith('Error'))),
    );
    expect(errors.filter((name) => name !== 'SessionError')).toEqual(sessionErrors);
  });
});
