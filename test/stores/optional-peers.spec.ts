import { SessionConfigError } from '../../lib/index.js';
import { loadOptionalPeers, loadStorePeers } from '../../lib/stores/load-optional-peers.js';
import type { StoreDescriptor } from '../../lib/stores/store-descriptor.interface.js';

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

  it("leaves out the client's own package when the user passes a client", async () => {
    const descriptor = {
      driver: 'test',
      packages: [MISSING, 'pg'],
      client: { methods: [], expected: '', package: MISSING },
    } as unknown as StoreDescriptor;
    await expect(loadStorePeers(descriptor, {})).rejects.toThrow(`run \`npm i ${MISSING}\``);
    const loaded = await loadStorePeers(descriptor, { client: {} });
    expect(Object.keys(loaded)).toEqual(['pg']);
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
