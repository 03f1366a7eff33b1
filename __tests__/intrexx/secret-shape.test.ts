import { encryptedLook } from '../../src/intrexx/secret-shape.ts';
import { SECRET } from './helpers.ts';

describe('encryptedLook: which current values the writer refuses to overwrite', () => {
  test.each([
    ['empty', ''],
    ['a placeholder in angle brackets', '<CLIENT-SECRET>'],
    ['a placeholder with hashes', '####YOUR_CLIENT_SECRET####'],
    ['a 40-character secret of the current Entra shape', 'abc8Q~0123456789abcdefghijklmnopqrstuvwx'],
    ['a 44-character padded base64 secret of the older Entra shape', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY='],
    ['a 34-character older secret with symbols', 'a.B-c_D~e[f]g@h:i/j?k=l+m*n0p1q2r3'],
    ['the test secret', SECRET],
    ['a GUID (a client ID)', '3c9f2a4e-0000-4000-8000-000000000abc'],
  ])('plain text: %s', (_what, value) => {
    expect(encryptedLook(value)).toBeUndefined();
  });

  test.each([
    ['an {enc} marker', '{enc}c2VjcmV0', /marker/],
    ['an {AES} marker', '{AES}00ff', /marker/],
    ['ENC(…)', 'ENC(dGVzdA==)', /marker/],
    ['an encrypted: prefix', 'encrypted:abc', /marker/],
    ['a non-ASCII byte', 'caf\u00e9-secret', /printable ASCII/],
    ['a control character', 'abc\u0001def', /printable ASCII/],
    ['a 64-character base64 blob', 'Q'.repeat(63) + '=', /64 characters of base64/],
    ['a 49-character base64url blob', 'a-b_'.repeat(12) + 'x', /49 characters of base64/],
    ['a 32-character hex string', '0123456789abcdef0123456789ABCDEF', /32-character hex/],
    ['a 24-character padded base64 value', 'MDEyMzQ1Njc4OWFiY2RlZg==', /24 characters of padded base64/],
  ])('not plain text: %s', (_what, value, reason) => {
    expect(encryptedLook(value)).toMatch(reason);
  });

  test('the reason never quotes the value', () => {
    for (const value of ['{enc}c2VjcmV0', 'Q'.repeat(63) + '=', 'caf\u00e9-secret']) expect(encryptedLook(value)).not.toContain(value.slice(0, 8));
  });
});
