import type { IndexedSession } from '../core/user-session-index.interface.js';

/**
 * A row of the SQL stores' user index table (`<table>_users`), as PostgreSQL (`bigint` columns
 * come back as strings) and SQLite return it.
 */
export interface UserIndexRow {
  sid: string;
  created_at: number | string;
  seen_at: number | string;
  expires_at: number | string;
  until: number | string;
  user_agent: string | null;
  ip: string | null;
}

/** A new row of the index table: its values in the order of its columns. */
export type UserIndexRowValues = [
  user: string,
  key: string,
  createdAt: number,
  seenAt: number,
  expiresAt: number,
  until: number,
  userAgent: string | null,
  ip: string | null,
];

/** The row that files `entry` under `user`. */
export function userIndexRowValues(
  user: string,
  { key, createdAt, seenAt, expiresAt, until, userAgent, ip }: IndexedSession,
): UserIndexRowValues {
  return [user, key, createdAt, seenAt, expiresAt, until, userAgent ?? null, ip ?? null];
}

/** The entry a row of the index table holds. */
export function indexedSessionOf(row: UserIndexRow): IndexedSession {
  return {
    key: row.sid,
    createdAt: Number(row.created_at),
    seenAt: Number(row.seen_at),
    expiresAt: Number(row.expires_at),
    until: Number(row.until),
    ...(row.user_agent === null ? {} : { userAgent: row.user_agent }),
    ...(row.ip === null ? {} : { ip: row.ip }),
  };
}
