/** Longest part of a value repeated in a message. */
const SHOWN_LENGTH = 60;

/**
 * One thing wrong (or worth a warning) with the options, at an option path such as
 * `cookie.maxAge`. A message may name other options as `{path}`, rendered in the caller's
 * terms: the option for `forRoot`, the variable for `SESSION_*`.
 */
export interface OptionProblem {
  readonly path: string;
  readonly message: string;
}

/** Collects the problems and warnings of one validation. */
export class OptionProblems {
  readonly problems: OptionProblem[] = [];
  readonly warnings: OptionProblem[] = [];

  /** Records a problem; returns `undefined`, so that a bad value resolves to nothing. */
  fail(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
}

/** `problem` as one line, options named by `nameOf` (`{path}` references included). */
export function renderProblem(problem: OptionProblem, nameOf: (path: string) => string): string {
  const message = problem.message.replace(/\{([\w.]+)\}/g, (_match, path: string) => nameOf(path));
  return `${nameOf(problem.path)}: ${message}`;
}

/** A value as a message shows it: strings quoted and cut short. Never pass a secret. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH)}…` : value);
  }
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}
