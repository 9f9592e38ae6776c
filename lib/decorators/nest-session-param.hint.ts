import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';

/**
 * Nest's `ROUTE_ARGS_METADATA` and `RouteParamtypes.SESSION`, the same in Nest 11 and 12, as
 * literals: Nest 12 exports neither from '@nestjs/common', and its deep imports do not resolve.
 * Nest files each parameter decorator's use under the key `${paramtype}:${index}`.
 */
const ROUTE_ARGS_METADATA = '__routeArguments__';
const NEST_SESSION_PARAMTYPE = '7';

/**
 * Warns at start-up, once per controller handler, about parameters decorated with Nest's own
 * `@Session()` from '@nestjs/common' (what editors auto-import): it compiles, but gives the raw
 * `req.session`, so `session.get(...)` fails at run time with "session.get is not a function".
 */
@Injectable()
export class NestSessionParamHint implements OnApplicationBootstrap {
  private readonly logger = new Logger('SessionModule');

  // The modules rather than DiscoveryService itself, which only DiscoveryModule provides.
  constructor(private readonly modules: ModulesContainer) {}

  onApplicationBootstrap(): void {
    const scanner = new MetadataScanner();
    const controllers = new Set(
      new DiscoveryService(this.modules).getControllers().map(({ metatype }) => metatype),
    );
    for (const controller of controllers) {
      if (typeof controller !== 'function') {
        continue;
      }
      for (const method of scanner.getAllMethodNames(controller.prototype as object)) {
        if (usesNestSession(controller, method)) {
          this.logger.warn(
            `${controller.name}.${method}() takes @Session() from @nestjs/common: import ` +
              "`Session` from 'nestjs-session-kit' to get a typed SessionHandle (Nest's own " +
              'gives the raw req.session, whose session.get is not a function)',
          );
        }
      }
    }
  }
}

function usesNestSession(controller: object, method: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as object;
  return Object.keys(args).some((key) => key.split(':')[0] === NEST_SESSION_PARAMTYPE);
}
