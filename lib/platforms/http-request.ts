import type { IncomingMessage } from 'node:http';

/** What Express (the Node request itself) or Fastify (a wrapper) hands a route. */
type PlatformRequest = IncomingMessage & {
  /** Fastify: the Node request the middleware saw. */
  raw?: IncomingMessage;
  /** Express: the application. */
  app?: object;
  /** Fastify: the instance. */
  server?: object;
  originalUrl?: string;
};

/** The HTTP request a route got, as the session middleware saw it, and where it came from. */
export interface HttpRequest {
  platform: 'Express' | 'Fastify';
  /** The Express app or Fastify instance that served it. */
  server: object | undefined;
  /** `GET /cart`, for messages. */
  route: string;
}

/** The Node request behind a route's request: Express's itself, Fastify's `raw`. */
export function nodeRequestOf(request: object): IncomingMessage {
  return (request as PlatformRequest).raw ?? (request as IncomingMessage);
}

/** Reads a route's request the same way on Express and Fastify, for messages. */
export function httpRequest(request: object): HttpRequest {
  const { raw, app, server } = request as PlatformRequest;
  const node = nodeRequestOf(request);
  const url = (node as PlatformRequest).originalUrl ?? node.url ?? '';
  return {
    platform: raw ? 'Fastify' : 'Express',
    server: raw ? server : app,
    route: `${node.method ?? ''} ${url.split('?')[0]}`,
  };
}
