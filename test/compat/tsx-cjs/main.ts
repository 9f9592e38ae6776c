// A CommonJS app run by tsx: the library is required, and it loads the store's client
// packages through tsx's interop. Prints one JSON line per store: what a login request saw.
import 'reflect-metadata';
import { Controller, Get, Module, Req, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SessionModule, type SessionStoreOption } from '../../../dist/index.js';

const [redisUrl, redisPrefix, postgresUrl, table, sqliteFile] = process.argv.slice(2);
const stores: SessionStoreOption[] = [
  { driver: 'redis', url: redisUrl, prefix: redisPrefix },
  { driver: 'postgres', url: postgresUrl, prefix: table },
  { driver: 'sqlite', url: sqliteFile },
];

@Controller()
class LoginController {
  @Get('login')
  login(@Req() req: { session: { userId?: string } }) {
    req.session.userId = 'ann';
    return { ok: true };
  }
}

async function loginOn(store: SessionStoreOption): Promise<unknown> {
  @Module({ controllers: [LoginController] })
  class AppModule {
    static withSessions(): DynamicModule {
      return {
        module: AppModule,
        imports: [
          SessionModule.forRoot({ secret: 'tsx-secret-that-is-long-enough-to-use', store }),
        ],
      };
    }
  }
  const app = await NestFactory.create(AppModule.withSessions(), {
    logger: false,
    abortOnError: false,
  });
  await app.listen(0, '127.0.0.1');
  try {
    const response = await fetch(`${await app.getUrl()}/login`);
    const cookie = response.headers.get('set-cookie') ?? '';
    return {
      store: (store as { driver: string }).driver,
      status: response.status,
      cookie: cookie.startsWith('sid='),
    };
  } finally {
    await app.close();
  }
}

async function main() {
  for (const store of stores) {
    console.log(JSON.stringify(await loginOn(store)));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
