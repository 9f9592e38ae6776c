import { Body, Controller, Get, Header, Inject, Post, Redirect } from '@nestjs/common';
import { RequireSession, Session, SessionHandle } from '../lib/index.js';
import { CartService } from './cart.service.js';
import { SESSION_MODE_SUMMARY, type SessionModeSummary } from './session-mode.js';
import { accountPage } from './views/account.page.js';
import { HTML, layout } from './views/layout.js';
import './session-data.js';

/** The logged-in page and its cart. `@RequireSession()` answers 401 without a `userId`. */
@Controller()
@RequireSession()
export class AccountController {
  constructor(
    private readonly cart: CartService,
    @Inject(SESSION_MODE_SUMMARY) private readonly summary: SessionModeSummary,
  ) {}

  @Get('account')
  @Header('Content-Type', HTML)
  show(
    @Session() session: SessionHandle,
    @Session('userId') userId: string,
    @Session('cart') cart: string[] = [],
  ): string {
    const body = accountPage(userId, cart, this.summary);
    return layout({ title: 'Your account', session, summary: this.summary }, body);
  }

  @Post('cart')
  @Redirect('/account', 303)
  add(@Body('item') item: unknown): void {
    this.cart.add(item);
  }

  @Post('cart/remove')
  @Redirect('/account', 303)
  remove(@Body('item') item: unknown): void {
    this.cart.remove(item);
  }
}
