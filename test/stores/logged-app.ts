import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { SessionModule, type SessionModuleOptions } from '../../lib/index.js';
import type { Platform } from '../fixtures/create-app.js';
import { AccountController } from './account.controller.js';

/**
 * A real app on `platform` with the account routes, whose `SessionStore` log lines land in
 * `lines` (`error …`, `log …`). `/health` is outside the session middleware by default.
 */
export async function createLoggedApp(
  options: SessionModuleOptions,
  lines: string[],
  platform: Platform,
  routes: SessionModuleOptions['routes'] = { exclude: ['health'] },
): Promise<INestApplication> {
  const record =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) => {
      if (rest.at(-1) === 'SessionStore') {
        lines.push(`${level} ${String(message)}`);
      }
    };
  const logger: LoggerService = {
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
  };
  const moduleRef = await Test.createTestingModule({
    imports: [SessionModule.forRoot({ ...options, routes })],
    controllers: [AccountController],
  })
    .setLogger(logger)
    .compile();
  const app =
    platform === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(), { logger })
      : moduleRef.createNestApplication({ logger });
  await app.listen(0, '127.0.0.1');
  return app;
}

/** Retries `attempt` every 100 ms until it passes, for at most `timeout` ms. */
export async function eventually(attempt: () => Promise<void>, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
