/**
 * One benchmark server: `node dist-bench/servers/main.js <server-name>`. Listens on a free
 * port of 127.0.0.1, reports it (or why it cannot run) in one handshake line, and closes on
 * SIGTERM.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchApp } from './bench-app.js';
import { formatHandshake } from './handshake.js';
import {
  createFastifyCeilingApp,
  createFastifySessionApp,
  createSecureSessionApp,
} from './fastify-apps.js';
import { createKitApp, isKitServer } from './kit-apps.js';
import {
  createCeilingApp,
  createCookieSessionApp,
  createExpressSessionApp,
  createExpressSessionPostgresApp,
  createExpressSessionRedisApp,
  createExpressSessionSqliteApp,
} from './raw-apps.js';

const name = process.argv[2] ?? '';
const secret = randomBytes(32).toString('base64url');

function createApp(): Promise<BenchApp> {
  if (isKitServer(name)) {
    return createKitApp(name, secret);
  }
  switch (name) {
    case 'ceiling':
      return createCeilingApp();
    case 'express-session-memory':
      return createExpressSessionApp(secret);
    case 'express-session-redis':
      return createExpressSessionRedisApp(secret);
    case 'express-session-postgres':
      return createExpressSessionPostgresApp(secret);
    case 'express-session-sqlite':
      return createExpressSessionSqliteApp(secret);
    case 'cookie-session':
      return createCookieSessionApp(secret);
    case 'fastify-ceiling':
      return createFastifyCeilingApp();
    case 'fastify-secure-session':
      return createSecureSessionApp(secret);
    case 'fastify-session':
      return createFastifySessionApp(secret);
  }
  throw new Error(`no benchmark server is called "${name}"`);
}

try {
  const { app, close } = await createApp();
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  process.once('SIGTERM', async () => {
    try {
      await app.close();
      await close?.();
    } finally {
      process.exit(0);
    }
  });
  console.log(formatHandshake({ ready: true, port }));
} catch (error) {
  const { name: errorName, message } = error as Error;
  console.log(formatHandshake({ ready: false, reason: `${errorName}: ${message}` }));
  process.exit(0);
}
