import {
  Global,
  Inject,
  Module,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SessionDriver } from './core/session-driver.js';
import { SessionService } from './core/session.service.js';
import { NestSessionParamHint } from './decorators/nest-session-param.hint.js';
import {
  RESOLVED_SESSION_OPTIONS,
  type ResolvedSessionOptions,
} from './options/resolved-session-options.js';
import { mountSessionMiddleware } from './platforms/mount-session-middleware.js';
import { WebSocketSessions } from './platforms/websocket-sessions.js';
import { resolvedOptionsProvider, sessionDriverProvider } from './session-driver.provider.js';
import { ConfigurableSessionModule } from './session.module-definition.js';

/**
 * Sessions for the whole application, cookie-backed or store-backed by configuration alone.
 *
 * @example
 * SessionModule.forRoot({ secret: process.env.SESSION_SECRET!, mode: 'cookie' })
 */
@Global()
@Module({
  providers: [
    resolvedOptionsProvider,
    sessionDriverProvider,
    SessionService,
    NestSessionParamHint,
    WebSocketSessions,
  ],
  exports: [RESOLVED_SESSION_OPTIONS, SessionDriver, SessionService],
})
export class SessionModule
  extends ConfigurableSessionModule
  implements NestModule, OnApplicationShutdown
{
  constructor(
    private readonly driver: SessionDriver,
    @Inject(RESOLVED_SESSION_OPTIONS) private readonly options: ResolvedSessionOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    super();
  }

  configure(consumer: MiddlewareConsumer): void {
    mountSessionMiddleware(
      this.adapterHost.httpAdapter,
      consumer,
      this.driver.middleware,
      this.options.routes,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}
