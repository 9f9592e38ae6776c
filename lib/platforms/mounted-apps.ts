import type { SessionRoutes } from '../options/session-module-options.interface.js';

/** The `routes` each application mounted the session middleware with, by its server instance. */
const mounts = new WeakMap<object, Required<SessionRoutes>>();

/** Records that the application whose Express app or Fastify instance is `server` has sessions. */
export function recordMount(server: object, routes: Required<SessionRoutes>): void {
  mounts.set(server, routes);
}

/** The `routes` the application of `server` mounted sessions with; undefined when it has none. */
export function mountOf(server: object | undefined): Required<SessionRoutes> | undefined {
  return server ? mounts.get(server) : undefined;
}
