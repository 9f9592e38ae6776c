import fastifyCookie from '@fastify/cookie';
import fastifySecureSession from '@fastify/secure-session';
import fastifySession from '@fastify/session';
import { Controller, Get, HttpCode, Module, Post, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { BenchApp } from './bench-app.js';
import { BENCH_USER } from './bench-routes.js';
import { CeilingController } from './ceiling.controller.js';

/** The module's cookie defaults, given to the Fastify plugins too, as on Express. */
const COOKIE = { maxAge: 24 * 60 * 60, sameSite: 'lax', httpOnly: true, path: '/' } as const;

/** `request.session` as @fastify/secure-session and @fastify/session both present it. */
interface PluginSessionRequest {
  session: { get(key: string): unknown; set(key: string, value: unknown): void };
}

/** The routes over the Fastify plugins' `request.session`. */
@Controller()
class PluginSessionController {
  @Get('none')
  none() {
    return { ok: true };
  }

  @Get('read')
  read(@Req() req: PluginSessionRequest) {
    return { userId: req.session.get('userId') ?? null };
  }

  @Get('write')
  write(@Req() req: PluginSessionRequest) {
    const counter = ((req.session.get('counter') as number | undefined) ?? 0) + 1;
    req.session.set('counter', counter);
    return { counter };
  }

  @Post('login')
  @HttpCode(200)
  login(@Req() req: PluginSessionRequest) {
    req.session.set('userId', BENCH_USER);
    return { userId: BENCH_USER };
  }
}

@Module({ controllers: [CeilingController] })
class CeilingModule {}

@Module({ controllers: [PluginSessionController] })
class PluginSessionModule {}

/** Nest on Fastify without sessions: the Fastify servers' ceiling. */
export async function createFastifyCeilingApp(): Promise<BenchApp> {
  return { app: await createFastifyApp(CeilingModule) };
}

/** Nest's own recipe for sessions on Fastify: @fastify/secure-session (encrypted cookies). */
export async function createSecureSessionApp(secret: string): Promise<BenchApp> {
  const app = await createFastifyApp(PluginSessionModule);
  await app.register(fastifySecureSession as never, {
    secret: secret.padEnd(32, 'x'),
    salt: 'mq9hDxBVDbspDR6n',
    cookie: COOKIE,
  });
  return { app };
}

/** @fastify/session (its memory store) with @fastify/cookie: store-backed, like express-session. */
export async function createFastifySessionApp(secret: string): Promise<BenchApp> {
  const app = await createFastifyApp(PluginSessionModule);
  await app.register(fastifyCookie as never);
  await app.register(fastifySession as never, {
    secret: secret.padEnd(32, 'x'),
    saveUninitialized: false,
    cookie: { ...COOKIE, maxAge: COOKIE.maxAge * 1000, secure: false },
  });
  return { app };
}

/** Nest on Fastify with `module`, logging only errors. */
export function createFastifyApp(module: object): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
}
