/** What GraphQL servers put in a resolver's context: Apollo and Nest's drivers `req`. */
interface GraphqlContext {
  /** Apollo (Express: Express's request; Fastify: Fastify's), Nest's Mercurius driver. */
  req?: object;
  /** Mercurius's own context. */
  reply?: { request?: object };
  request?: object;
}

/**
 * The HTTP request a GraphQL operation came with, from a resolver's GraphQL context (the third
 * of its arguments): `req` (Apollo on Express and on Fastify, Mercurius through Nest's driver,
 * and every context Nest's drivers build), Mercurius's `reply.request`, or a `request`.
 * Undefined when the context holds none, as over a subscription's WebSocket.
 */
export function requestOfGraphqlContext(context: unknown): object | undefined {
  if (!context || typeof context !== 'object') {
    return undefined;
  }
  const { req, reply, request } = context as GraphqlContext;
  return [req, reply?.request, request].find(
    (candidate) => typeof candidate === 'object' && candidate !== null && 'headers' in candidate,
  );
}
