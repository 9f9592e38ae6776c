import { hash } from 'node:crypto';
import { compareAndSetMerge } from '../store-mode/compare-and-set-merge.js';
import type { SessionMerge } from '../store-mode/session-changes.js';
import type { PostgresPoolLike } from './postgres.store.js';

/**
 * Per-key saves for connect-pg-simple's table, by compare-and-set on the stored text (a `json`
 * column keeps the text it was given): one UPDATE writes the merged record if the live row's
 * text still has the expected MD5, as fast as a plain save; only when it does not is the text
 * the row holds read, to start over from. The merge itself is done on the text, not with
 * `jsonb`, which refuses strings holding NUL characters or lone surrogates that JSON (and so a
 * request body) can carry.
 */
export function postgresMerge(pool: PostgresPoolLike, table: string): SessionMerge {
  const live = 'sid = $1 AND expire >= to_timestamp($2 / 1000.0)';
  const update =
    `UPDATE "${table}" SET sess = $3::json, expire = to_timestamp($4 / 1000.0) ` +
    `WHERE ${live} AND md5(sess::text) = $5`;
  const select = `SELECT sess::text AS text FROM "${table}" WHERE ${live}`;
  return compareAndSetMerge(async (key, expected, next, expiresAt) => {
    const now = Date.now();
    const written = (await pool.query(update, [
      key,
      now,
      next,
      expiresAt,
      hash('md5', expected),
    ])) as {
      rowCount: number | null;
    };
    if (written.rowCount === 1) {
      return true;
    }
    const { rows } = (await pool.query(select, [key, now])) as { rows: { text: string }[] };
    return rows[0]?.text;
  });
}
