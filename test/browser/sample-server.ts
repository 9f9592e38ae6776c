import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSampleApp, type SamplePlatform } from '../../sample/create-sample-app.js';

/** A running sample app and its base URL. */
export interface SampleServer {
  url: string;
  /**
   * Every path the app answered with 404, in order, whoever asked: page loads, and what the
   * browser fetches on its own (`/favicon.ico`), which playwright's page events never show.
   */
  notFound: string[];
  close(): Promise<void>;
}

/**
 * Starts the sample app (sample/app.module.ts) in this process on a free port, on `platform`,
 * configured by `env` exactly as `npm start` would be by the environment. The variables are set
 * only while the app reads them, then restored.
 */
export async function startSample(
  env: Record<string, string>,
  platform: SamplePlatform = 'express',
): Promise<SampleServer> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  let app: INestApplication;
  try {
    Object.assign(process.env, env);
    app = await createSampleApp(platform, false);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  }
  const notFound: string[] = [];
  app.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    response.on('finish', () => {
      if (response.statusCode === 404) notFound.push(request.url ?? '');
    });
    next();
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, notFound, close: () => app.close() };
}
