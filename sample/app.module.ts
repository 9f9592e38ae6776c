import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { SessionModule, sessionConfig } from '../lib/index.js';
import { AccountService } from './account.service.js';
import { AppController } from './app.controller.js';

@Module({
  imports: [
    // Variables come from the environment, then from sample/.env (see sample/.env.example),
    // which is read relative to the directory `npm start` runs in.
    ConfigModule.forRoot({ envFilePath: 'sample/.env' }),
    // Every session option from the SESSION_* variables: SESSION_MODE=cookie npm start
    // switches to cookie sessions without a code change.
    SessionModule.forRootAsync(sessionConfig.asProvider()),
  ],
  controllers: [AppController],
  providers: [AccountService],
})
export class AppModule {}
