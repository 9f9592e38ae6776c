import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { sessionOfContext } from '../platforms/session-of-context.js';

/** Injects the request's session ID (in both modes). */
export const SessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => sessionOfContext(context).id,
);
