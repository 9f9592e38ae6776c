import ms from 'ms';

/**
 * Milliseconds from a number or an `ms` duration string (`'90s'`, `'30m'`, `'12h'`, `'7d'`,
 * or digits alone). Returns `undefined` for anything that is not a positive duration.
 */
export function parseDuration(value: unknown): number | undefined {
  const milliseconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? ms(value.trim() as ms.StringValue)
        : undefined;
  return Number.isFinite(milliseconds) && milliseconds! > 0 ? Math.round(milliseconds!) : undefined;
}
