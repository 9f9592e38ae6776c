import { fileURLToPath } from 'node:url';
import { typeCheckMarkdown } from './type-check-blocks.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

describe('README.md', () => {
  it('has only TypeScript examples that compile against the public API', () => {
    // On failure, each entry names the README line and column of an error.
    expect(typeCheckMarkdown(README)).toEqual([]);
  }, 60_000);
});
