import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Session, SessionHandle, SessionId, SessionService } from '../../lib/index.js';
import '../fixtures/session-data.js';

/**
 * A "your devices" API over `SessionService`, as an application writes one. User IDs and keys
 * come straight from the request, unchecked: the calls must take whatever a client sends.
 */
@Controller()
export class DevicesController {
  constructor(private readonly sessions: SessionService) {}

  @Post('login')
  @HttpCode(200)
  async login(
    @Session() session: SessionHandle,
    @Body() body: { userId: string; remember?: string },
  ) {
    await session.regenerate();
    session.set('userId', body.userId);
    if (body.remember) {
      session.setMaxAge(body.remember);
    }
    return { userId: body.userId };
  }

  @Get('me')
  me(@Session('userId') userId: string | undefined) {
    return { userId: userId ?? null };
  }

  @Get('id')
  id(@SessionId() id: string) {
    return { id };
  }

  @Post('note')
  @HttpCode(200)
  note(@Session() session: SessionHandle, @Body() body: { note: string }) {
    session.set('note', body.note);
    return { note: body.note };
  }

  /** Changes who the session belongs to without a new session (no regenerate). */
  @Post('become')
  @HttpCode(200)
  become(@Session() session: SessionHandle, @Body() body: { userId?: string }) {
    if (body.userId === undefined) {
      session.unset('userId');
    } else {
      session.set('userId', body.userId);
    }
    return {};
  }

  @Post('logout')
  @HttpCode(200)
  async logout(@Session() session: SessionHandle) {
    await session.destroy();
    return {};
  }

  @Get('sessions')
  list(@Query('user') user: string | undefined) {
    return this.sessions.listSessions(user);
  }

  @Post('sessions/revoke')
  @HttpCode(200)
  async revoke(@Body() body: { userId: string; key: string }) {
    return { revoked: await this.sessions.revokeSession(body.userId, body.key) };
  }

  @Post('sessions/revoke-all')
  @HttpCode(200)
  async revokeAll(@Body() body: { userId: string; exceptCurrent?: boolean }) {
    const count = await this.sessions.revokeAllSessions(body.userId, {
      exceptCurrent: body.exceptCurrent,
    });
    return { count };
  }
}
