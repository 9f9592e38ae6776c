/**
 * The shape of your session data. Augment it once and every session API is typed by it:
 *
 * @example
 * declare module 'nestjs-session-kit' {
 *   interface SessionData {
 *     userId?: string;
 *     cart?: string[];
 *   }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface SessionData {}
