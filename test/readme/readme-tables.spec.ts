import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SESSION_ENV } from '../../lib/options/session-env.js';
import { BUILTIN_STORES } from '../../lib/stores/builtin-stores.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The rows of the first markdown table after `heading`, as lists of trimmed cells. */
function tableAfter(heading: string, header: string): string[][] {
  const lines = README.slice(README.indexOf(heading)).split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  expect(start).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim().replaceAll('\\|', '|')),
    );
  }
  return rows;
}

describe("README.md's tables follow the code", () => {
  it('lists exactly the SESSION_* variables of the table the validator is fed by', () => {
    const rows = tableAfter('### Variables', '| variable');
    expect(
      rows.map(([name, option, meaning, fallback]) => ({ name, option, meaning, fallback })),
    ).toEqual(
      SESSION_ENV.map(({ name, option, meaning, fallback }) => ({
        name: `\`${name}\``,
        option: `\`${option}\``,
        meaning,
        fallback,
      })),
    );
  });

  it.each(BUILTIN_STORES.map((store) => [store.driver, store] as const))(
    'describes the %s store as its descriptor does',
    (driver, store) => {
      const rows = tableAfter('## Stores', '| store ');
      const row = rows.find(([, option]) => option.startsWith(`\`'${driver}'\``));
      expect(row).toBeDefined();
      const [, option, install, address, prefix, instances] = row!;
      const keys = Object.keys(store.options).map((key) => `${key}?`);
      expect(option).toContain(`{ driver: '${driver}'${keys.map((key) => `, ${key}`).join('')} }`);
      for (const name of store.packages) {
        expect(install).toContain(name);
      }
      expect(address).toBe(store.url ? `\`${store.url.default}\`` : 'this process');
      expect(prefix).toBe(
        store.prefix
          ? `${store.prefix.names === 'table' ? 'table name' : 'key prefix'}, default \`${store.prefix.default}\``
          : '–',
      );
      expect(instances).toBe(store.instances);
    },
  );
});
