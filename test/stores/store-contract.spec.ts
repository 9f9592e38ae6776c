import type { SessionData, Store } from 'express-session';
import { openSessionStore } from '../../lib/stores/builtin-stores.js';
import type { OpenedStore } from '../../lib/store-mode/opened-store.interface.js';
import { requireStoreServices } from './services.js';
import { STORE_SUBJECTS } from './store-subjects.js';

await requireStoreServices();

/** A session as express-session hands it to a store, expiring `lifetime` ms from now. */
function sessionData(lifetime: number, fields: Record<string, unknown> = {}): SessionData {
  return {
    cookie: {
      originalMaxAge: lifetime,
      expires: new Date(Date.now() + lifetime),
      httpOnly: true,
      path: '/',
    },
    ...fields,
  } as unknown as SessionData;
}

/** Store calls as promises. */
function calls(store: Store) {
  const settle =
    <T>(resolve: (value: T) => void, reject: (error: unknown) => void) =>
    (error?: unknown, value?: T) =>
      error ? reject(error) : resolve(value as T);
  return {
    get: (sid: string) =>
      new Promise<SessionData | null | undefined>((resolve, reject) =>
        store.get(sid, settle(resolve, reject)),
      ),
    set: (sid: string, data: SessionData) =>
      new Promise<void>((resolve, reject) => store.set(sid, data, settle(resolve, reject))),
    touch: (sid: string, data: SessionData) =>
      new Promise<void>((resolve, reject) => store.touch!(sid, data, settle(resolve, reject))),
    destroy: (sid: string) =>
      new Promise<void>((resolve, reject) => store.destroy(sid, settle(resolve, reject))),
    length: (): Promise<number> =>
      new Promise((resolve, reject) => store.length!(settle(resolve, reject))),
    clear: () => new Promise<void>((resolve, reject) => store.clear!(settle(resolve, reject))),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(STORE_SUBJECTS)('the $label store', (subject) => {
  describe('keeps the express-session store contract', () => {
    let opened: OpenedStore;
    let store: ReturnType<typeof calls>;
    let storeNumber = 0;

    beforeEach(async () => {
      storeNumber++;
      opened = await openSessionStore(subject.options(storeNumber));
      store = calls(opened.store);
    });
    afterEach(() => opened.close());
    afterAll(() => subject.cleanup());

    it('finds nothing under an unknown ID, without an error', async () => {
      expect(await store.get('never-set')).toBeFalsy();
    });

    it('returns what was set, and the latest of two writes', async () => {
      await store.set('a', sessionData(60_000, { userId: 'u1', cart: ['x'] }));
      expect(await store.get('a')).toMatchObject({ userId: 'u1', cart: ['x'] });

      await store.set('a', sessionData(60_000, { userId: 'u2' }));
      const latest = await store.get('a');
      expect(latest).toMatchObject({ userId: 'u2' });
      expect(latest).not.toHaveProperty('cart');
    });

    it('keeps sessions apart and destroys one without touching the other', async () => {
      await store.set('a', sessionData(60_000, { userId: 'a' }));
      await store.set('b', sessionData(60_000, { userId: 'b' }));
      await store.destroy('a');
      await store.destroy('never-set');

      expect(await store.get('a')).toBeFalsy();
      expect(await store.get('b')).toMatchObject({ userId: 'b' });
    });

    it('stops returning a session once it expires, unless touched; pruning frees the record', async () => {
      await store.set('expiring', sessionData(1000, { userId: 'gone' }));
      await store.set('touched', sessionData(1000, { userId: 'kept' }));
      await store.set('long', sessionData(60_000, { userId: 'long' }));
      await store.touch('touched', sessionData(60_000, { userId: 'kept' }));
      expect(await subject.stored(opened, storeNumber)).toBe(3);

      await sleep(2300);
      expect(await store.get('expiring')).toBeFalsy();
      expect(await store.get('touched')).toMatchObject({ userId: 'kept' });
      if (subject.driver !== 'postgres') {
        expect(await store.length()).toBe(2);
        // connect-pg-simple's touch extends any row it finds; express-session only touches
        // sessions it could load, so there it matters only for one expiring mid-request.
        await store.touch('expiring', sessionData(60_000));
        expect(await store.get('expiring')).toBeFalsy();
      }

      await subject.prune(opened);
      expect(await subject.stored(opened, storeNumber)).toBe(2);
    });

    if (subject.driver !== 'memory') {
      it('keeps sessions for another instance opened on the same backend', async () => {
        await store.set('shared', sessionData(60_000, { userId: 'shared' }));
        const other = await openSessionStore(subject.options(storeNumber));
        try {
          expect(await calls(other.store).get('shared')).toMatchObject({ userId: 'shared' });
        } finally {
          await other.close();
        }
      });
    }

    if (subject.driver !== 'postgres') {
      it('counts its sessions and clears them all', async () => {
        await store.set('a', sessionData(60_000));
        await store.set('b', sessionData(60_000));
        expect(await store.length()).toBe(2);

        await store.clear();
        expect(await store.length()).toBe(0);
        expect(await store.get('a')).toBeFalsy();
      });
    }
  });
});
