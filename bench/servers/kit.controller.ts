import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Session, SessionHandle, SessionService } from '../../dist/index.js';
import '../session-data.js';
import { BENCH_USER } from './bench-routes.js';

/** The routes over this module: `@Session()` and `SessionService`, plus an excluded route. */
@Controller()
export class KitController {
  constructor(private readonly sessions: SessionService) {}

  @Get('none')
  none() {
    return { ok: true };
  }

  @Get('read')
  read(@Session() session: SessionHandle) {
    return { userId: session.get('userId') ?? null };
  }

  @Get('read/service')
  readThroughService() {
    return { userId: this.sessions.get('userId') ?? null };
  }

  @Get('write')
  write(@Session() session: SessionHandle) {
    const counter = (session.get('counter') ?? 0) + 1;
    session.set('counter', counter);
    return { counter };
  }

  /** Excluded with `routes.exclude` on kit-store-memory-routes: it must cost what the ceiling's `/none` costs. */
  @Get('excluded')
  excluded() {
    return { ok: true };
  }

  @Post('login')
  @HttpCode(200)
  login(@Session() session: SessionHandle) {
    session.set('userId', BENCH_USER);
    return { userId: BENCH_USER };
  }
}
