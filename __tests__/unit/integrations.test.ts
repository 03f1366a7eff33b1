import { INTREXX_GUID, readIntegrations } from '../../src/settings/integrations.ts';

// An Intrexx GUID as the Intrexx glossary shows one: 40 hexadecimal characters.
const GUID = '926B444D13B87CE9EEA22BBF9EDAA27A8C7DFE4D';

describe('readIntegrations: the redirect URI paths each integration documents', () => {
  test.each<[string, string, string[]]>([
    ['nothing given is office365', '', ['/service/oauth2/authorize']],
    ['only separators is office365', ' ,\n , ', ['/service/oauth2/authorize']],
    ['office365', 'office365', ['/service/oauth2/authorize']],
    ['exchange: the portal URI and the connector token URI', 'exchange', ['/service/oauth2/authorize', '/oauth2/token/msexchange']],
    ['sso: the azure provider by default', 'sso', ['/oauth2/login/azure']],
    ['sso with a provider name', 'sso:okta', ['/oauth2/login/okta']],
    ['sso-legacy: the om.cfg login module', 'sso-legacy', ['/login/oic/authenticate']],
    ['sharepoint: both documented forms', `sharepoint:${GUID}`, [`/oauth2/token/${GUID}`, `/service/oauth2/token/${GUID}`]],
  ])('%s', (_case, text, paths) => {
    expect(readIntegrations(text)).toMatchObject({ paths, problems: [] });
  });

  test('names are case-insensitive; what follows the colon keeps its case', () => {
    expect(readIntegrations('OFFICE365\nExchange\nSSO:AzureAD\nSharePoint:' + GUID.toLowerCase()).paths).toEqual([
      '/service/oauth2/authorize',
      '/oauth2/token/msexchange',
      '/oauth2/login/AzureAD',
      `/oauth2/token/${GUID.toLowerCase()}`,
      `/service/oauth2/token/${GUID.toLowerCase()}`,
    ]);
  });

  test('new lines and commas separate; blanks around entries and the colon are ignored', () => {
    const result = readIntegrations('  sso : azure ,\r\n\r\n office365 ,sso-legacy  ');
    expect(result.names).toEqual(['sso : azure', 'office365', 'sso-legacy']);
    expect(result.paths).toEqual(['/oauth2/login/azure', '/service/oauth2/authorize', '/login/oic/authenticate']);
  });

  test('paths several integrations share appear once, in the order first asked for', () => {
    expect(readIntegrations('exchange, office365, sso, sso:azure, exchange').paths).toEqual([
      '/service/oauth2/authorize',
      '/oauth2/token/msexchange',
      '/oauth2/login/azure',
    ]);
  });

  test('several SharePoint connectors and SSO providers each get their own paths', () => {
    const other = 'F27302911D5DA4E8FE7A500D3F4E1E699BDF0592';
    expect(readIntegrations(`sharepoint:${GUID}, sharepoint:${other}, sso:azure, sso:google`).paths).toEqual([
      `/oauth2/token/${GUID}`,
      `/service/oauth2/token/${GUID}`,
      `/oauth2/token/${other}`,
      `/service/oauth2/token/${other}`,
      '/oauth2/login/azure',
      '/oauth2/login/google',
    ]);
  });

  test.each(['azure', 'Azure_AD', 'my-idp', 'idp.v2', 'a', '0', '..a'])('sso provider name %j is accepted', (name) => {
    expect(readIntegrations(`sso:${name}`)).toMatchObject({ paths: [`/oauth2/login/${name}`], problems: [] });
  });
});

describe('readIntegrations: what is not valid, each entry reported with what would be', () => {
  test.each<[string, string, string]>([
    ['an unknown name', 'teams', '"teams" is not an integration (expected office365, exchange, sso, sso:<provider name>, sso-legacy or sharepoint:<connector GUID>)'],
    ['a near miss', 'office-365', '"office-365" is not an integration (expected'],
    ['an object property name', 'constructor', '"constructor" is not an integration'],
    ['sharepoint without a GUID', 'sharepoint', `"sharepoint" needs the connector's GUID: sharepoint:<GUID>, the 40 hexadecimal characters Intrexx shows`],
    ['sharepoint with an empty GUID', 'sharepoint:', `"sharepoint:" needs the connector's GUID`],
    ['sharepoint with a UUID', 'sharepoint:12345e16-b7ee-41a3-ffff-76d971cc6789', '"sharepoint:12345e16-b7ee-41a3-ffff-76d971cc6789" is not a connector GUID: expected the 40 hexadecimal characters Intrexx shows'],
    ['sharepoint with 41 characters', `sharepoint:${GUID}9`, 'it has 41'],
    ['sharepoint with 39 characters', `sharepoint:${GUID.slice(1)}`, 'it has 39'],
    ['sharepoint with a non-hex character', `sharepoint:${GUID.slice(1)}G`, 'is not a connector GUID'],
    ['sharepoint with braces', `sharepoint:{${GUID}}`, 'is not a connector GUID'],
    ['sso with an empty provider name', 'sso:', '"sso:" needs a provider name after the colon, or no colon for sso:azure'],
    ['sso with a slash', 'sso:azure/x', `"sso:azure/x" has an invalid provider name: use letters, digits, '-', '_' or '.'`],
    ['sso with a space', 'sso:my idp', 'has an invalid provider name'],
    ['sso with a percent sign', 'sso:a%2Fb', 'has an invalid provider name'],
    ['sso with a tilde', 'sso:~idp', 'has an invalid provider name'],
    ['sso with a non-ASCII letter', 'sso:Anbieter_ü', 'has an invalid provider name'],
    ['sso with the . path segment', 'sso:.', 'has an invalid provider name'],
    ['sso with the .. path segment', 'sso:..', 'has an invalid provider name'],
    ['office365 with an argument', 'office365:x', '"office365:x" takes nothing after the colon (expected office365)'],
    ['exchange with an argument', 'exchange:msexchange', 'takes nothing after the colon (expected exchange)'],
    ['sso-legacy with an argument', 'sso-legacy:azure', 'takes nothing after the colon (expected sso-legacy)'],
  ])('%s', (_case, text, problem) => {
    const result = readIntegrations(text);
    expect(result.problems).toEqual([expect.stringContaining(problem)]);
    expect(result.paths).toEqual([]);
  });

  test('every bad entry is reported, the good ones still read', () => {
    const result = readIntegrations('office365, teams, sharepoint:123, sso');
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toContain('"teams"');
    expect(result.problems[1]).toContain('"sharepoint:123"');
    expect(result.paths).toEqual(['/service/oauth2/authorize', '/oauth2/login/azure']);
  });
});

describe('INTREXX_GUID', () => {
  test.each([
    ['the glossary example', GUID, true],
    ['a connector configuration GUID', 'F27302911D5DA4E8FE7A500D3F4E1E699BDF0592', true],
    ['lower case', GUID.toLowerCase(), true],
    ['the 41 characters of the SharePoint help example', '11F8260DEA655234B087EFC539FA010BBD8B6AE99', false],
    ['a 36-character UUID', '12345e16-b7ee-41a3-ffff-76d971cc6789', false],
    ['32 hex digits', 'a'.repeat(32), false],
  ])('%s: %s → %s', (_case, value, valid) => {
    expect(INTREXX_GUID.test(value)).toBe(valid);
  });
});
