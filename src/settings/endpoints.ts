import { CLOUDS, CLOUD_NAMES, type Cloud, type CloudName } from './clouds.ts';
import type { Inputs } from './inputs.ts';

/** The endpoint inputs, what each host receives (for errors and warnings), and the cloud host each replaces. */
const ENDPOINTS = [
  { input: 'authority-host', field: 'authorityHost', receives: 'the GitHub OIDC token and every new client secret' },
  { input: 'graph-endpoint', field: 'graphEndpoint', receives: 'the Microsoft Graph access token' },
] as const;

export const ALLOW_CUSTOM_ENDPOINTS = 'allow-custom-endpoints';

/**
 * The cloud, with authority-host and graph-endpoint applied. Without allow-custom-endpoints these may
 * only name the selected cloud's own hosts (clouds.ts): the authority host receives the OIDC token and
 * the secret the action verifies, the Graph host the access token, so a typo or a hostile value must
 * not silently send them elsewhere. The Graph token scope stays the cloud's in every case.
 */
export function readCloud(inputs: Inputs): Cloud {
  const { fail, oneOf, boolean, httpsOrigin, problems } = inputs;
  const name = oneOf<CloudName>('cloud', CLOUD_NAMES, 'AzureCloud');
  const allowCustom = boolean(ALLOW_CUSTOM_ENDPOINTS, false);
  const base = CLOUDS[name];
  const cloud: { -readonly [K in keyof Cloud]: Cloud[K] } = { ...base };
  for (const { input, field, receives } of ENDPOINTS) {
    const before = problems.length;
    const origin = httpsOrigin(input);
    if (origin === undefined || problems.length > before) continue;
    if (origin !== base[field] && !allowCustom) {
      fail(input, `"${origin}" is not the ${name} host (expected ${base[field]}, or another cloud with cloud); to send ${receives} to another host, set ${ALLOW_CUSTOM_ENDPOINTS}: true`);
    }
    cloud[field] = origin;
  }
  return cloud;
}

/** One warning per endpoint that is not the selected cloud's own host, naming what that host receives. */
export function customEndpointWarnings(cloud: Cloud): string[] {
  const base = CLOUDS[cloud.name];
  return ENDPOINTS.filter(({ field }) => cloud[field] !== base[field]).map(
    ({ input, field, receives }) => `${input} is ${cloud[field]}, not an ${cloud.name} host (${ALLOW_CUSTOM_ENDPOINTS} is true): it receives ${receives}.`,
  );
}
