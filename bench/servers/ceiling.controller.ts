import { Controller, Get } from '@nestjs/common';

/** The same routes with no session at all: the ceiling every other server is held against. */
@Controller()
export class CeilingController {
  private counter = 0;

  @Get('none')
  none() {
    return { ok: true };
  }

  @Get('read')
  read() {
    return { userId: null };
  }

  @Get('write')
  write() {
    return { counter: ++this.counter };
  }
}
