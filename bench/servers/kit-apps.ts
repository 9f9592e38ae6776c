import { Module, type DynamicModule } from '@nestjs/common';
import { SessionModule, type SessionModuleOptions } from '../../dist/index.js';
import { rm } from 'node:fs/promises';
import type { BenchApp } from './bench-app.js';
import { EXCLUDED_PATH } from './bench-routes.js';
import { KitController } from './kit.controller.js';
import { createFastifyApp } from './fastify-apps.js';
import { createNestApp } from './raw-apps.js';
import { RequestSessionReader, ScopedReadController } from './scoped-read.controller.js';
import type { ServerName } from './server-names.js';
import { POSTGRES_URL, REDIS_URL, sqliteFile } from './services.js';

/** The servers running this module. */
export type KitServerName = Extract<ServerName, `kit-${string}`>;

/** The options of either mode without `secret` (distributed over the union). */
type ModeOptions<T = SessionModuleOptions> = T extends unknown ? Omit<T, 'secret'> : never;

const SQLITE_FILE = sqliteFile();

/**
 * What each kit server sets beyond `secret`. Only one sets `routes`: without it the middleware
 * is mounted on every route directly, with it Nest matches each request against the routes.
 */
const KIT_OPTIONS: Record<KitServerName, ModeOptions> = {
  'kit-store-memory': { store: 'memory' },
  'kit-store-memory-routes': { store: 'memory', routes: { exclude: [EXCLUDED_PATH] } },
  'kit-store-redis': { store: { driver: 'redis', url: REDIS_URL, prefix: 'bench-kit:' } },
  'kit-store-postgres': {
    store: { driver: 'postgres', url: POSTGRES_URL, prefix: 'bench_session' },
  },
  'kit-store-sqlite': { store: { driver: 'sqlite', url: SQLITE_FILE } },
  'kit-cookie-signed': { mode: 'cookie', encrypt: false },
  'kit-cookie-encrypted': { mode: 'cookie' },
  'kit-fastify-store-memory': { store: 'memory' },
  'kit-fastify-cookie-signed': { mode: 'cookie', encrypt: false },
  'kit-fastify-cookie-encrypted': { mode: 'cookie' },
};

export function isKitServer(name: string): name is KitServerName {
  return name in KIT_OPTIONS;
}

/** Nest with `SessionModule.forRoot()` configured as server `name`. */
export async function createKitApp(name: KitServerName, secret: string): Promise<BenchApp> {
  const options: SessionModuleOptions = { ...KIT_OPTIONS[name], secret };
  const module = kitModule(options);
  const app = await (name.startsWith('kit-fastify-')
    ? createFastifyApp(module)
    : createNestApp(module));
  const close =
    name === 'kit-store-sqlite'
      ? async () => {
          for (const suffix of ['', '-wal', '-shm']) {
            await rm(`${SQLITE_FILE}${suffix}`, { force: true });
          }
        }
      : undefined;
  return { app, close };
}

function kitModule(options: SessionModuleOptions): DynamicModule {
  @Module({})
  class KitBenchModule {}
  return {
    module: KitBenchModule,
    imports: [SessionModule.forRoot(options)],
    controllers: [KitController, ScopedReadController],
    providers: [RequestSessionReader],
  };
}
