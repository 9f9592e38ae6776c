import { Injectable } from '@nestjs/common';
import { SessionService } from '../lib/index.js';
import './session-data.js';

/** Shows that any provider can reach the session without becoming request-scoped. */
@Injectable()
export class AccountService {
  constructor(private readonly session: SessionService) {}

  async logIn(userId: string): Promise<void> {
    await this.session.regenerate();
    this.session.set('userId', userId);
    this.session.flash('info', `Welcome, ${userId}!`);
  }

  async logOut(): Promise<void> {
    await this.session.destroy();
    this.session.flash('info', 'You are logged out.');
  }
}
