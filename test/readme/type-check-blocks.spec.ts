import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { typeCheckMarkdown } from './type-check-blocks.js';

const fence = '```';

/** A README with good blocks (one uses a type another declares), a fragment and a bad block. */
const README = [
  '# Demo', // 1
  `${fence}ts`, // 2
  "import 'reflect-metadata';", // 3
  "import { SessionModule } from 'nestjs-session-kit';", // 4
  '', // 5
  "declare module 'nestjs-session-kit' {", // 6
  '  interface SessionData {', // 7
  '    plan?: string;', // 8
  '  }', // 9
  '}', // 10
  '', // 11
  "export const sessions = SessionModule.forRoot({ mode: 'cookie', secret: 's' });", // 12
  fence, // 13
  `${fence}ts`, // 14
  '// @readme-skip', // 15
  'SessionModule.forRoot(options: SessionModuleOptions)', // 16
  fence, // 17
  `${fence}ts`, // 18
  "import type { INestApplication } from '@nestjs/common';", // 19
  "import { sessionCookie } from 'nestjs-session-kit/testing';", // 20
  '', // 21
  'export async function cookieFor(app: INestApplication): Promise<string> {', // 22
  "  return sessionCookie(app, { plan: 'pro' });", // 23
  '}', // 24
  fence, // 25
  `${fence}ts`, // 26
  "import { sessionCookie } from 'nestjs-session-kit/testing';", // 27
  '', // 28
  'const cookie: number = sessionCookie;', // 29
  fence, // 30
].join('\n');

describe('typeCheckMarkdown', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'readme-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports only the bad block, at its line and column in the markdown file', async () => {
    const path = join(dir, 'README.md');
    await writeFile(path, README);

    const errors = typeCheckMarkdown(path);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^README\.md:29:7 TS2322: Type .* is not assignable to type 'number'/,
    );
  }, 60_000);

  it('passes a file without ts blocks', async () => {
    const path = join(dir, 'EMPTY.md');
    await writeFile(path, '# Nothing to compile\n\n```bash\nnpm start\n```\n');

    expect(typeCheckMarkdown(path)).toEqual([]);
  });
});
