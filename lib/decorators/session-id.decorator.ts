import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { sessionOf } from '../core/request-context.js';

/** Injects the request's session ID (in both modes). */
export const SessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    sessionOf(context.switchToHttp().getRequest<object>()).id,
);
