import { CLOUDS, CLOUD_NAMES, graphScope, isMicrosoftAuthority, registrationLink, type Cloud } from '../../src/settings/clouds.ts';

/** AzureCloud with custom endpoints (allow-custom-endpoints), as readSettings makes it. */
const custom: Cloud = { ...CLOUDS.AzureCloud, authorityHost: 'https://localhost:8443', graphEndpoint: 'https://localhost:8444' };

describe('clouds', () => {
  test.each(CLOUD_NAMES)('%s has https origins without a trailing slash', (name) => {
    const cloud = CLOUDS[name];
    expect(cloud.name).toBe(name);
    expect(cloud.graphScope).toBe(`${cloud.graphEndpoint}/.default`);
    for (const origin of [cloud.authorityHost, cloud.graphEndpoint, cloud.adminCenter]) {
      expect(new URL(origin).origin).toBe(origin);
      expect(origin.startsWith('https://')).toBe(true);
    }
  });

  test.each<[string, boolean]>([
    ['https://login.microsoftonline.com', true],
    ['https://login.microsoftonline.com/', true],
    ['https://LOGIN.microsoftonline.us', true],
    ['https://login.chinacloudapi.cn', true],
    ['https://localhost:8443', false],
    ['https://login.microsoftonline.com.evil.example', false],
    ['https://login.microsoftonline.com:8443', false],
  ])('isMicrosoftAuthority(%s) is %s', (host, expected) => {
    expect(isMicrosoftAuthority(host)).toBe(expected);
  });

  test.each<[string, Cloud, string]>([
    ['AzureCloud', CLOUDS.AzureCloud, 'https://graph.microsoft.com/.default'],
    ['AzureUSGovernment', CLOUDS.AzureUSGovernment, 'https://graph.microsoft.us/.default'],
    ['AzureChinaCloud', CLOUDS.AzureChinaCloud, 'https://microsoftgraph.chinacloudapi.cn/.default'],
    // The scope names the resource, Microsoft Graph, not the host the requests go to.
    ['AzureCloud with a custom Graph host', custom, 'https://graph.microsoft.com/.default'],
  ])('graphScope in %s', (_case, cloud, expected) => {
    expect(graphScope(cloud)).toBe(expected);
  });

  test.each<[string, Cloud, string]>([
    ['AzureCloud', CLOUDS.AzureCloud, 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/app-1'],
    ['AzureUSGovernment', CLOUDS.AzureUSGovernment, 'https://entra.microsoft.us/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/app-1'],
  ])('registrationLink in %s', (_case, cloud, expected) => {
    expect(registrationLink(cloud, 'app-1')).toBe(expected);
  });
});
