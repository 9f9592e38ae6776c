import { hash } from 'node:crypto';

/** The keys and arguments of one script call. */
export interface ScriptCall {
  keys: string[];
  arguments: string[];
}

/** The commands a script needs, as node-redis clients (single, cluster, sentinel) have them. */
export interface ScriptClient {
  eval(script: string, options: ScriptCall): Promise<unknown>;
  evalSha(sha: string, options: ScriptCall): Promise<unknown>;
}

/**
 * Runs Lua `script` by its SHA, so that a call does not send the script; Redis forgets its
 * scripts on SCRIPT FLUSH and on restart, and then EVAL loads it again.
 */
export function redisScript(
  client: unknown,
  script: string,
): (call: ScriptCall) => Promise<unknown> {
  const redis = client as ScriptClient;
  const sha = hash('sha1', script);
  return (call) =>
    redis.evalSha(sha, call).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return redis.eval(script, call);
      }
      throw error;
    });
}
