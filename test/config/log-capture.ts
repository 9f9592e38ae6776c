import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';

const LEVELS = ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] as const;

/** One line written through Nest's `Logger`. */
export interface LogLine {
  level: (typeof LEVELS)[number];
  text: string;
}

/**
 * Records every line written through Nest's `Logger` (instances and static methods) instead of
 * printing it. Call `restore()` when done.
 */
export function captureLogs(): { lines: LogLine[]; restore(): void } {
  const lines: LogLine[] = [];
  const spies = LEVELS.flatMap((level) => {
    const record = (...args: unknown[]) => {
      lines.push({ level, text: args.map((arg) => asText(arg)).join(' ') });
    };
    return [
      jest.spyOn(Logger.prototype, level).mockImplementation(record),
      jest.spyOn(Logger, level).mockImplementation(record),
    ];
  });
  return { lines, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

function asText(value: unknown): string {
  return value instanceof Error ? `${value.message}\n${value.stack}` : String(value);
}
