import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import connectPgSimple from 'connect-pg-simple';
import { RedisStore } from 'connect-redis';
import cookieSession from 'cookie-session';
import session from 'express-session';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { createClient } from 'redis';
import type { BenchApp } from './bench-app.js';
import { CeilingController } from './ceiling.controller.js';
import { RawSessionController } from './raw-session.controller.js';
import { RawSqliteStore } from './raw-sqlite-store.js';
import { POSTGRES_URL, REDIS_URL, sqliteFile } from './services.js';

/**
 * The module's cookie defaults, given to the raw middleware too: both sides then send the same
 * cookies (a one-day expiry makes express-session re-send its cookie on every change).
 */
const COOKIE = { maxAge: 24 * 60 * 60 * 1000, sameSite: 'lax', httpOnly: true } as const;

@Module({ controllers: [CeilingController] })
class CeilingModule {}

@Module({ controllers: [RawSessionController] })
class RawSessionModule {}

/** Nest without sessions. */
export async function createCeilingApp(): Promise<BenchApp> {
  return { app: await createNestApp(CeilingModule) };
}

/** Nest with express-session mounted by `app.use`, on its own MemoryStore. */
export async function createExpressSessionApp(secret: string): Promise<BenchApp> {
  const app = await createNestApp(RawSessionModule);
  app.use(session({ secret, resave: false, saveUninitialized: false, cookie: COOKIE }));
  return { app };
}

/** The same with connect-redis. */
export async function createExpressSessionRedisApp(secret: string): Promise<BenchApp> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  const app = await createNestApp(RawSessionModule);
  const store = new RedisStore({ client, prefix: 'bench-raw:' });
  app.use(session({ secret, store, resave: false, saveUninitialized: false, cookie: COOKIE }));
  return { app, close: async () => void (await client.close()) };
}

/** The same with connect-pg-simple, the field's PostgreSQL store, on its own table. */
export async function createExpressSessionPostgresApp(secret: string): Promise<BenchApp> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL });
  const PgStore = connectPgSimple(session);
  const store = new PgStore({ pool, tableName: 'bench_raw_session', createTableIfMissing: true });
  const app = await createNestApp(RawSessionModule);
  app.use(session({ secret, store, resave: false, saveUninitialized: false, cookie: COOKIE }));
  return {
    app,
    close: async () => {
      store.close();
      await pool.end();
    },
  };
}

/** The same with a minimal better-sqlite3 store (no package of the field fits better-sqlite3 12). */
export async function createExpressSessionSqliteApp(secret: string): Promise<BenchApp> {
  const file = sqliteFile();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const app = await createNestApp(RawSessionModule);
  const store = new RawSqliteStore(db);
  app.use(session({ secret, store, resave: false, saveUninitialized: false, cookie: COOKIE }));
  return {
    app,
    close: async () => {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) {
        await rm(`${file}${suffix}`, { force: true });
      }
    },
  };
}

/** Nest with cookie-session mounted by `app.use`: a signed cookie plus its `.sig` cookie. */
export async function createCookieSessionApp(secret: string): Promise<BenchApp> {
  const app = await createNestApp(RawSessionModule);
  app.use(cookieSession({ keys: [secret], ...COOKIE }));
  return { app };
}

export function createNestApp(module: object): Promise<INestApplication> {
  return NestFactory.create(module, { logger: ['error', 'warn'], abortOnError: false });
}
