/** How long a command the store sends may wait for Redis's answer before it fails. */
export const COMMAND_TIMEOUT_MS = 5000;

/** Every command the store sends: connect-redis's, the merge's, the users' index's. */
const STORE_COMMANDS = new Set<PropertyKey>([
  'get',
  'set',
  'expire',
  'del',
  'mGet',
  'eval',
  'evalSha',
  'hGetAll',
  'hDel',
  'pTTL',
]);

/**
 * `client` as the store uses it: each of its commands fails when Redis has not answered within
 * `COMMAND_TIMEOUT_MS`, so that a server that hangs (or a cluster master that does) costs its
 * requests a 503 after 5 seconds, never a request that waits for ever. node-redis's own
 * command timeout does not cover that: it ends once the command is written to the socket. A
 * command that times out may still run on Redis later; every write the store makes is one
 * that can land late without harm (a compare-and-set, a whole record, a deletion).
 */
export function withCommandDeadline<Client extends object>(client: Client): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !STORE_COMMANDS.has(property)) {
        return value;
      }
      return (...args: unknown[]) =>
        answeredWithin(value.apply(target, args) as Promise<unknown>, COMMAND_TIMEOUT_MS);
    },
  });
}

/** `work`, or a failure when it has not settled within `ms` (its outcome then ignored). */
export function answeredWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
