import type { EnvParser } from './env-parser.js';

/** Reads variables from an environment and collects every bad value instead of stopping. */
export class EnvReader {
  /** One line per bad variable: its name, its value (unless secret) and what is allowed. */
  readonly problems: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The variable's trimmed text; `undefined` when it is unset or blank. */
  text(name: string): string | undefined {
    const text = this.env[name]?.trim();
    return text === '' ? undefined : text;
  }

  /** The parsed value; `undefined` when unset, or when bad (which adds a problem). */
  read<T>(name: string, parser: EnvParser<T>): T | undefined {
    const text = this.text(name);
    if (text === undefined) {
      return undefined;
    }
    const value = parser.parse(text);
    if (value === undefined) {
      const shown = parser.show?.(text) ?? JSON.stringify(text);
      this.problems.push(`${name} is ${shown}; allowed: ${parser.allowed}`);
    }
    return value;
  }
}
