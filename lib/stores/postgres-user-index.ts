import type {
  IndexedSession,
  StoredRecord,
  UserSessionIndex,
} from '../core/user-session-index.interface.js';
import type { PostgresPoolLike } from './postgres.store.js';
import { indexedSessionOf, userIndexRowValues, type UserIndexRow } from './user-index-row.js';

/** The index table of session table `table`: its name, and the SQL that creates it. */
export function userIndexTable(table: string): { name: string; create: string } {
  const name = `"${table}_users"`;
  return {
    name,
    create:
      `CREATE TABLE IF NOT EXISTS ${name} (user_key varchar NOT NULL, sid varchar NOT NULL, ` +
      'created_at bigint NOT NULL, seen_at bigint NOT NULL, expires_at bigint NOT NULL, ' +
      'until bigint NOT NULL, user_agent text, ip text, PRIMARY KEY (user_key, sid)); ' +
      `CREATE INDEX IF NOT EXISTS "${table}_users_until_idx" ON ${name} (until); ` +
      // A login deletes its user's expired rows without reading the others.
      `CREATE INDEX IF NOT EXISTS "${table}_users_user_until_idx" ON ${name} (user_key, until);`,
  };
}

/**
 * Each user's sessions in a table beside connect-pg-simple's, `<table>_users`, one row per
 * session. Filing an entry also deletes the user's expired ones, in the same statement;
 * `prune()` deletes everyone's.
 */
export function postgresUserIndex(
  pool: PostgresPoolLike,
  table: string,
): UserSessionIndex & { prune(): Promise<void> } {
  const users = userIndexTable(table).name;
  const query = async <Row>(text: string, values: unknown[]) =>
    ((await pool.query(text, values)) as { rows: Row[] }).rows;
  // The expired rows of the user are deleted by a CTE: one round trip. The row being filed is
  // left to the upsert, which could not update a row the same statement deletes.
  const upsert =
    `WITH pruned AS (DELETE FROM ${users} WHERE user_key = $1 AND until < $9 AND sid <> $2) ` +
    `INSERT INTO ${users} VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ` +
    'ON CONFLICT (user_key, sid) DO UPDATE SET seen_at = excluded.seen_at, ' +
    `expires_at = excluded.expires_at, until = GREATEST(${users}.until, excluded.until)`;

  return {
    async indexSession(user, entry) {
      await pool.query(upsert, [...userIndexRowValues(user, entry), Date.now()]);
    },
    async unindexSessions(user, keys) {
      await pool.query(`DELETE FROM ${users} WHERE user_key = $1 AND sid = ANY($2)`, [user, keys]);
    },
    async indexedSessions(user): Promise<IndexedSession[]> {
      const rows = await query<UserIndexRow>(
        `SELECT * FROM ${users} WHERE user_key = $1 AND until >= $2`,
        [user, Date.now()],
      );
      return rows.map(indexedSessionOf);
    },
    async storedRecords(keys): Promise<(StoredRecord | undefined)[]> {
      const rows = await query<{ sid: string; json: string; expires_at: string }>(
        'SELECT sid, sess::text AS json, (extract(epoch FROM expire::timestamptz) * 1000)::bigint AS ' +
          `expires_at FROM "${table}" WHERE sid = ANY($1) AND expire >= to_timestamp($2 / 1000.0)`,
        [keys, Date.now()],
      );
      const found = new Map(rows.map((row) => [row.sid, row]));
      return keys.map((key) => {
        const row = found.get(key);
        return row && { json: row.json, expiresAt: Number(row.expires_at) };
      });
    },
    async prune() {
      await pool.query(`DELETE FROM ${users} WHERE until < $1`, [Date.now()]);
    },
  };
}
