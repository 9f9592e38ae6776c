import type { MiddlewareConsumer } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionRoutes } from '../options/session-module-options.interface.js';
import { recordMount } from './mounted-apps.js';

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Fastify's request, whose Node request is `raw`. */
interface FastifyRequestLike {
  raw: IncomingMessage & { session?: unknown; sessionStore?: unknown };
}

/**
 * Mounts the session middleware on the application, Express or Fastify alike (on Fastify, Nest
 * runs it through @fastify/middie, on the Node request):
 * - with `routes` unset, on the HTTP adapter itself, ahead of the middleware bound through
 *   `consumer`, which saves Nest's per-request route matching and proxy (8–14 µs);
 * - with `routes`, through `consumer`, in Nest's route syntax.
 * On Fastify, `request.session` and `request.sessionStore` then read the Node request's, as
 * they do on Express.
 */
export function mountSessionMiddleware(
  adapter: AbstractHttpAdapter,
  consumer: MiddlewareConsumer,
  middleware: Middleware,
  routes: Required<SessionRoutes>,
): void {
  recordMount(adapter.getInstance<object>(), routes);
  if (adapter.getType() === 'fastify') {
    exposeOnFastifyRequests(adapter.getInstance());
  }
  const { include, exclude } = routes;
  if (include.length === 0 && exclude.length === 0) {
    adapter.use(middleware);
    return;
  }
  consumer
    .apply(middleware)
    .exclude(...exclude)
    .forRoutes(...(include.length > 0 ? include : ['*']));
}

function exposeOnFastifyRequests(fastify: {
  hasRequestDecorator(name: string): boolean;
  decorateRequest(name: string, accessors: PropertyDescriptor & ThisType<FastifyRequestLike>): void;
}): void {
  for (const name of ['session', 'sessionStore'] as const) {
    if (!fastify.hasRequestDecorator(name)) {
      fastify.decorateRequest(name, {
        getter(this: FastifyRequestLike) {
          return this.raw[name];
        },
        setter(this: FastifyRequestLike, value: unknown) {
          this.raw[name] = value;
        },
      } as never);
    }
  }
}
