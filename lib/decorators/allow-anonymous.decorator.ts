import { SetMetadata } from '@nestjs/common';
import { ALLOW_ANONYMOUS_METADATA } from '../guards/session-metadata.js';

/** Lets a route (or controller) through a global `SessionGuard` without a session. */
export const AllowAnonymous = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOW_ANONYMOUS_METADATA, true);
