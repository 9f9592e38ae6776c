import { Body, Controller, Get, Header, Inject, Post, Redirect } from '@nestjs/common';
import {
  RequireSession,
  Session,
  SessionConfigError,
  SessionHandle,
  SessionService,
} from '../lib/index.js';
import { SESSION_MODE_SUMMARY, type SessionModeSummary } from './session-mode.js';
import { devicesPage } from './views/devices.page.js';
import { HTML, layout } from './views/layout.js';
import './session-data.js';

/** "Your sessions": the devices logged in as this user, and ending them. */
@Controller('account/sessions')
@RequireSession()
export class DevicesController {
  constructor(
    private readonly sessions: SessionService,
    @Inject(SESSION_MODE_SUMMARY) private readonly summary: SessionModeSummary,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async show(@Session() session: SessionHandle): Promise<string> {
    // Cookie mode without a revocation store keeps nothing to list: the page says so.
    const devices = await this.sessions.listSessions().catch((error: unknown) => {
      if (error instanceof SessionConfigError) return undefined;
      throw error;
    });
    const body = devicesPage(devices, this.summary);
    return layout({ title: 'Your sessions', session, summary: this.summary }, body);
  }

  @Post('revoke')
  @Redirect('/account/sessions', 303)
  async revoke(
    @Session() session: SessionHandle,
    @Session('userId') userId: string,
    @Body('key') key: unknown,
  ): Promise<void> {
    const ended = await this.sessions.revokeSession(userId, typeof key === 'string' ? key : '');
    session.flash('info', ended ? 'That device is logged out.' : 'That session had already ended.');
  }

  @Post('revoke-others')
  @Redirect('/account/sessions', 303)
  async revokeOthers(
    @Session() session: SessionHandle,
    @Session('userId') userId: string,
  ): Promise<void> {
    const count = await this.sessions.revokeAllSessions(userId, { exceptCurrent: true });
    session.flash('info', `Logged out everywhere else (${count} other session(s)).`);
  }
}
