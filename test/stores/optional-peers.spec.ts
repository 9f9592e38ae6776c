import { SessionConfigError } from '../../lib/index.js';
import { loadOptionalPeers } from '../../lib/stores/load-optional-peers.js';

const MISSING = 'nestjs-session-kit-no-such-package';

describe('loading a driver’s optional peer packages', () => {
  it('names a missing package and the command that installs it', async () => {
    const failure = loadOptionalPeers('redis', [MISSING]);
    await expect(failure).rejects.toThrow(SessionConfigError);
    await expect(failure).rejects.toThrow(
      `the redis store needs '${MISSING}', which is not installed; run \`npm i ${MISSING}\``,
    );
  });

  it('names every missing package at once, and only those', async () => {
    await expect(
      loadOptionalPeers('postgres', ['pg', `${MISSING}-a`, `${MISSING}-b`]),
    ).rejects.toThrow(`run \`npm i ${MISSING}-a ${MISSING}-b\``);
  });

  it('returns the modules when they are installed', async () => {
    const [redis, pg] = (await loadOptionalPeers('test', ['redis', 'pg'])) as [
      { createClient: unknown },
      { default: { Pool: unknown } },
    ];
    expect(typeof redis.createClient).toBe('function');
    expect(typeof pg.default.Pool).toBe('function');
  });
});
