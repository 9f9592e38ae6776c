import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { loadWsException } from '../platforms/ws-exception.js';

/** What a refusal says, by its status. */
const REFUSALS = {
  401: { message: 'Unauthorized', code: 'UNAUTHENTICATED' },
  403: { message: 'Forbidden', code: 'FORBIDDEN' },
} as const;

/**
 * The error that refuses a handler of `contextType`, as its clients expect it:
 * - HTTP: `UnauthorizedException` (401) or `ForbiddenException` (403);
 * - GraphQL: the same, with `extensions.code` `UNAUTHENTICATED` or `FORBIDDEN`, which graphql-js
 *   copies into the GraphQL error (Nest's Apollo driver gives 401 and 403 these codes as well;
 *   Mercurius sends the extensions as they are). A refusal is an answer, not a fault: it carries
 *   no stack trace, which Apollo would otherwise send to the client outside production;
 * - WebSocket: a `WsException`, which Nest's filter sends to the client as
 *   `{ status: 'error', message }` (any other error becomes "Internal server error").
 */
export async function sessionRefusal(contextType: string, status: 401 | 403): Promise<Error> {
  const { message, code } = REFUSALS[status];
  if (contextType === 'ws') {
    const WsException = await loadWsException();
    return new WsException(message);
  }
  const refusal = status === 401 ? new UnauthorizedException() : new ForbiddenException();
  if (contextType === 'graphql') {
    Object.assign(refusal, { extensions: { code } });
    refusal.stack = `${refusal.name}: ${refusal.message}`;
  }
  return refusal;
}
