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
 * Mounts the session middleware on the application, on the Node request and response on
 * Express and Fastify alike:
 * - with `routes` unset, ahead of the middleware bound through `consumer`, which saves Nest's
 *   per-request route matching and proxy (8–14 µs): on Express's app, or as Fastify's first
 *   `onRequest` hook;
 * - with `routes`, through `consumer`, in Nest's route syntax (on Fastify, @fastify/middie).
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
    if (adapter.getType() === 'fastify') {
      // A request hook: cheaper than @fastify/middie's engine (about 7 µs per request in the
      // profiles), on the same Node request and response.
      adapter
        .getInstance<{ addHook(name: string, hook: unknown): void }>()
        .addHook(
          'onRequest',
          (request: FastifyRequestLike, reply: { raw: ServerResponse }, done: () => void) =>
            middleware(request.raw, reply.raw, done),
        );
      return;
    }
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
