import type { EnvParser } from './env-parser.js';
import type { SessionStoreDriver } from '../interfaces/session-module-options.interface.js';

/** The stores `SESSION_STORE_URL` can address. */
type AddressedStore = Exclude<SessionStoreDriver, 'memory'>;

const URL_SCHEMES: Record<Exclude<AddressedStore, 'sqlite'>, readonly string[]> = {
  redis: ['redis://', 'rediss://'],
  postgres: ['postgres://', 'postgresql://'],
};

const ALLOWED: Record<AddressedStore, string> = {
  redis: 'a redis:// or rediss:// URL (e.g. redis://localhost:6379/0)',
  postgres: 'a postgres:// or postgresql:// URL (e.g. postgres://user@localhost:5432/app)',
  sqlite: 'a file path (e.g. ./sessions.db)',
};

/** `SESSION_STORE_URL` for `driver`: a URL of its scheme, or a file path for SQLite. */
export function storeUrlEnv(driver: AddressedStore): EnvParser<string> {
  return {
    parse: (text) => (driver === 'sqlite' || isUrlOf(text, URL_SCHEMES[driver]) ? text : undefined),
    allowed: ALLOWED[driver],
    show: withoutCredentials,
  };
}

function isUrlOf(text: string, schemes: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return schemes.some((scheme) => lower.startsWith(scheme)) && URL.canParse(text);
}

/** The text, quoted, with everything between the scheme and the last `@` (credentials) hidden. */
function withoutCredentials(text: string): string {
  const at = text.lastIndexOf('@');
  if (at === -1) {
    return JSON.stringify(text);
  }
  const schemeEnd = text.indexOf('://');
  const scheme = schemeEnd !== -1 && schemeEnd < at ? text.slice(0, schemeEnd + 3) : '';
  return JSON.stringify(`${scheme}***${text.slice(at)}`);
}
