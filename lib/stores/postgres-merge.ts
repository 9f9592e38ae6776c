import type { PostgresPoolLike } from '../interfaces/session-store-options.interface.js';
import type { SessionMerge } from './session-changes.js';

/**
 * Per-key saves for connect-pg-simple's table: one UPDATE merges the changed keys into the
 * stored JSON and drops the deleted ones, under the row's lock. No live row, no write.
 */
export function postgresMerge(pool: PostgresPoolLike, table: string): SessionMerge {
  const sql =
    `UPDATE "${table}" SET sess = ((sess::jsonb || $2::jsonb) - $3::text[])::json, ` +
    'expire = to_timestamp($4 / 1000.0) WHERE sid = $1 AND expire >= to_timestamp($5 / 1000.0)';
  return async (key, changes, expiresAt) => {
    const result = (await pool.query(sql, [
      key,
      JSON.stringify(changes.set),
      changes.unset,
      expiresAt,
      Date.now(),
    ])) as { rowCount: number | null };
    return result.rowCount === 1;
  };
}
