import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { handleOf } from '../session-context.js';

/** Injects the request's session ID (in both modes). */
export const SessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    handleOf(context.switchToHttp().getRequest<object>()).id,
);
