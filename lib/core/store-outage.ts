import { ServiceUnavailableException } from '@nestjs/common';
import type { StoreAvailability } from './store-availability.js';

type Next = (error?: unknown) => void;

/**
 * Records a store failure (logged once per outage) and returns what the request answers: a
 * generic 503 that says nothing about the store.
 */
export function storeFailure(availability: StoreAvailability, cause: unknown): Error {
  availability.failed(cause);
  return new ServiceUnavailableException();
}

/**
 * Runs the store-backed session middleware `load`, turning store trouble into 503s:
 * - while the store is known to be down, the request gets a 503 without waiting on it, unless a
 *   probe (at most one a second) finds it back; a store that fails by parts (a Redis Cluster) is
 *   used all the same, and only the requests that meet a failed part get 503;
 * - an error `load` reports becomes a 503;
 * - an error reported after the request moved on (express-session saves at the end of the
 *   response, when the status is already sent) only opens the outage, so the next requests
 *   get 503.
 */
export function loadWithStore(
  availability: StoreAvailability,
  load: (done: Next) => void,
  next: Next,
): void {
  const run = () => {
    let continued = false;
    load((error) => {
      if (continued) {
        if (error) {
          availability.failed(error);
        }
        return;
      }
      continued = true;
      next(error ? storeFailure(availability, error) : undefined);
    });
  };
  const usable = availability.usable();
  if (usable === true) {
    return run();
  }
  usable.then((back) => (back ? run() : next(new ServiceUnavailableException()))).catch(next);
}
