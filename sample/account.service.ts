import { Injectable } from '@nestjs/common';
import { SessionService } from '../lib/index.js';
import { nameOf } from './demo-users.js';
import './session-data.js';

/** Logs in and out. Any provider reaches the session through SessionService, no request scope. */
@Injectable()
export class AccountService {
  constructor(private readonly session: SessionService) {}

  async logIn(userId: string): Promise<void> {
    // A new session ID at login defeats session fixation; the old session's data is dropped.
    await this.session.regenerate();
    this.session.set('userId', userId);
    this.session.flash('info', `Welcome, ${nameOf(userId)}!`);
  }

  async logOut(): Promise<void> {
    await this.session.destroy();
    this.session.flash('info', 'You are logged out.');
  }
}
