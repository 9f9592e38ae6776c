import type { SessionMode } from '../interfaces/session-module-options.interface.js';
import {
  COOKIE_MODE_VARIABLES,
  SESSION_ENV_VARIABLES,
  STORE_MODE_VARIABLES,
} from './session-env-variables.js';

/** Shortest secret accepted when `NODE_ENV=production`. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

const GENERATE_SECRET = 'e.g. from `openssl rand -base64 32`';

/** What the rules look at: the parsed variables, and which variables were set at all. */
export interface SessionEnvFacts {
  production: boolean;
  mode: SessionMode;
  secrets: string[] | undefined;
  sameSite: 'lax' | 'strict' | 'none' | undefined;
  secure: boolean | 'auto' | undefined;
  /** Whether the store is the memory store (named, or by default). */
  memoryStore: boolean;
  /** Names of the `SESSION_*` variables that are set and not blank. */
  present: ReadonlySet<string>;
}

/** Problems stop the start-up; warnings are logged. Neither contains a variable's value. */
export interface SessionEnvVerdict {
  problems: string[];
  warnings: string[];
}

/** The rules between variables, applied after each variable was parsed on its own. */
export function checkSessionEnv(facts: SessionEnvFacts): SessionEnvVerdict {
  const verdict: SessionEnvVerdict = { problems: [], warnings: [] };
  checkSecrets(facts, verdict);
  if (facts.sameSite === 'none' && facts.secure === false) {
    verdict.problems.push(
      'SESSION_COOKIE_SAMESITE is "none", which browsers accept only on secure cookies, but ' +
        'SESSION_COOKIE_SECURE is false; set SESSION_COOKIE_SECURE to true or auto, or ' +
        'SESSION_COOKIE_SAMESITE to lax or strict',
    );
  }
  checkModeVariables(facts, verdict);
  for (const name of facts.present) {
    if (!SESSION_ENV_VARIABLES.has(name)) {
      verdict.warnings.push(
        `${name} is not a variable nestjs-session-kit reads; check its spelling`,
      );
    }
  }
  return verdict;
}

function checkSecrets(
  { production, secrets, present }: SessionEnvFacts,
  verdict: SessionEnvVerdict,
) {
  if (!present.has('SESSION_SECRET')) {
    if (production) {
      verdict.problems.push(
        'SESSION_SECRET is not set; it is required when NODE_ENV=production: set one or more ' +
          `comma-separated secrets of at least ${MIN_PRODUCTION_SECRET_LENGTH} characters (${GENERATE_SECRET})`,
      );
    } else {
      verdict.warnings.push(
        'SESSION_SECRET is not set: this process uses a random secret, so sessions will not ' +
          'survive a restart nor be shared between instances; set SESSION_SECRET to keep them',
      );
    }
    return;
  }
  // Positions, not values: a secret's length or text must not reach the logs.
  const short = (secrets ?? []).flatMap((secret, index) =>
    secret.length < MIN_PRODUCTION_SECRET_LENGTH ? [index + 1] : [],
  );
  if (production && short.length > 0) {
    verdict.problems.push(
      `SESSION_SECRET has secrets shorter than ${MIN_PRODUCTION_SECRET_LENGTH} characters ` +
        `(number ${short.join(', ')} in the list; values hidden); when NODE_ENV=production every ` +
        `secret must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters (${GENERATE_SECRET})`,
    );
  }
}

function checkModeVariables(
  { production, mode, memoryStore, present }: SessionEnvFacts,
  verdict: SessionEnvVerdict,
) {
  const [foreign, otherMode] =
    mode === 'cookie' ? [STORE_MODE_VARIABLES, 'store'] : [COOKIE_MODE_VARIABLES, 'cookie'];
  for (const name of foreign.filter((name) => present.has(name))) {
    verdict.warnings.push(
      `${name} is ignored: it applies to ${otherMode} mode, and SESSION_MODE is ${mode}`,
    );
  }
  if (mode !== 'store' || !memoryStore) {
    return;
  }
  for (const name of ['SESSION_STORE_URL', 'SESSION_STORE_PREFIX']) {
    if (present.has(name)) {
      verdict.warnings.push(
        `${name} is ignored by the memory store; set SESSION_STORE to redis, postgres or ` +
          'sqlite to use it',
      );
    }
  }
  if (production) {
    verdict.warnings.push(
      'The memory store keeps sessions inside this process: with NODE_ENV=production they are ' +
        'lost on restart and not shared between instances; set SESSION_STORE to redis, ' +
        'postgres or sqlite, or SESSION_MODE to cookie',
    );
  }
}
