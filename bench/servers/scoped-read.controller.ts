import { Controller, Get, Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';

/**
 * What users write without AsyncLocalStorage: a request-scoped provider around `req.session`.
 * Nest builds it, and the controller that injects it, again for every request.
 */
@Injectable({ scope: Scope.REQUEST })
export class RequestSessionReader {
  constructor(@Inject(REQUEST) private readonly request: { session?: { userId?: string } }) {}

  userId(): string | undefined {
    return this.request.session?.userId;
  }
}

/** `/read` through the request-scoped reader; its own controller, so only it is request-scoped. */
@Controller('read/scoped')
export class ScopedReadController {
  constructor(private readonly reader: RequestSessionReader) {}

  @Get()
  read() {
    return { userId: this.reader.userId() ?? null };
  }
}
