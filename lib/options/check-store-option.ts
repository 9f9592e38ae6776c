import session from 'express-session';
import { BUILTIN_STORES, builtinStore, type SessionStoreOption } from '../stores/builtin-stores.js';
import type { StoreDescriptor } from '../stores/store-descriptor.interface.js';
import { nearestName } from './nearest-name.js';
import { show, type OptionProblems } from './option-problems.js';

/** A table name that needs no escaping and leaves room for the index name's suffix. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,49}$/;

const DRIVER_NAMES = BUILTIN_STORES.map(({ driver }) => `'${driver}'`).join(', ');
const USAGE =
  `use ${DRIVER_NAMES}, an object { driver, … } with that store's options, or an ` +
  'express-session Store instance';

/**
 * Checks a store option (`store`, or cookie mode's `revocation`, named by `path`) against the
 * built-in stores' descriptors. URLs are never repeated back, since they may hold a password.
 * Returns the option to use, or `undefined` when bad.
 */
export function checkStoreOption(
  store: unknown,
  found: OptionProblems,
  path = 'store',
): SessionStoreOption | undefined {
  if (typeof store === 'string') {
    return builtinStore(store)
      ? (store as SessionStoreOption)
      : found.fail(path, `${show(store)} is not a store; ${USAGE}`);
  }
  if (store === null || typeof store !== 'object') {
    return found.fail(path, `${show(store)} is not a store; ${USAGE}`);
  }
  if (!('driver' in store)) {
    return isStore(store)
      ? (store as SessionStoreOption)
      : found.fail(path, `this object is neither a Store nor store options; ${USAGE}`);
  }
  const options = store as Record<string, unknown>;
  const descriptor = builtinStore(options.driver);
  if (!descriptor) {
    return found.fail(`${path}.driver`, `${show(options.driver)} is not a store; ${USAGE}`);
  }
  const before = found.problems.length;
  checkKeys(descriptor, options, found, path);
  checkUrlAndClient(descriptor, options, found, path);
  checkPrefix(descriptor, options.prefix, found, path);
  for (const [option, problem] of descriptor.check?.(options, path) ?? []) {
    found.fail(`${path}.${option}`, problem);
  }
  return found.problems.length === before ? (options as unknown as SessionStoreOption) : undefined;
}

function checkKeys(
  descriptor: StoreDescriptor,
  options: Record<string, unknown>,
  found: OptionProblems,
  path: string,
) {
  const known = Object.keys(descriptor.options);
  for (const key of Object.keys(options)) {
    if (key === 'driver' || options[key] === undefined || known.includes(key)) {
      continue;
    }
    const nearest = nearestName(key, known);
    const takers = BUILTIN_STORES.filter((store) => key in store.options).map(
      (store) => store.driver,
    );
    found.fail(
      `${path}.${key}`,
      `the ${descriptor.driver} store has no such option` +
        (nearest ? `; did you mean \`${nearest}\`?` : '') +
        (known.length > 0 ? `; it takes ${known.join(', ')}` : '; it takes none') +
        (takers.length > 0
          ? `; the ${listed(takers)} store${takers.length > 1 ? 's take' : ' takes'} it`
          : ''),
    );
  }
}

function checkUrlAndClient(
  descriptor: StoreDescriptor,
  { url, client }: Record<string, unknown>,
  found: OptionProblems,
  path: string,
) {
  if (url !== undefined && client !== undefined) {
    found.fail(
      path,
      `pass either {${path}.url} or {${path}.client} to the ${descriptor.driver} store, not both`,
    );
  }
  if (
    url !== undefined &&
    descriptor.url &&
    !(typeof url === 'string' && descriptor.url.isValid(url))
  ) {
    found.fail(`${path}.url`, `not a ${descriptor.driver} address; use ${descriptor.url.expected}`);
  }
  if (client !== undefined && descriptor.client && !hasMethods(client, descriptor.client.methods)) {
    found.fail(
      `${path}.client`,
      `not a ${descriptor.driver} client; it needs ${descriptor.client.methods.join(', ')} ` +
        `(pass ${descriptor.client.expected})`,
    );
  }
}

function checkPrefix(
  descriptor: StoreDescriptor,
  prefix: unknown,
  found: OptionProblems,
  path: string,
) {
  if (prefix === undefined || !descriptor.prefix) {
    return;
  }
  if (descriptor.prefix.names === 'key prefix') {
    if (typeof prefix !== 'string' || prefix === '') {
      found.fail(
        `${path}.prefix`,
        `${show(prefix)} is not a key prefix; use a non-empty string such as "sess:"`,
      );
    }
  } else if (typeof prefix !== 'string' || !TABLE_NAME.test(prefix)) {
    found.fail(
      `${path}.prefix`,
      `${show(prefix)} is not a usable table name; use up to 50 letters, digits and ` +
        'underscores, not starting with a digit',
    );
  }
}

function isStore(value: object): boolean {
  // A Store built on another copy of express-session fails `instanceof` but works all the same.
  return (
    value instanceof session.Store ||
    hasMethods(value, ['get', 'set', 'destroy', 'on', 'createSession'])
  );
}

function hasMethods(value: unknown, methods: readonly string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function')
  );
}

/** `['a', 'b', 'c']` as `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
}
