import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Session, SessionHandle } from '../../lib/index.js';
import '../fixtures/session-data.js';

/** Log in, read, log out; and a route the tests leave outside the session middleware. */
@Controller()
export class AccountController {
  @Post('login')
  @HttpCode(200)
  async login(@Session() session: SessionHandle, @Body() body: { userId: string }) {
    await session.regenerate();
    session.set('userId', body.userId);
    return { userId: body.userId };
  }

  @Get('me')
  me(@Session() session: SessionHandle) {
    return { userId: session.get('userId') ?? null };
  }

  @Post('logout')
  @HttpCode(200)
  async logout(@Session() session: SessionHandle) {
    await session.destroy();
    return { loggedOut: true };
  }

  @Get('health')
  health() {
    return { ok: true };
  }
}
