import {
  Catch,
  UnauthorizedException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SessionService } from '../lib/index.js';

/** Sends a browser that `@RequireSession()` turned away to the login form instead of a 401. */
@Catch(UnauthorizedException)
export class LoginRedirectFilter implements ExceptionFilter {
  constructor(
    private readonly session: SessionService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  catch(_exception: UnauthorizedException, host: ArgumentsHost): void {
    this.session.flash('error', 'Please log in first.');
    this.adapterHost.httpAdapter.redirect(host.switchToHttp().getResponse(), 303, '/');
  }
}
