import type { INestApplication } from '@nestjs/common';
import { createApp, TEST_SECRET } from '../fixtures/create-app.js';
import { Browser } from '../user-sessions/browser.js';
import { DevicesController } from '../user-sessions/devices.controller.js';
import { requireStoreServices } from './services.js';
import { STORE_SUBJECTS } from './store-subjects.js';

await requireStoreServices();

const LIFETIME_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  for (const subject of STORE_SUBJECTS) {
    await subject.cleanup();
  }
});

/**
 * A session that is only read renews its stored expiry by the store's `touch`, which on Redis,
 * PostgreSQL and SQLite changes the record's expiry but not the record: its `cookie.expires`
 * stays that of its last write. Read past that, it must still be there.
 */
describe.each(STORE_SUBJECTS.map((subject) => [subject.label, subject] as const))(
  'a session only read, on %s',
  (_label, subject) => {
    let app: INestApplication;
    afterEach(() => app.close());

    it('outlives the expiry of its last write while it is used', async () => {
      app = await createApp(
        { secret: TEST_SECRET, store: subject.options(1), cookie: { maxAge: LIFETIME_MS } },
        [DevicesController],
      );
      const alice = new Browser('reader', app);
      await alice.logIn('alice');
      await sleep(LIFETIME_MS / 2);
      expect(await alice.user()).toBe('alice');
      await sleep(LIFETIME_MS * 0.75);
      expect(await alice.user()).toBe('alice');
      expect((await alice.get('/sessions')).body).toHaveLength(1);
      await sleep(LIFETIME_MS * 1.25);
      expect(await alice.user()).toBeNull();
    });
  },
);
