import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { SessionConfigError, type SessionModuleOptions } from '../../lib/index.js';
import { createApp, PLATFORMS, TEST_SECRET } from '../fixtures/create-app.js';
import { HostileController } from '../fixtures/hostile.controller.js';
import { requireStoreServices } from '../stores/services.js';
import { STORE_SUBJECTS } from '../stores/store-subjects.js';

await requireStoreServices();

/** Both modes, and store mode on every built-in store, on both platforms. */
const CONFIGURATIONS: [string, SessionModuleOptions][] = [
  ['cookie mode (encrypted)', { mode: 'cookie', secret: TEST_SECRET }],
  ['cookie mode (signed)', { mode: 'cookie', encrypt: false, secret: TEST_SECRET }],
  ...STORE_SUBJECTS.map((subject, n): [string, SessionModuleOptions] => [
    `store mode (${subject.label})`,
    { mode: 'store', secret: TEST_SECRET, store: subject.options(900 + n) },
  ]),
];

/** Names that are not application data in either mode. */
const RESERVED = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'cookie',
  'id',
  'req',
  'save',
  'destroy',
  'regenerate',
  'reload',
  'touch',
  'resetMaxAge',
  'isNew',
  'isChanged',
  'isPopulated',
  '_ctx',
  '__flash',
  '__session',
];

/** The JSON text of an object with these own keys, `__proto__` included as a plain key. */
const jsonObject = (entries: [string, unknown][]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;

/**
 * Whether Fastify's JSON parser (secure-json-parse) refuses `json` before any route sees it:
 * it answers 400 to a `__proto__` key, or a `constructor` key holding a `prototype` key.
 */
function refusedByFastify(json: string): boolean {
  const hostile = (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    (Object.hasOwn(value, '__proto__') ||
      (Object.hasOwn(value, 'constructor') &&
        typeof (value as { constructor: unknown }).constructor === 'object' &&
        Object.hasOwn((value as { constructor: object }).constructor ?? {}, 'prototype')) ||
      Object.values(value).some(hostile));
  return hostile(JSON.parse(json));
}

/** JSON text with object keys sorted, so that stores that reorder keys compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

afterAll(async () => {
  for (const subject of STORE_SUBJECTS) {
    await subject.cleanup();
  }
});

const CASES = PLATFORMS.flatMap((platform) =>
  CONFIGURATIONS.map(([label, options]) => [`${label} on ${platform}`, options, platform] as const),
);

describe.each(CASES)('hostile session data in %s', (_label, options, platform) => {
  let app: INestApplication;
  const agent = () => request.agent(app.getHttpServer());
  const patch = (client: ReturnType<typeof agent>, json: string) =>
    client.post('/hostile/patch').set('Content-Type', 'application/json').send(json).timeout(5000);
  const parserRefuses = (json: string) => platform === 'fastify' && refusedByFastify(json);
  const read = (client: ReturnType<typeof agent>, key: string) =>
    client.get('/hostile/read').query({ key }).timeout(5000).expect(200);

  beforeAll(async () => {
    app = await createApp(options, [HostileController], { platform });
  });
  afterAll(() => app.close());

  it.each(RESERVED)(
    'refuses %j in patch(body) with a 400 that names it, writing nothing',
    async (key) => {
      const client = agent();
      const body = jsonObject([
        ['note', 'kept?'],
        [key, { isAdmin: true }],
      ]);
      const response = await patch(client, body);
      expect(response.status).toBe(400);
      if (!parserRefuses(body)) {
        expect(response.body.message).toContain(JSON.stringify(key));
      }
      const after = await read(client, 'isAdmin');
      expect(after.body).toMatchObject({
        has: false,
        value: null,
        data: {},
        objectPrototypeClean: true,
      });
    },
  );

  it('answers {"__proto__":{}} at once instead of hanging, and the session still works', async () => {
    const client = agent();
    await patch(client, '{"note":"first"}').expect(200);
    await patch(client, '{"__proto__":{}}').expect(400);
    await patch(client, '{"__proto__":{"isAdmin":true}}').expect(400);
    const after = await read(client, 'isAdmin');
    expect(after.body).toMatchObject({ has: false, value: null, data: { note: 'first' } });
    await patch(client, '{"note":"second"}').expect(200, { data: { note: 'second' } });
  });

  it.each(['__proto__', 'constructor', 'id', 'cookie', 'save'])(
    'refuses set(%j) and flash() of that name with a 400',
    async (key) => {
      const client = agent();
      await client.post('/hostile/set').send({ key, value: 1 }).expect(400);
      await client.post('/hostile/flash').send({ name: key }).expect(400);
      expect((await read(client, key)).body).toMatchObject({
        has: false,
        value: null,
        flashes: [],
      });
    },
  );

  it.each(RESERVED)('never sees %j through has(), get() or flashes()', async (key) => {
    const client = agent();
    await patch(client, '{"userId":"u1","note":"n"}').expect(200);
    await client.post('/hostile/flash').send({ name: 'info' }).expect(200);
    expect((await read(client, key)).body).toMatchObject({
      has: false,
      value: null,
      flashes: [],
      data: { userId: 'u1', note: 'n' },
    });
    expect((await read(client, 'info')).body.flashes).toEqual(['to info']);
  });

  it('lets no anonymous or logged-in request through @RequireSession("id")', async () => {
    const client = agent();
    await client.get('/hostile/id-required').expect(401);
    await patch(client, '{"userId":"u1"}').expect(200);
    await client.get('/hostile/id-required').expect(401);
  });

  it('keeps hostile keys nested in values as plain data (or Fastify refuses them first)', async () => {
    const client = agent();
    const value = '{"note":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}}';
    if (parserRefuses(value)) {
      await patch(client, value).expect(400);
      return;
    }
    await patch(client, value).expect(200);
    const after = await read(client, 'note');
    expect(canonical(after.body.value)).toBe(canonical(JSON.parse(value).note));
    expect(after.body.objectPrototypeClean).toBe(true);
  });

  it('keeps strings with NUL characters and lone surrogates, through later writes too', async () => {
    const client = agent();
    await patch(client, '{"note":"first"}').expect(200);
    await patch(client, '{"note":"\\u0000","\\udc00":"\\ud800x"}').expect(200);
    await patch(client, '{"cart":["\\u0000"]}').expect(200);
    const after = await read(client, 'note');
    expect(after.body.data).toEqual({ note: '\u0000', '\udc00': '\ud800x', cart: ['\u0000'] });
  });

  it('keeps generated objects with hostile keys as exactly the keys written, or refuses them', async () => {
    // Binary strings: lone surrogates and NUL characters included.
    const key = fc.oneof(
      fc.constantFrom(...RESERVED),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    const value = fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' });
    const entries = fc.uniqueArray(fc.tuple(key, value), { maxLength: 5, selector: ([k]) => k });
    await fc.assert(
      fc.asyncProperty(entries, fc.array(key, { maxLength: 3 }), async (written, flashNames) => {
        const client = agent();
        // A session that exists first, so that the write below is a store's merge.
        await patch(client, '{"note":"before"}').expect(200);
        const body = jsonObject(written);
        const refused = written.some(([name]) => RESERVED.includes(name)) || parserRefuses(body);
        const patched = await patch(client, body);
        expect(patched.status).toBe(refused ? 400 : 200);
        const expected = { note: 'before', ...(refused ? {} : JSON.parse(jsonObject(written))) };
        const flashes: Record<string, string[]> = {};
        for (const name of flashNames) {
          const flashed = await client.post('/hostile/flash').send({ name }).timeout(5000);
          expect(flashed.status).toBe(RESERVED.includes(name) ? 400 : 200);
          if (!RESERVED.includes(name)) {
            (flashes[name] ??= []).push(`to ${name}`);
          }
        }
        const after = await read(client, '__proto__');
        expect(canonical(after.body.data)).toBe(canonical(expected));
        expect(after.body.objectPrototypeClean).toBe(true);
        for (const [name, messages] of Object.entries(flashes)) {
          const flashed = await client.post('/hostile/flashes').send({ name }).expect(200);
          expect(flashed.body).toEqual(messages);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('a reserved authKey', () => {
  it.each(['id', 'cookie', '__proto__', 'constructor', '__session'])(
    'stops the start-up for authKey %j',
    async (authKey) => {
      await expect(
        createApp({ mode: 'cookie', secret: TEST_SECRET, authKey }, [HostileController]),
      ).rejects.toThrow(SessionConfigError);
    },
  );
});
