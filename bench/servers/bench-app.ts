import type { INestApplication } from '@nestjs/common';

/** A benchmark server's Nest app, and what to release after `app.close()`. */
export interface BenchApp {
  app: INestApplication;
  close?: () => Promise<void>;
}
