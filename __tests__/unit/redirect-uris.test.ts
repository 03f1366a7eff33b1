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
    ['https://portal.example.com/my portal', 'https://portal.example.com/my%20portal'],
    // Look-alikes of what is refused: a dot inside a segment, a folder named like a page type, a path segment named oauth2.
    ['https://portal.example.com/portal.v2', 'https://portal.example.com/portal.v2'],
    ['https://portal.example.com/..portal', 'https://portal.example.com/..portal'],
    ['https://portal.example.com/html', 'https://portal.example.com/html'],
    ['https://portal.example.com/oauth2', 'https://portal.example.com/oauth2'],
    ['https://portal.example.com/service/oauth2', 'https://portal.example.com/service/oauth2'],
    ['http://127.0.0.1:8080/portal', 'http://127.0.0.1:8080/portal'],
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
    ['http://[::1]:8080', 'IPv6 loopback [::1], which Entra does not support in redirect URIs; use 127.0.0.1 or localhost (did you mean http://127.0.0.1:8080?)'],
    ['https://[::1]', 'IPv6 loopback'],
    ['http://[0:0:0:0:0:0:0:1]', 'IPv6 loopback'],
    ['https://*.example.com', 'wildcard host'],
    ['https://portal.*.example.com/portal', 'wildcard host'],
    ['https://portal.example.com./', 'ends its host name in a dot; Entra compares redirect URIs as text, so sign-ins at portal.example.com would not match (did you mean https://portal.example.com?)'],
    ['https://portal.example.com.:8443/portal', 'did you mean https://portal.example.com:8443?'],
    ['https://portal.example.com/a/../portal', 'contains the path segment ".."; write the base URL without it (did you mean https://portal.example.com/portal?)'],
    ['https://portal.example.com/./portal', 'contains the path segment "."'],
    ['https://portal.example.com/portal/..', 'contains the path segment ".."'],
    ['https://portal.example.com/a/%2E%2e/portal', 'contains the path segment "%2E%2e"'],
    ['https://portal.example.com/a\\..\\portal', 'contains the path segment ".."'],
    ['https://portal.example.com/service/oauth2/authorize', 'ends in the redirect path /service/oauth2/authorize, which the action appends itself (integrations: office365 and exchange); give the portal\'s base URL (did you mean https://portal.example.com?)'],
    ['https://portal.example.com/portal/service/oauth2/authorize/', 'did you mean https://portal.example.com/portal?'],
    ['https://portal.example.com/portal/oauth2/token/msexchange', 'ends in the redirect path /oauth2/token/msexchange'],
    ['https://portal.example.com/oauth2/login/azure', 'ends in the redirect path /oauth2/login/azure, which the action appends itself (integrations: sso)'],
    ['https://portal.example.com/login/oic/authenticate', '(integrations: sso-legacy)'],
    ['https://portal.example.com/p/oauth2/token/926B444D13B87CE9EEA22BBF9EDAA27A8C7DFE4D', 'did you mean https://portal.example.com/p?'],
    ['https://portal.example.com/p/service/oauth2/token/926B444D13B87CE9EEA22BBF9EDAA27A8C7DFE4D', 'ends in the redirect path /service/oauth2/token/926B444D13B87CE9EEA22BBF9EDAA27A8C7DFE4D'],
    ['https://portal.example.com/portal/default.ixsp', 'names a page (default.ixsp), not the portal\'s base URL (did you mean https://portal.example.com/portal?)'],
    ['https://portal.example.com/index.html', 'did you mean https://portal.example.com?'],
    ['https://portal.example.com/app/login.jsp', 'names a page (login.jsp)'],
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
