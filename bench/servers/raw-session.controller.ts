import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { BENCH_USER } from './bench-routes.js';

/** `req.session` as raw express-session and raw cookie-session both present it. */
interface RawSessionRequest {
  session: { userId?: string; counter?: number };
}

/** The routes over `req.session`, for the raw middleware mounted with `app.use`. */
@Controller()
export class RawSessionController {
  @Get('none')
  none() {
    return { ok: true };
  }

  @Get('read')
  read(@Req() req: RawSessionRequest) {
    return { userId: req.session.userId ?? null };
  }

  @Get('write')
  write(@Req() req: RawSessionRequest) {
    const counter = (req.session.counter ?? 0) + 1;
    req.session.counter = counter;
    return { counter };
  }

  @Post('login')
  @HttpCode(200)
  login(@Req() req: RawSessionRequest) {
    req.session.userId = BENCH_USER;
    return { userId: BENCH_USER };
  }
}
