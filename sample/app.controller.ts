import { Body, Controller, Get, Post } from '@nestjs/common';
import { RequireSession, Session, SessionHandle } from '../lib/index.js';
import { AccountService } from './account.service.js';
import './session-data.js';

@Controller()
export class AppController {
  constructor(private readonly account: AccountService) {}

  @Get()
  show(@Session() session: SessionHandle) {
    const visits = (session.get('visits') ?? 0) + 1;
    session.set('visits', visits);
    return {
      mode: session.mode,
      userId: session.get('userId') ?? null,
      visits,
      messages: session.flashes('info'),
    };
  }

  @Post('login')
  async logIn(@Body('userId') userId?: string) {
    await this.account.logIn(userId || 'alice');
    return { loggedIn: true };
  }

  @Get('me')
  @RequireSession()
  me(@Session('userId') userId: string) {
    return { userId };
  }

  @Post('logout')
  async logOut() {
    await this.account.logOut();
    return { loggedIn: false };
  }
}
