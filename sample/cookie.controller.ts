import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { parse } from 'cookie';
import type { IncomingHttpHeaders } from 'node:http';
import { Session, SessionHandle, SessionId } from '../lib/index.js';
import { dissectSessionCookie } from './cookie-anatomy.js';
import { SESSION_MODE_SUMMARY, type SessionModeSummary } from './session-mode.js';
import { cookiePage } from './views/cookie.page.js';
import { HTML, layout } from './views/layout.js';

/** For learning: what the session cookie carries in the current mode. Never the secret. */
@Controller('cookie')
export class CookieController {
  constructor(@Inject(SESSION_MODE_SUMMARY) private readonly summary: SessionModeSummary) {}

  @Get()
  @Header('Content-Type', HTML)
  show(
    @Req() req: { headers: IncomingHttpHeaders },
    @Session() session: SessionHandle,
    @SessionId() sessionId: string,
  ): string {
    const cookies = parse(req.headers.cookie ?? '');
    const anatomy = dissectSessionCookie(cookies, this.summary, sessionId);
    const body = cookiePage(anatomy, this.summary, session.toJSON());
    return layout({ title: 'What the cookie carries', session, summary: this.summary }, body);
  }
}
