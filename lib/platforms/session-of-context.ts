import type { ExecutionContext } from '@nestjs/common';
import { RequestSession, sessionRecordOf } from '../core/request-context.js';
import { NoActiveSessionError } from '../errors/no-active-session.error.js';
import { httpRequest, nodeRequestOf } from './http-request.js';
import { mountOf } from './mounted-apps.js';

/**
 * The session of the request a handler runs for, on either platform; throws
 * `NoActiveSessionError` saying where it was asked for and why there is none.
 */
export function sessionOfContext(context: ExecutionContext): RequestSession {
  const type = context.getType<string>();
  if (type !== 'http') {
    throw new NoActiveSessionError(
      `a ${type} handler (${context.getClass().name}.${context.getHandler().name})`,
      'sessions come with HTTP requests, and this context has none',
    );
  }
  return sessionOfRequest(context.switchToHttp().getRequest<object>());
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
