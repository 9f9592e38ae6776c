import { Body, Controller, Get, Header, Inject, Post, Redirect } from '@nestjs/common';
import { Session, SessionHandle } from '../lib/index.js';
import { AccountService } from './account.service.js';
import { findDemoUser } from './demo-users.js';
import { SESSION_MODE_SUMMARY, type SessionModeSummary } from './session-mode.js';
import { homePage } from './views/home.page.js';
import { HTML, layout } from './views/layout.js';
import './session-data.js';

/** The home page with the login form; logging in and out (POST, then a 303 redirect). */
@Controller()
export class HomeController {
  constructor(
    private readonly account: AccountService,
    @Inject(SESSION_MODE_SUMMARY) private readonly summary: SessionModeSummary,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  home(@Session() session: SessionHandle): string {
    const body = homePage(session.get('userId'));
    return layout({ title: 'Welcome', session, summary: this.summary }, body);
  }

  @Post('login')
  @Redirect('/', 303)
  async logIn(
    @Session() session: SessionHandle,
    @Body() form: { username?: unknown; password?: unknown },
  ) {
    const user = findDemoUser(form.username, form.password);
    if (!user) {
      session.flash('error', 'Unknown username or wrong password.');
      return;
    }
    await this.account.logIn(user.username);
    return { url: '/account' };
  }

  @Post('logout')
  @Redirect('/', 303)
  async logOut(): Promise<void> {
    await this.account.logOut();
  }
}
