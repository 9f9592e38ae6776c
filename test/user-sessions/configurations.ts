import type { SessionModuleOptions } from '../../lib/index.js';
import { PLATFORMS, TEST_SECRET } from '../fixtures/create-app.js';
import { STORE_SUBJECTS, type StoreSubject } from '../stores/store-subjects.js';

/**
 * Every way the module keeps a user's sessions: store mode on each built-in store, and cookie
 * mode (encrypted and signed) with its revocations on each built-in store. `options(n)` gives
 * configuration number `n` of its own storage (the same `n` twice shares it).
 */
export interface UserSessionsConfiguration {
  label: string;
  mode: 'store' | 'cookie';
  subject: StoreSubject;
  options(n: number, extra?: Partial<SessionModuleOptions>): SessionModuleOptions;
}

const subject = (label: string) => STORE_SUBJECTS.find((candidate) => candidate.label === label)!;

export const CONFIGURATIONS: UserSessionsConfiguration[] = [
  ...STORE_SUBJECTS.map((store) => ({
    label: `store mode on ${store.label}`,
    mode: 'store' as const,
    subject: store,
    options: (n: number, extra = {}) =>
      ({ secret: TEST_SECRET, store: store.options(n), ...extra }) as SessionModuleOptions,
  })),
  ...['memory', 'redis', 'postgres', 'sqlite', 'redis cluster'].map((label, i) => ({
    label: `${i % 2 === 0 ? 'cookie' : 'signed cookie'} mode, revocations on ${label}`,
    mode: 'cookie' as const,
    subject: subject(label),
    options: (n: number, extra = {}) =>
      ({
        mode: 'cookie',
        encrypt: i % 2 === 0,
        secret: TEST_SECRET,
        revocation: subject(label).options(100 + n),
        ...extra,
      }) as SessionModuleOptions,
  })),
];

/** Every configuration on every platform: `[label, configuration, platform]`. */
export const CONFIGURATIONS_ON_PLATFORMS = PLATFORMS.flatMap((platform) =>
  CONFIGURATIONS.map(
    (configuration) => [`${configuration.label} on ${platform}`, configuration, platform] as const,
  ),
);

/** The configurations whose storage several instances share. */
export const SHARED_CONFIGURATIONS = CONFIGURATIONS.filter(
  ({ subject: { driver } }) => driver === 'redis' || driver === 'postgres',
);
