import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';

/** The platforms the sample runs on: `SAMPLE_PLATFORM=fastify npm start` picks Fastify. */
export type SamplePlatform = 'express' | 'fastify';

/** The platform `SAMPLE_PLATFORM` names (Express when unset). */
export function samplePlatform(env: NodeJS.ProcessEnv = process.env): SamplePlatform {
  const platform = env.SAMPLE_PLATFORM?.trim().toLowerCase() || 'express';
  if (platform !== 'express' && platform !== 'fastify') {
    throw new Error(`SAMPLE_PLATFORM is "${platform}"; use express or fastify`);
  }
  return platform;
}

/** The sample app on `platform`: the same module, and the same session code, on both. */
export function createSampleApp(
  platform: SamplePlatform,
  logger: false | undefined = undefined,
): Promise<INestApplication> {
  const options = logger === false ? { logger } : {};
  return platform === 'fastify'
    ? NestFactory.create(AppModule, new FastifyAdapter(), options)
    : NestFactory.create(AppModule, options);
}
