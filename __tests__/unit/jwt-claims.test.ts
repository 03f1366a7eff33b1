import { decodeClaims } from '../../src/entra/sign-in-error.ts';

const segment = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown): string => `${segment({ alg: 'RS256', typ: 'JWT' })}.${segment(payload)}.signature`;

describe('decodeClaims', () => {
  const github = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:octo-org/portal:environment:production',
    aud: 'api://AzureADTokenExchange',
    ref: 'refs/heads/main',
  };

  test.each<[string, string, Record<string, unknown>]>([
    ["a GitHub OIDC token's claims", jwt(github), github],
    ['an array audience', jwt({ aud: ['a', 'b'] }), { aud: ['a', 'b'] }],
    ['non-ASCII claims (base64url, not base64)', jwt({ sub: 'repo:ö/ü?>>' }), { sub: 'repo:ö/ü?>>' }],
    ['a token without a signature', `${segment({})}.${segment({ iss: 'x' })}`, { iss: 'x' }],
    ['an empty string', '', {}],
    ['no dots', 'not-a-jwt', {}],
    ['an empty payload', 'header..signature', {}],
    ['a payload that is not base64url JSON', 'header.%%%.signature', {}],
    ['a payload of broken JSON', `h.${segment('{"iss":')}.s`, {}],
  ])('%s', (_case, token, expected) => {
    expect(decodeClaims(token)).toEqual(expected);
  });

  test.each<[string, string]>([
    ['a number', jwt(123)],
    ['an array', jwt(['iss'])],
  ])('a payload of JSON %s yields no iss, sub or aud', (_case, token) => {
    const claims = decodeClaims(token);
    expect([claims.iss, claims.sub, claims.aud]).toEqual([undefined, undefined, undefined]);
  });

  // A payload that is JSON but not an object yields no claims: signInError reads claims.iss and
  // claims.sub, which a null (TypeError) or a string (String.prototype.sub) would break.
  test.each<[string, string]>([
    ['null', jwt(null)],
    ['a string', jwt('"iss"')],
  ])('a payload of JSON %s yields no claims', (_case, token) => {
    expect(decodeClaims(token)).toEqual({});
  });
});
