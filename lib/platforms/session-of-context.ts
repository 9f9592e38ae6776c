import type { ExecutionContext } from '@nestjs/common';
import { activeSession, RequestSession, sessionRecordOf } from '../core/request-context.js';
import { NoActiveSessionError } from '../errors/no-active-session.error.js';
import { requestOfGraphqlContext } from './graphql-request.js';
import { httpRequest, nodeRequestOf } from './http-request.js';
import { mountOf } from './mounted-apps.js';

/**
 * The session of the request or message a handler runs for: a controller's or a GraphQL
 * resolver's HTTP request (Express or Fastify), or a WebSocket gateway's message. Throws
 * `NoActiveSessionError` saying where it was asked for and why there is none.
 */
export function sessionOfContext(context: ExecutionContext): RequestSession {
  const type = context.getType<string>();
  if (type === 'http') {
    return sessionOfRequest(context.switchToHttp().getRequest<object>());
  }
  const handler = `${context.getClass().name}.${context.getHandler().name}`;
  if (type === 'graphql') {
    return sessionOfOperation(context.getArgs()[2], handler);
  }
  if (type === 'ws') {
    return sessionOfMessage(handler);
  }
  throw new NoActiveSessionError(
    `a ${type} handler (${handler})`,
    'sessions come with HTTP requests (to controllers and GraphQL resolvers) and with ' +
      'WebSocket messages, and this context has neither',
  );
}

/** The session of the HTTP request a GraphQL operation came with. */
function sessionOfOperation(graphqlContext: unknown, handler: string): RequestSession {
  const request = requestOfGraphqlContext(graphqlContext);
  if (request) {
    return sessionOfRequest(request);
  }
  const active = activeSession();
  if (active instanceof RequestSession) {
    return active;
  }
  throw new NoActiveSessionError(
    `a GraphQL resolver (${handler})`,
    'its GraphQL context holds no HTTP request: sessions come with queries and mutations over ' +
      "HTTP, not over a subscription's WebSocket; and a `context` of your own given to " +
      'GraphQLModule must keep `req` in it',
  );
}

/** The session a WebSocket message (or `handleConnection()`) is handled with. */
function sessionOfMessage(handler: string): RequestSession {
  const active = activeSession();
  if (active instanceof RequestSession) {
    return active;
  }
  throw new NoActiveSessionError(
    `a WebSocket gateway (${handler})`,
    active?.reason ??
      "message handlers and handleConnection() get the session through the application's " +
        'WebSocket adapter, and this one ran outside them',
  );
}

/** The session of an HTTP request (Express's, or Fastify's wrapper). */
function sessionOfRequest(request: object): RequestSession {
  const record = sessionRecordOf(nodeRequestOf(request));
  if (record instanceof RequestSession) {
    return record;
  }
  const http = httpRequest(request);
  const where = `${http.platform} route ${http.route}`;
  if (record) {
    throw new NoActiveSessionError(where, record.reason);
  }
  const routes = mountOf(http.server);
  if (!routes) {
    throw new NoActiveSessionError(
      where,
      'SessionModule is not part of this application: import SessionModule.forRoot() (or ' +
        'forRootAsync()) once, in the root module',
    );
  }
  const { include, exclude } = routes;
  throw new NoActiveSessionError(
    where,
    include.length > 0 || exclude.length > 0
      ? "SessionModule's `routes` option leaves this route out (include: " +
          `${JSON.stringify(include)}, exclude: ${JSON.stringify(exclude)}); add it there, or ` +
          'leave the session alone on this route'
      : 'the session middleware did not run for this request (a middleware or hook that ' +
          'answered it before SessionModule, or a route registered outside Nest)',
  );
}
