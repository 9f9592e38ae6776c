import type { RedisStore } from 'connect-redis';

type Callback = (error?: unknown, value?: unknown) => void;

/** The commands a cluster client has for one key at a time. */
interface OneKeyCommands {
  get(key: string): Promise<string | null>;
  del(keys: string[]): Promise<number>;
}

/**
 * connect-redis's store for a Redis Cluster: `all()` and `clear()` read and delete each session
 * by itself. connect-redis sends one MGET or one DEL for every session at once, which a cluster
 * refuses when the keys are in different hash slots, as session keys are (CROSSSLOT,
 * connect-redis#360); node-redis 6 splits such a command by slot itself, node-redis 5 does not.
 * `length()` and `ids()` already scan every master (connect-redis's `scanIterator`).
 */
export function clusterRedisStore(Base: typeof RedisStore): typeof RedisStore {
  return class ClusterRedisStore extends Base {
    override async all(callback?: Callback): Promise<unknown> {
      try {
        const redis = this.client as unknown as OneKeyCommands;
        const ids = (await this.ids()) as string[];
        const texts = await Promise.all(ids.map((id) => redis.get(this.prefix + id)));
        const sessions = await Promise.all(
          texts.flatMap((text, i) =>
            text === null
              ? []
              : [
                  Promise.resolve(this.serializer.parse(text)).then((data) => ({
                    ...data,
                    id: ids[i],
                  })),
                ],
          ),
        );
        return settle(callback, undefined, sessions);
      } catch (error) {
        return settle(callback, error);
      }
    }

    override async clear(callback?: Callback): Promise<unknown> {
      try {
        const redis = this.client as unknown as OneKeyCommands;
        const ids = (await this.ids()) as string[];
        await Promise.all(ids.map((id) => redis.del([this.prefix + id])));
        return settle(callback);
      } catch (error) {
        return settle(callback, error);
      }
    }
  };
}

/** Answers as connect-redis does: through the callback when there is one, else by the promise. */
function settle(callback: Callback | undefined, error?: unknown, value?: unknown): unknown {
  if (callback) {
    return callback(error, value);
  }
  if (error) {
    throw error;
  }
  return value;
}
