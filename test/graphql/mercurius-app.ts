// The resolver suite's app on Mercurius, run as a child process: Mercurius requires
// @fastify/static, whose content-disposition is an ES module that Jest cannot require on
// Node < 24.9 (Node itself can). Prints a session cookie for `bob`, then its port.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { SessionModule, type SessionModuleOptions } from '../../lib/index.js';
import { sessionCookie } from '../../lib/testing/index.js';
import { SessionResolver, TYPE_DEFS } from './session.resolver.js';

const options = JSON.parse(process.argv[2]!) as SessionModuleOptions;

@Module({
  imports: [
    SessionModule.forRoot(options),
    GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, typeDefs: TYPE_DEFS }),
  ],
  providers: [SessionResolver],
})
class AppModule {}

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };
console.log(`cookie ${await sessionCookie(app, { userId: 'bob' })}`);
console.log(`listening on ${port}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
