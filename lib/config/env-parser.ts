/**
 * Turns the text of one environment variable into a value. `parse` returns `undefined` when
 * the text is not allowed; `allowed` then says, in the error, what the variable accepts.
 */
export interface EnvParser<T> {
  parse(text: string): T | undefined;
  readonly allowed: string;
  /** How the offending text appears in an error. Secrets and credentials must not appear. */
  show?(text: string): string;
}
