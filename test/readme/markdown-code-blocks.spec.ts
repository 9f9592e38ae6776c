import { extractTsBlocks } from './markdown-code-blocks.js';

const fence = '```';

describe('extractTsBlocks', () => {
  it('finds ts and typescript blocks with the line of their first line of code', () => {
    const markdown = [
      '# Title', // 1
      `${fence}ts`, // 2
      'const a = 1;', // 3
      fence, // 4
      '', // 5
      `${fence} TypeScript title="x"`, // 6
      'const b = 2;', // 7
      'const c = 3;', // 8
      fence, // 9
    ].join('\n');

    expect(extractTsBlocks(markdown)).toEqual([
      { line: 3, code: 'const a = 1;', skipped: false },
      { line: 7, code: 'const b = 2;\nconst c = 3;', skipped: false },
    ]);
  });

  it('ignores blocks in other languages, including ts fences inside them', () => {
    const markdown = [
      `${fence}bash`,
      'npm start',
      fence,
      '````md',
      `${fence}ts`,
      'not = code;',
      fence,
      '````',
      fence,
      'plain',
      fence,
    ].join('\n');

    expect(extractTsBlocks(markdown)).toEqual([]);
  });

  it('reads tilde fences and removes the indentation of a block inside a list', () => {
    const markdown = ['1. Step', '   ~~~ts', '   if (x) {', '     y();', '   }', '   ~~~'].join(
      '\n',
    );

    expect(extractTsBlocks(markdown)).toEqual([
      { line: 3, code: 'if (x) {\n  y();\n}', skipped: false },
    ]);
  });

  it('marks a block whose first line is // @readme-skip as skipped', () => {
    const markdown = [
      `${fence}ts`,
      '// @readme-skip',
      'SessionModule.forRoot(options)',
      fence,
    ].join('\n');

    expect(extractTsBlocks(markdown)).toEqual([
      { line: 2, code: '// @readme-skip\nSessionModule.forRoot(options)', skipped: true },
    ]);
  });

  it('accepts a reason after the skip marker, and nothing glued to it', () => {
    const block = (first: string) => [`${fence}ts`, first, 'x', fence].join('\n');

    expect(extractTsBlocks(block('// @readme-skip: before')).map((b) => b.skipped)).toEqual([true]);
    expect(extractTsBlocks(block('// @readme-skip fragment')).map((b) => b.skipped)).toEqual([
      true,
    ]);
    expect(extractTsBlocks(block('// @readme-skipped')).map((b) => b.skipped)).toEqual([false]);
    expect(extractTsBlocks(block('// skip me')).map((b) => b.skipped)).toEqual([false]);
  });

  it('rejects a block that is never closed, naming its line', () => {
    expect(() => extractTsBlocks(['text', `${fence}ts`, 'const a = 1;'].join('\n'))).toThrow(
      'line 2: the code block opened here is never closed',
    );
  });
});
