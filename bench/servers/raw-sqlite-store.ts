import type BetterSqlite3 from 'better-sqlite3';
import session from 'express-session';

type Callback<T = void> = (error?: unknown, value?: T) => void;

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An express-session store on better-sqlite3 of the simplest honest kind, as an application
 * would write one when no package fits: one table, prepared statements, JSON records, an expiry
 * per row checked on read. The module's SQLite driver is compared with it.
 */
export class RawSqliteStore extends session.Store {
  private readonly statements;

  constructor(db: BetterSqlite3.Database) {
    super();
    db.exec(
      'CREATE TABLE IF NOT EXISTS raw_session ' +
        '(sid TEXT PRIMARY KEY, sess TEXT NOT NULL, expire INTEGER NOT NULL)',
    );
    this.statements = {
      get: db
        .prepare<[string, number], string>(
          'SELECT sess FROM raw_session WHERE sid = ? AND expire > ?',
        )
        .pluck(),
      set: db.prepare<[string, string, number]>(
        'INSERT OR REPLACE INTO raw_session (sid, sess, expire) VALUES (?, ?, ?)',
      ),
      touch: db.prepare<[number, string]>('UPDATE raw_session SET expire = ? WHERE sid = ?'),
      destroy: db.prepare<[string]>('DELETE FROM raw_session WHERE sid = ?'),
    };
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const json = this.statements.get.get(sid, Date.now());
    callback(undefined, json === undefined ? null : JSON.parse(json));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.statements.set.run(sid, JSON.stringify(data), expiryOf(data));
    callback?.();
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    this.statements.touch.run(expiryOf(data), sid);
    callback?.();
  }

  override destroy(sid: string, callback?: Callback): void {
    this.statements.destroy.run(sid);
    callback?.();
  }
}

function expiryOf(data: session.SessionData): number {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires).getTime() : Date.now() + ONE_DAY_MS;
}
