import { SetMetadata } from '@nestjs/common';
import { ALLOW_ANONYMOUS_METADATA } from '../session.constants.js';

/** Lets a route (or controller) through a global `SessionGuard` without a session. */
export const AllowAnonymous = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOW_ANONYMOUS_METADATA, true);
