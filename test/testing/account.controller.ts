import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { RequireSession, Session, type SessionHandle } from 'nestjs-session-kit';
import './session-data.js';

/** A user's guarded routes, the kind a test wants to call already logged in. */
@Controller('account')
export class AccountController {
  @Get()
  @RequireSession()
  show(@Session() session: SessionHandle) {
    return { id: session.id, isNew: session.isNew, data: session.toJSON() };
  }

  @Get('admin')
  @RequireSession({ check: (session) => session.get('roles')?.includes('admin') ?? false })
  admin() {
    return 'admin';
  }

  @Post('logout')
  @HttpCode(204)
  async logOut(@Session() session: SessionHandle) {
    await session.destroy();
  }
}
