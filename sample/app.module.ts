import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { SessionModule } from '../lib/index.js';
import { AccountService } from './account.service.js';
import { AppController } from './app.controller.js';

@Module({
  imports: [
    SessionModule.forRoot({
      mode: process.env.SESSION_MODE === 'cookie' ? 'cookie' : 'store',
      // A fixed secret belongs in the environment; without one, sessions last until a restart.
      secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    }),
  ],
  controllers: [AppController],
  providers: [AccountService],
})
export class AppModule {}
