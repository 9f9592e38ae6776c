import { Logger } from '@nestjs/common';
import { registerAs } from '@nestjs/config';
import { SessionConfigError } from '../errors/session-config.error.js';
import { readSessionEnv } from './session-env.js';
import type { SessionModuleOptions } from './session-module-options.interface.js';

const logger = new Logger('SessionConfig');

/**
 * The `session` configuration namespace: reads and validates the `SESSION_*` environment
 * variables into `SessionModule` options when the application starts. Every bad variable is
 * reported at once in one `SessionConfigError`; secrets are never printed.
 *
 * @example
 * // Everything from the environment:
 * imports: [ConfigModule.forRoot(), SessionModule.forRootAsync(sessionConfig.asProvider())]
 *
 * @example
 * // From the environment, with some options set in code:
 * SessionModule.forRootAsync({
 *   imports: [ConfigModule.forFeature(sessionConfig)],
 *   inject: [sessionConfig.KEY],
 *   useFactory: (config: ConfigType<typeof sessionConfig>) => ({ ...config, authKey: 'user' }),
 * })
 */
export const sessionConfig = registerAs('session', (): SessionModuleOptions => {
  const { options, problems, warnings } = readSessionEnv(process.env);
  if (problems.length > 0) {
    throw new SessionConfigError(problems);
  }
  for (const warning of warnings) {
    logger.warn(warning);
  }
  return options;
});
