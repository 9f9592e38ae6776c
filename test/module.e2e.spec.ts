import {
  Controller,
  Get,
  Injectable,
  Module,
  RequestMethod,
  type INestApplication,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  MemorySessionStore,
  Session,
  SessionConfigError,
  SessionHandle,
  SessionModule,
  type SessionModuleOptions,
  type SessionOptionsFactory,
} from '../lib/index.js';
import { TEST_SECRET } from './fixtures/create-app.js';

@Controller()
class CountController {
  @Get('count')
  count(@Session() session: SessionHandle) {
    const counter = (session.get('counter') ?? 0) + 1;
    session.set('counter', counter);
    return { counter, mode: session.mode };
  }

  @Get('health')
  health() {
    return { ok: true };
  }

  @Get('health/session')
  healthSession(@Session() session: SessionHandle) {
    return { mode: session.mode };
  }
}

@Injectable()
class CookieOptions implements SessionOptionsFactory {
  createSessionOptions(): SessionModuleOptions {
    return { mode: 'cookie', secret: TEST_SECRET };
  }
}

@Module({ providers: [CookieOptions], exports: [CookieOptions] })
class OptionsModule {}

async function start(imports: unknown[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: imports as never[],
    controllers: [CountController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function countTwice(app: INestApplication) {
  const agent = request.agent(app.getHttpServer());
  await agent.get('/count').expect(200);
  return (await agent.get('/count').expect(200)).body;
}

describe('SessionModule.forRootAsync', () => {
  it.each([
    [
      'useFactory with imports and inject',
      SessionModule.forRootAsync({
        imports: [OptionsModule],
        inject: [CookieOptions],
        useFactory: async (factory: CookieOptions) => factory.createSessionOptions(),
      }),
    ],
    ['useClass', SessionModule.forRootAsync({ useClass: CookieOptions })],
    [
      'useExisting',
      SessionModule.forRootAsync({ imports: [OptionsModule], useExisting: CookieOptions }),
    ],
  ])('configures the module through %s', async (_how, dynamicModule) => {
    const app = await start([dynamicModule]);
    expect(await countTwice(app)).toEqual({ counter: 2, mode: 'cookie' });
    await app.close();
  });
});

describe('bad options', () => {
  it.each([
    [{ mode: 'cookies', secret: TEST_SECRET }, /mode: "cookies" is not a session mode/],
    [{ secret: '' }, /secret: every secret must be a non-empty string/],
    [{ secret: [] }, /secret: required/],
    [
      { secret: TEST_SECRET, store: { get: 1 } },
      /store: this object is neither a Store nor store options/,
    ],
    [{ secret: TEST_SECRET, store: 'mongo' }, /store: /],
    [
      { secret: TEST_SECRET, cookie: { maxAge: 'forever' } },
      /cookie\.maxAge: "forever" is not a duration/,
    ],
    [
      { secret: TEST_SECRET, cookie: { sameSite: 'none', secure: false } },
      /cookie\.sameSite: 'none' needs a Secure cookie/,
    ],
  ])('stop the application at start-up: %j', async (options, message) => {
    const failure = start([SessionModule.forRoot(options as SessionModuleOptions)]);
    await expect(failure).rejects.toThrow(SessionConfigError);
    await expect(failure).rejects.toThrow(message);
  });

  it('are all reported in one error', async () => {
    const failure = start([SessionModule.forRoot({ mode: 'x', secret: '', name: 'a b' } as never)]);
    await expect(failure).rejects.toThrow(/mode: [^]*secret: [^]*name: /);
  });

  it('never include the secret in the error', async () => {
    const secret = 'a-secret-value-that-must-not-leak';
    const error = await start([SessionModule.forRoot({ mode: 'nope', secret } as never)]).catch(
      (caught: Error) => caught,
    );
    expect(String((error as Error).stack)).not.toContain(secret);
  });
});

/** A memory store that counts the reads it serves. */
class CountingStore extends MemorySessionStore {
  reads = 0;

  override get(...args: Parameters<MemorySessionStore['get']>): void {
    this.reads++;
    super.get(...args);
  }
}

describe('routes', () => {
  it('runs the session middleware on included routes only, never on excluded ones', async () => {
    const store = new CountingStore();
    const app = await start([
      SessionModule.forRoot({
        secret: TEST_SECRET,
        store,
        routes: {
          include: ['count', 'health/{*rest}'],
          exclude: [{ path: 'health/session', method: RequestMethod.GET }],
        },
      }),
    ]);
    const server = app.getHttpServer();
    const first = await request(server).get('/count').expect(200);
    const cookie = first.headers['set-cookie'];
    await request(server)
      .get('/count')
      .set('Cookie', cookie)
      .expect(200, { counter: 2, mode: 'store' });
    expect(store.reads).toBe(1);

    await request(server).get('/health').set('Cookie', cookie).expect(200, { ok: true });
    const excluded = await request(server).get('/health/session').set('Cookie', cookie);
    expect(store.reads).toBe(1);
    expect(excluded.status).toBe(500);
    expect(excluded.headers['set-cookie']).toBeUndefined();

    await app.close();
    store.close();
  });
});

describe('middleware the application binds through MiddlewareConsumer', () => {
  /** Reports the session's counter as it stood before the route ran. */
  @Module({ controllers: [CountController] })
  class AppModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer
        .apply((req: { session?: { counter?: number } }, res: ServerResponse, next: () => void) => {
          res.setHeader('x-counter-before', String(req.session?.counter ?? 'none'));
          next();
        })
        .forRoutes('*');
    }
  }

  it.each([
    ['every route (the default)', {}],
    ['`routes` set', { routes: { exclude: ['health'] } }],
  ])('runs after the session middleware, with %s', async (_label, extra) => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule,
        SessionModule.forRoot({ mode: 'cookie', secret: TEST_SECRET, ...extra }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const agent = request.agent(app.getHttpServer());
    await agent.get('/count').expect(200);
    const second = await agent.get('/count').expect(200);
    expect(second.headers['x-counter-before']).toBe('1');
    await app.close();
  });
});
