import { parseDuration } from '../options/parse-duration.js';
import type { EnvParser } from './env-parser.js';

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** `true`, `false`, `1`, `0`, `yes` or `no`, in any case. */
export const booleanEnv: EnvParser<boolean> = {
  parse: (text) => {
    const word = text.toLowerCase();
    return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
  },
  allowed: 'true, false, 1, 0, yes or no',
};

/** One of `values`, in any case. */
export function enumEnv<const T extends string>(values: readonly T[]): EnvParser<T> {
  return {
    parse: (text) => values.find((value) => value === text.toLowerCase()),
    allowed: values.join(', '),
  };
}

/** A positive duration: milliseconds, or an `ms` string such as `90s`, `30m`, `12h`, `7d`. */
export const durationEnv: EnvParser<number> = {
  parse: (text) => parseDuration(text),
  allowed: 'a positive duration: milliseconds (e.g. 60000) or 90s, 30m, 12h, 7d',
};

/** Comma-separated secrets, each trimmed; an empty entry is an error. Never shown. */
export const secretsEnv: EnvParser<string[]> = {
  parse: (text) => {
    const secrets = text.split(',').map((secret) => secret.trim());
    return secrets.includes('') ? undefined : secrets;
  },
  allowed: 'one or more secrets separated by single commas, with no empty entries',
  show: () => '(value hidden)',
};

/** `auto` or a boolean, as the cookie's `secure` attribute takes it. */
export const cookieSecureEnv: EnvParser<boolean | 'auto'> = {
  parse: (text) => (text.toLowerCase() === 'auto' ? 'auto' : booleanEnv.parse(text)),
  allowed: `auto, ${booleanEnv.allowed}`,
};
