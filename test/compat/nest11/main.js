'use strict';
// Usage: node main.js <store|cookie>. Listens on a free local port and prints one line,
// `listening on <port> with @nestjs/core <version>`, once it accepts requests.
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { version } = require('@nestjs/core/package.json');
const { createAppModule } = require('./app.module.js');

async function bootstrap() {
  const app = await NestFactory.create(createAppModule(process.argv[2]), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  process.stdout.write(`listening on ${port} with @nestjs/core ${version}\n`);
}

bootstrap().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
