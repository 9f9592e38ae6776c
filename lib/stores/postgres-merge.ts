import { hash } from 'node:crypto';
import { compareAndSetMerge } from '../store-mode/compare-and-set-merge.js';
import type { SessionMerge } from '../store-mode/session-changes.js';
import type { PostgresPoolLike } from './postgres.store.js';

/**
 * Per-key saves for connect-pg-simple's table, by compare-and-set on the stored text (a `json`
 * column keeps the text it was given): one statement locks the live row, writes the merged
 * record if its text still has the expected MD5, and otherwise returns the text it holds.
 * The merge itself is done on the text, not with `jsonb`, which refuses strings holding NUL
 * characters or lone surrogates that JSON (and so a request body) can carry.
 */
export function postgresMerge(pool: PostgresPoolLike, table: string): SessionMerge {
  const sql =
    `WITH current AS (SELECT sess::text AS text FROM "${table}" ` +
    'WHERE sid = $1 AND expire >= to_timestamp($5 / 1000.0) FOR UPDATE), ' +
    `written AS (UPDATE "${table}" SET sess = $2::json, expire = to_timestamp($4 / 1000.0) ` +
    'WHERE sid = $1 AND (SELECT md5(text) FROM current) = $3 RETURNING 1) ' +
    // The stored text travels back only when the swap did not happen: a save sends and gets
    // back no more than a plain UPDATE would.
    'SELECT CASE WHEN EXISTS (SELECT 1 FROM written) THEN NULL ELSE (SELECT text FROM current) ' +
    'END AS current, EXISTS (SELECT 1 FROM written) AS written';
  return compareAndSetMerge(async (key, expected, next, expiresAt) => {
    const result = (await pool.query(sql, [
      key,
      next,
      hash('md5', expected),
      expiresAt,
      Date.now(),
    ])) as { rows: { current: string | null; written: boolean }[] };
    const { current, written } = result.rows[0];
    return written ? true : (current ?? undefined);
  });
}
