import { EncryptedCookieCodec } from '../../lib/cookie-mode/encrypted-cookie.codec.js';
import { TEST_SECRET } from '../fixtures/create-app.js';

describe('EncryptedCookieCodec', () => {
  it('never seals two values under the same IV, across many refills of its IV pool', () => {
    const codec = new EncryptedCookieCodec([TEST_SECRET]);
    const ivs = new Set<string>();
    const seals = 10_000;
    for (let i = 0; i < seals; i++) {
      const sealed = Buffer.from(codec.seal('sid', '{}'), 'base64url');
      ivs.add(sealed.subarray(0, 12).toString('hex'));
    }
    expect(ivs.size).toBe(seals);
  });

  it('opens what it sealed, under the name it sealed it for only', () => {
    const codec = new EncryptedCookieCodec([TEST_SECRET]);
    const sealed = codec.seal('sid', '{"userId":"ann"}');
    expect(codec.open('sid', sealed)).toEqual({ plaintext: '{"userId":"ann"}', staleKey: false });
    expect(codec.open('other', sealed)).toBeUndefined();
  });
});
