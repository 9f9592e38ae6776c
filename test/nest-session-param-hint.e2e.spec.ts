import {
  Controller,
  Get,
  Session as NestSession,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import request from 'supertest';
import { Session, type SessionHandle } from '../lib/index.js';
import { captureLogs, type LogLine } from './config/log-capture.js';
import { createApp, TEST_SECRET } from './fixtures/create-app.js';
import './fixtures/session-data.js';

/** The mistake: Nest's `@Session()`, auto-imported, typed as the kit's handle. */
@Controller('nest')
class NestSessionController {
  @Get()
  read(@NestSession() session: SessionHandle) {
    return { counter: session.get('counter') ?? 0 };
  }

  @Get('plain')
  plain() {
    return { ok: true };
  }
}

@Controller('kit')
class KitSessionController {
  @Get()
  read(@Session() session: SessionHandle) {
    return { counter: session.get('counter') ?? 0 };
  }

  @Get('counter')
  counter(@Session('counter') counter: number | undefined) {
    return { counter: counter ?? 0 };
  }
}

/** Starts a real app with `controllers` and returns it with the warnings logged meanwhile. */
async function start(controllers: Type[]): Promise<{ app: INestApplication; warnings: string[] }> {
  const logs = captureLogs();
  try {
    const app = await createApp({ mode: 'store', secret: TEST_SECRET }, controllers);
    const warnings = logs.lines.filter(({ level }: LogLine) => level === 'warn');
    return { app, warnings: warnings.map(({ text }) => text) };
  } finally {
    logs.restore();
  }
}

describe("Nest's own @Session() on a controller", () => {
  let app: INestApplication | undefined;
  afterEach(() => app?.close());

  it('gets one warning at start-up naming the handler, and the kit decorator none', async () => {
    const started = await start([NestSessionController, KitSessionController]);
    app = started.app;

    expect(started.warnings).toEqual([
      'NestSessionController.read() takes @Session() from @nestjs/common: import `Session` ' +
        "from 'nestjs-session-kit' to get a typed SessionHandle (Nest's own gives the raw " +
        'req.session, whose session.get is not a function)',
    ]);
    // What the warning is about: the raw req.session has no get().
    await request(app.getHttpServer()).get('/nest').expect(500);
    await request(app.getHttpServer()).get('/kit').expect(200, { counter: 0 });
  });

  it('gets no warning when every handler uses the kit decorator', async () => {
    const started = await start([KitSessionController]);
    app = started.app;

    expect(started.warnings).toEqual([]);
  });
});
