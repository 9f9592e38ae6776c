/** A TypeScript code block of a markdown file. */
export interface CodeBlock {
  /** 1-based line in the markdown of the block's first line of code. */
  line: number;
  code: string;
  /** Its first line is `// @readme-skip`: shown to readers, never compiled (a fragment). */
  skipped: boolean;
}

/**
 * The first line of a block that is a fragment (a signature, an object literal to paste into
 * a module...), which the README test leaves out: `// @readme-skip`, optionally followed by a
 * reason after a colon or a space (`// @readme-skip: before`). Every other ts block must
 * compile on its own.
 */
const SKIP_LINE = /^\s*\/\/ @readme-skip(?:[:\s]|$)/;

const LANGUAGES = new Set(['ts', 'typescript']);
const OPENING_FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;

/**
 * The fenced code blocks of `markdown` whose language is `ts` or `typescript`, in order.
 * Fences follow CommonMark: three or more backticks or tildes, closed by at least as many of
 * the same character; the fence's own indentation is removed from the code (blocks in lists).
 * An unclosed fence is an error rather than a block running to the end of the file.
 */
export function extractTsBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING_FENCE.exec(lines[index]);
    if (!opening) {
      continue;
    }
    const [, indent, fence, language] = opening;
    const closing = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`);
    const end = lines.findIndex((line, at) => at > index && closing.test(line));
    if (end === -1) {
      throw new Error(`line ${index + 1}: the code block opened here is never closed`);
    }
    if (LANGUAGES.has(language.toLowerCase())) {
      const code = lines.slice(index + 1, end).map((line) => dedent(line, indent.length));
      blocks.push({
        line: index + 2,
        code: code.join('\n'),
        skipped: SKIP_LINE.test(code[0] ?? ''),
      });
    }
    index = end;
  }
  return blocks;
}

function dedent(line: string, width: number): string {
  const leading = line.length - line.trimStart().length;
  return line.slice(Math.min(leading, width));
}
