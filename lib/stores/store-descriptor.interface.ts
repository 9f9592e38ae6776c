import type { OpenedStore } from '../store-mode/opened-store.interface.js';

/**
 * One built-in store: its options, where it connects by default, the packages it needs, and
 * how it opens. Option checking (`forRoot` and `SESSION_STORE*` alike) reads it, and the
 * README's table of stores is checked against it: a new store is one file with one of these.
 */
export interface StoreDescriptor<Options extends { driver: string } = { driver: string }> {
  readonly driver: Options['driver'];
  /** Every option it takes besides `driver`, with what it means. */
  readonly options: Readonly<Record<Exclude<keyof Options, 'driver'> & string, string>>;
  /** The npm packages it needs, installed by the application (optional peer dependencies). */
  readonly packages: readonly string[];
  /** Whether several application instances can share it. */
  readonly instances: 'one' | 'many';
  /** `url`: where it connects by default, what a usable one looks like, and the check. */
  readonly url?: {
    readonly default: string;
    readonly expected: string;
    isValid(url: string): boolean;
  };
  /** `prefix`: what it names (a key prefix or a table) and its default. */
  readonly prefix?: { readonly names: 'key prefix' | 'table'; readonly default: string };
  /**
   * `client`: the methods a client of the user's must have, what to pass, and the one of
   * `packages` a client of the user's makes unneeded.
   */
  readonly client?: {
    readonly methods: readonly string[];
    readonly expected: string;
    readonly package: string;
  };
  /**
   * Problems with options beyond what the fields above describe, as `[option, problem]`.
   * `path` is where the options sit (`store`, `revocation`), for naming other options as
   * `{path.option}` in a problem.
   */
  check?(options: Record<string, unknown>, path: string): [option: string, problem: string][];
  /** Opens the store; closing it releases what was opened, never a client of the user's. */
  open(options: Options): Promise<OpenedStore>;
}
