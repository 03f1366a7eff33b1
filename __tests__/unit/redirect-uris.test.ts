import {
  FORBIDDEN_REDIRECT_URI_CHARACTERS,
  MAX_REDIRECT_URI_LENGTH,
  maxRedirectUris,
  normaliseBaseUrl,
  normaliseRedirectPath,
  redirectUriProblem,
} from '../../src/settings/redirect-uris.ts';

describe('normaliseBaseUrl', () => {
  test.each<[string, string]>([
    ['https://portal.example.com', 'https://portal.example.com'],
    ['https://portal.example.com/', 'https://portal.example.com'],
    ['https://portal.example.com/portal/', 'https://portal.example.com/portal'],
    ['https://Portal.Example.com:443/Intrexx', 'https://portal.example.com/Intrexx'],
    ['https://portal.example.com:8443/', 'https://portal.example.com:8443'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['http://LOCALHOST', 'http://localhost'],
    ['http://127.0.0.1:1337', 'http://127.0.0.1:1337'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['https://portal.example.com/my portal', 'https://portal.example.com/my%20portal'],
  ])('%s → %s', (raw, url) => {
    expect(normaliseBaseUrl(raw)).toEqual({ url });
  });

  test.each<[string, string]>([
    ['ftp://portal.example.com', 'must use https (http is allowed only for localhost and 127.0.0.1)'],
    ['http://portal.example.com', 'must use https'],
    ['http://127.0.0.2', 'must use https'],
    ['http://localhost.example.com', 'must use https'],
    ['portal.example.com', 'is not an absolute URL'],
    ['https://', 'is not an absolute URL'],
    ['https://user@portal.example.com', 'must not contain a user name or password'],
    ['https://portal.example.com/?a=1', 'must not contain a query string'],
    ['https://portal.example.com/?', 'must not contain a query string'],
    ['https://portal.example.com/#a', 'must not contain a fragment'],
    ['https://portal.example.com/#', 'must not contain a fragment'],
  ])('rejects %s', (raw, problem) => {
    const result = normaliseBaseUrl(raw);
    expect('problem' in result && result.problem).toContain(problem);
    expect('problem' in result && result.problem).toContain(`"${raw}"`);
  });
});

describe('normaliseRedirectPath', () => {
  test.each<[string, string]>([
    ['/service/oauth2/authorize', '/service/oauth2/authorize'],
    ['/service/oauth2/authorize/', '/service/oauth2/authorize'],
    ['/', '/'],
    ['//', '/'],
  ])('%s → %s', (raw, path) => {
    expect(normaliseRedirectPath(raw)).toEqual({ path });
  });

  test.each<[string, string]>([
    ['service', 'must start with /'],
    ['', 'must start with /'],
    ['/a?b', 'must not contain a query string or fragment'],
    ['/a#b', 'must not contain a query string or fragment'],
    ['/a b', 'must not contain white space'],
    ['/a\tb', 'must not contain white space'],
  ])('rejects %j', (raw, problem) => {
    const result = normaliseRedirectPath(raw);
    expect('problem' in result && result.problem).toContain(problem);
  });
});

describe('redirectUriProblem', () => {
  const base = 'https://portal.example.com/';

  test.each<[string, number]>([
    ['exactly the limit', MAX_REDIRECT_URI_LENGTH],
    ['short', base.length],
  ])('accepts a URI of %s', (_case, length) => {
    expect(redirectUriProblem(base + 'a'.repeat(length - base.length))).toBeUndefined();
  });

  test('rejects one character over the limit, saying how long it is', () => {
    const uri = base + 'a'.repeat(MAX_REDIRECT_URI_LENGTH + 1 - base.length);
    expect(redirectUriProblem(uri)).toBe(`redirect URI "${uri}" is 257 characters long; Entra allows at most 256`);
  });

  test.each(['!', '$', "'", '(', ')', ',', ';'])('rejects %s', (character) => {
    expect(FORBIDDEN_REDIRECT_URI_CHARACTERS.test(character)).toBe(true);
    expect(redirectUriProblem(`${base}a${character}b`)).toBe(`redirect URI "${base}a${character}b" contains "${character}", which Entra does not allow in redirect URIs`);
  });

  test.each<[boolean, number]>([
    [false, 256],
    [true, 100],
  ])('maxRedirectUris(personal accounts: %s) is %i', (personal, max) => {
    expect(maxRedirectUris(personal)).toBe(max);
  });
});
