import { ActionError } from '../../src/errors.ts';
import { signInError, type DiscoveryProbe } from '../../src/entra/sign-in-error.ts';
import { readSettings } from '../../src/settings/read-settings.ts';

const TENANT = '0b1d2c3e-1111-4222-8333-944455566677';
const settings = readSettings(
  (name) => ({ 'tenant-id': TENANT, 'client-id': '11111111-2222-3333-4444-555555555555', 'portal-base-url': 'https://portal.example.com', 'app-name': 'Portal' })[name] ?? '',
  { GITHUB_REPOSITORY: 'contoso/infra' },
);
const idToken = async () => '';

/** As @azure/identity throws when MSAL's discovery failed: a CredentialUnavailableError with no cause (probed against the emulator). */
function endpointsResolutionError(): Error {
  const e = new Error('endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details');
  e.name = 'CredentialUnavailableError';
  return e;
}

/** As @azure/identity throws for a token endpoint's error: AuthenticationRequiredError over MSAL's ServerError (errorCode, errorMessage). */
function serverError(code: number, description: string, errorCode = 'invalid_request'): Error {
  const cause = Object.assign(new Error(`${errorCode}: Error(s): ${code} - Description: AADSTS${code}: ${description}\r\nTrace ID: t`), { name: 'ServerError', errorCode, errorMessage: `Error(s): ${code} - Description: AADSTS${code}: ${description}` });
  const e = new Error(`${errorCode}: AADSTS${code}: ${description}`, { cause });
  e.name = 'AuthenticationRequiredError';
  return e;
}

/** A fetch failure as undici reports it: TypeError "fetch failed" with the system error as cause. */
function fetchFailed(code: string, message: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

const notFound: DiscoveryProbe = async () => ({
  status: 400,
  body: JSON.stringify({ error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${TENANT}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`, error_codes: [90002] }),
});

/** A probe that must not be needed: it records being called, and the test checks that it was not. */
const probes: string[] = [];
const noProbe: DiscoveryProbe = async (url) => {
  probes.push(url);
  return { status: 200, body: '{}' };
};

describe('sign-in diagnoses', () => {
  afterEach(() => {
    expect(probes).toEqual([]);
  });

  test('unknown tenant: MSAL only says endpoints_resolution_error; the discovery document names AADSTS90002', async () => {
    const probed: string[] = [];
    const error = await signInError(endpointsResolutionError(), { settings, idToken, probe: async (url) => (probed.push(url), notFound(url)) });
    expect(probed).toEqual([`https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`]);
    expect(error.message).toMatch(new RegExp(`^Unknown tenant: Entra ID at https://login.microsoftonline.com has no tenant ${TENANT}: AADSTS90002: Tenant`));
    expect(error.hint).toContain('az account show --query tenantId');
    expect(error.hint).toContain('Microsoft Entra admin center');
    expect(error.hint).toContain('Overview');
  });

  test('unknown tenant named by the token endpoint itself (the code in the cause chain)', async () => {
    const error = await signInError(serverError(90002, `Tenant '${TENANT}' not found.`, 'invalid_tenant'), { settings, idToken, probe: noProbe });
    expect(error.message).toMatch(/^Unknown tenant/);
  });

  test.each([
    [90038, "Tenant 'contoso.us' request is being redirected to the National Cloud 'microsoftonline.us'."],
    [900439, 'Confidential Client requests are not supported on the public endpoint for tenants in the Azure Government cloud.'],
    [500011, 'The resource principal named https://graph.microsoft.com was not found in the tenant named Contoso.'],
  ])('wrong cloud: AADSTS%d', async (code, description) => {
    const error = await signInError(serverError(code, description), { settings, idToken });
    expect(error.message).toMatch(/^Wrong cloud: /);
    expect(error.message).toContain(`AADSTS${code}`);
    expect(error.hint).toMatch(/Set cloud/);
  });

  test('wrong cloud found by the probe', async () => {
    const probe: DiscoveryProbe = async () => ({ status: 400, body: JSON.stringify({ error_description: "AADSTS90038: Tenant 'x' request is being redirected to the National Cloud 'microsoftonline.us'." }) });
    expect((await signInError(endpointsResolutionError(), { settings, idToken, probe })).message).toMatch(/^Wrong cloud/);
  });

  test.each([
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND login.microsoftonline.example'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
  ])('unreachable host (%s), found by the probe', async (code, message) => {
    const probe: DiscoveryProbe = async () => {
      throw fetchFailed(code, message);
    };
    const error = await signInError(endpointsResolutionError(), { settings, idToken, probe });
    expect(error.message).toMatch(/^Cannot reach the Entra authority https:\/\/login\.microsoftonline\.com: /);
    expect(error.message).toContain(code);
    if (/CERT|UNABLE/.test(code)) expect(error.hint).toMatch(/^The host's TLS certificate is not trusted: .*NODE_EXTRA_CA_CERTS/);
    else expect(error.hint).toMatch(/^Check cloud \(now AzureCloud\) and authority-host, DNS and the firewall/);
  });

  test('unreachable host named in the cause chain needs no probe', async () => {
    const error = await signInError(new Error('request failed', { cause: fetchFailed('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443') }), { settings, idToken, probe: noProbe });
    expect(error.message).toMatch(/^Cannot reach/);
  });

  test('an AADSTS text that mentions a certificate is not taken for an unreachable host', async () => {
    const error = await signInError(serverError(700027, 'Client assertion failed signature validation. The certificate is not registered.'), { settings, idToken });
    expect(error.message).toMatch(/^Failed to sign in/);
  });

  test('discovery works but MSAL still failed: the general message, not a wrong diagnosis', async () => {
    const error = await signInError(endpointsResolutionError(), { settings, idToken, probe: async () => ({ status: 200, body: '{}' }) });
    expect(error.message).toMatch(/^Failed to sign in to Microsoft Graph as 11111111-2222-3333-4444-555555555555 in tenant/);
    expect(error).toBeInstanceOf(ActionError);
  });

  test('unknown deployer identity (700016) names client-id and cloud', async () => {
    const error = await signInError(serverError(700016, "Application with identifier 'x' was not found in the directory 'Contoso'.", 'unauthorized_client'), { settings, idToken });
    expect(error.message).toMatch(/does not know the deployer identity/);
    expect(error.hint).toMatch(/cloud \(now AzureCloud\)/);
  });
});
