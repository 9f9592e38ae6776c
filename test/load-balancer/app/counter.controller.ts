import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Session, SessionHandle } from '../../../lib/index.js';

/** What the load run keeps in each client's session. */
interface CounterData {
  client?: string;
  count?: number;
}

/**
 * The load run's route: each client counts its own requests in its session. The session's first
 * request names its client; every answer says whose session it read (cross-talk shows as
 * another client's name) and how far its count got (a lost increment, as a count too low).
 */
@Controller('load/counter')
export class CounterController {
  @Post()
  @HttpCode(200)
  increment(@Session() session: SessionHandle<CounterData>, @Body('client') client: unknown) {
    if (!session.has('client') && typeof client === 'string') {
      session.set('client', client);
    }
    session.set('count', (session.get('count') ?? 0) + 1);
    return this.read(session);
  }

  @Get()
  read(@Session() session: SessionHandle<CounterData>) {
    return { client: session.get('client') ?? null, count: session.get('count') ?? 0 };
  }
}
