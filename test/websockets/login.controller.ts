import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Session, SessionHandle } from '../../lib/index.js';
import '../fixtures/session-data.js';

/** Logging in and out over HTTP, beside the gateways. */
@Controller()
export class LoginController {
  @Post('login')
  @HttpCode(200)
  async login(@Session() session: SessionHandle, @Body() body: Record<string, unknown>) {
    await session.regenerate();
    session.patch(body);
    return { id: session.id, data: session.toJSON() };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Session() session: SessionHandle) {
    await session.destroy();
  }

  @Post('flash')
  @HttpCode(204)
  flash(@Session() session: SessionHandle, @Body('message') message: string) {
    session.flash('info', message);
  }

  @Post('cart')
  @HttpCode(200)
  cart(@Session() session: SessionHandle, @Body('cart') cart: string[]) {
    session.set('cart', cart);
    return session.toJSON();
  }

  @Get('me')
  me(@Session() session: SessionHandle) {
    return { id: session.id, isNew: session.isNew, data: session.toJSON() };
  }
}
