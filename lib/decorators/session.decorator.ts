import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { sessionOfContext } from '../platforms/session-of-context.js';
import type { SessionData } from '../core/session-data.interface.js';

const sessionParam = createParamDecorator((key: string | undefined, context: ExecutionContext) => {
  const handle = sessionOfContext(context);
  return key === undefined ? handle : handle.get(key as never);
});

/**
 * Injects the request's `SessionHandle`, or with a key, that one value of `SessionData`.
 *
 * @example
 * @Get('cart')
 * cart(@Session('cart') cart: SessionData['cart'], @Session() session: SessionHandle) {}
 */
export function Session(key?: keyof SessionData & string): ParameterDecorator {
  return sessionParam(key);
}
