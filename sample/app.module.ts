import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService, type ConfigType } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { SessionModule, sessionConfig } from '../lib/index.js';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';
import { CartService } from './cart.service.js';
import { CookieController } from './cookie.controller.js';
import { DevicesController } from './devices.controller.js';
import { HomeController } from './home.controller.js';
import { LoginRedirectFilter } from './login-redirect.filter.js';
import { SESSION_MODE_SUMMARY, summarizeSessionMode } from './session-mode.js';

@Module({
  imports: [
    // Variables come from the environment, then from sample/.env (see sample/.env.example),
    // which is read relative to the directory `npm start` runs in.
    ConfigModule.forRoot({ envFilePath: 'sample/.env' }),
    // Every session option from the SESSION_* variables: SESSION_MODE=cookie npm start
    // switches to cookie sessions without a code change.
    SessionModule.forRootAsync(sessionConfig.asProvider()),
  ],
  controllers: [HomeController, AccountController, DevicesController, CookieController],
  providers: [
    AccountService,
    CartService,
    { provide: APP_FILTER, useClass: LoginRedirectFilter },
    {
      provide: SESSION_MODE_SUMMARY,
      // sessionConfig stores the options it read under its namespace, `session`.
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        summarizeSessionMode(config.getOrThrow<ConfigType<typeof sessionConfig>>('session')),
    },
  ],
})
export class AppModule {}
