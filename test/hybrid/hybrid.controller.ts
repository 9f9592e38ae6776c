import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AllowAnonymous, RequireSession, Session, SessionHandle } from '../../lib/index.js';
import '../fixtures/session-data.js';

/** HTTP routes and microservice handlers side by side, under a global SessionGuard. */
@Controller()
export class HybridController {
  @Post('login')
  @AllowAnonymous()
  @HttpCode(200)
  async login(@Session() session: SessionHandle, @Body('userId') userId: string) {
    await session.regenerate();
    session.set('userId', userId);
    return { userId };
  }

  @Get('me')
  me(@Session('userId') userId: string) {
    return { userId };
  }

  /** A microservice handler with no decorator: the global guard lets it run. */
  @MessagePattern('sum')
  sum(@Payload() numbers: number[]) {
    return numbers.reduce((total, number) => total + number, 0);
  }

  /** A microservice handler that asks for a session, which no message carries. */
  @MessagePattern('whoami')
  whoami(@Session('userId') userId: string | undefined) {
    return { userId: userId ?? null };
  }

  /** `@RequireSession()` where no session can come: a mistake, reported. */
  @MessagePattern('guarded')
  @RequireSession()
  guarded() {
    return 'never';
  }
}
