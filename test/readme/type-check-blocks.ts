import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { extractTsBlocks, type CodeBlock } from './markdown-code-blocks.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What a user's project would use, with the package names mapped to the sources in lib/.
 * Unused names are allowed: examples often declare things only to show them.
 */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  types: ['node', 'jest'],
  typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
  strict: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  paths: {
    'nestjs-session-kit': [join(REPO_ROOT, 'lib', 'index.ts')],
    'nestjs-session-kit/testing': [join(REPO_ROOT, 'lib', 'testing', 'index.ts')],
  },
};

/**
 * Type-checks the ts blocks of the markdown file at `path` (all but the skipped ones) as the
 * modules of one program, as if they were files of one app: a `declare module` in one block
 * types the others. Returns one line per error, `<file>:<line>:<column> TS<code>: <message>`,
 * with the line and column in the markdown file; none when every block compiles.
 */
export function typeCheckMarkdown(path: string): string[] {
  const blocks = extractTsBlocks(readFileSync(path, 'utf8')).filter((block) => !block.skipped);
  return blocks.length === 0 ? [] : typeCheckBlocks(blocks, basename(path));
}

function typeCheckBlocks(blocks: CodeBlock[], label: string): string[] {
  // Inside the repository, so that imports resolve from its node_modules; an ES module scope
  // of its own, as `node_modules` ends the search for the repository's package.json.
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'readme-blocks-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const files = new Map<string, CodeBlock>();
    for (const block of blocks) {
      const file = join(dir, `block-line-${block.line}.ts`);
      writeFileSync(file, block.code);
      files.set(file, block);
    }
    const program = ts.createProgram([...files.keys()], COMPILER_OPTIONS);
    return ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => !diagnostic.file || files.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        if (!diagnostic.file) {
          return `${label}: TS${diagnostic.code}: ${message}`;
        }
        const block = files.get(diagnostic.file.fileName)!;
        const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `${label}:${block.line + at.line}:${at.character + 1} TS${diagnostic.code}: ${message}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
