import { CLOUDS } from '../../src/settings/clouds.ts';
import { customEndpointWarnings } from '../../src/settings/endpoints.ts';

describe('customEndpointWarnings', () => {
  test.each(Object.values(CLOUDS))('none for the hosts of $name', (cloud) => {
    expect(customEndpointWarnings(cloud)).toEqual([]);
  });

  test('one per custom host, naming what it receives', () => {
    expect(customEndpointWarnings({ ...CLOUDS.AzureCloud, authorityHost: 'https://127.0.0.1:8443', graphEndpoint: 'https://127.0.0.1:8444' })).toEqual([
      'authority-host is https://127.0.0.1:8443, not an AzureCloud host (allow-custom-endpoints is true): it receives the GitHub OIDC token and every new client secret.',
      'graph-endpoint is https://127.0.0.1:8444, not an AzureCloud host (allow-custom-endpoints is true): it receives the Microsoft Graph access token.',
    ]);
  });

  test('only the custom one', () => {
    expect(customEndpointWarnings({ ...CLOUDS.AzureUSGovernment, graphEndpoint: 'https://graph.example.test' })).toEqual([
      'graph-endpoint is https://graph.example.test, not an AzureUSGovernment host (allow-custom-endpoints is true): it receives the Microsoft Graph access token.',
    ]);
  });
});
