import type {
  SessionCookieOptions,
  SessionModuleOptions,
  SessionStoreOption,
} from '../interfaces/session-module-options.interface.js';
import { cookieDomainEnv, cookieNameEnv, cookiePathEnv } from './cookie-attribute-parsers.js';
import { EnvReader } from './env-reader.js';
import { booleanEnv, cookieSecureEnv, durationEnv, enumEnv, secretsEnv } from './env-parsers.js';
import { processSecret } from './process-secret.js';
import { checkSessionEnv, type SessionEnvVerdict } from './session-env-rules.js';
import { storeUrlEnv } from './store-url-parser.js';

/** The options the environment describes, with every problem and warning it raises. */
export interface SessionEnvReading extends SessionEnvVerdict {
  options: SessionModuleOptions;
}

/**
 * Reads the `SESSION_*` variables of `env` into session options. Unset variables stay out of
 * the options, so `SessionModule` applies its own defaults; bad ones become `problems`.
 */
export function readSessionEnv(
  env: Readonly<Record<string, string | undefined>>,
): SessionEnvReading {
  const reader = new EnvReader(env);
  const mode = reader.read('SESSION_MODE', enumEnv(['store', 'cookie'])) ?? 'store';
  const secrets = reader.read('SESSION_SECRET', secretsEnv);
  const cookie: SessionCookieOptions = withoutUndefined({
    maxAge: reader.read('SESSION_MAX_AGE', durationEnv),
    secure: reader.read('SESSION_COOKIE_SECURE', cookieSecureEnv),
    sameSite: reader.read('SESSION_COOKIE_SAMESITE', enumEnv(['lax', 'strict', 'none'])),
    domain: reader.read('SESSION_COOKIE_DOMAIN', cookieDomainEnv),
    path: reader.read('SESSION_COOKIE_PATH', cookiePathEnv),
  });
  const common = withoutUndefined({
    secret: secrets ?? [processSecret()],
    name: reader.read('SESSION_NAME', cookieNameEnv),
    cookie: Object.keys(cookie).length > 0 ? cookie : undefined,
    rolling: reader.read('SESSION_ROLLING', booleanEnv),
    idleTimeout: reader.read('SESSION_IDLE_TIMEOUT', durationEnv),
    absoluteTimeout: reader.read('SESSION_ABSOLUTE_TIMEOUT', durationEnv),
    proxy: reader.read('SESSION_PROXY', booleanEnv),
  });
  const encrypt = reader.read('SESSION_ENCRYPT', booleanEnv);
  const store = readStore(reader);

  const options: SessionModuleOptions =
    mode === 'cookie'
      ? withoutUndefined({ mode, ...common, encrypt })
      : withoutUndefined({ mode, ...common, store });
  const { problems, warnings } = checkSessionEnv({
    production: env.NODE_ENV === 'production',
    mode,
    secrets,
    sameSite: cookie.sameSite,
    secure: cookie.secure,
    memoryStore: store === undefined || store === 'memory',
    present: new Set(
      Object.keys(env).filter((name) => name.startsWith('SESSION_') && reader.text(name)),
    ),
  });
  return { options, problems: [...reader.problems, ...problems], warnings };
}

function readStore(reader: EnvReader): SessionStoreOption | undefined {
  const driver = reader.read('SESSION_STORE', enumEnv(['memory', 'redis', 'postgres', 'sqlite']));
  if (driver === undefined || driver === 'memory') {
    return driver;
  }
  return withoutUndefined({
    driver,
    url: reader.read('SESSION_STORE_URL', storeUrlEnv(driver)),
    prefix: reader.text('SESSION_STORE_PREFIX'),
  });
}

/** `object` without its undefined entries, so unset variables leave no trace in the options. */
function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
