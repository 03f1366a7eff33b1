import { ActionError } from '../errors.ts';
import { graphScope, isMicrosoftAuthority } from '../settings/clouds.ts';
import type { Settings } from '../settings/settings.ts';
import { decodeClaims } from './jwt-claims.ts';

/** A Graph access token source for the deployer identity. */
export interface GraphSignIn {
  getAccessToken(): Promise<string>;
}

/**
 * AADSTS codes of a federated credential that does not match the presented token
 * (learn.microsoft.com/entra/identity-platform/reference-error-codes; github.com/Azure/login/issues/453, #482, #517).
 */
const FEDERATION_MISMATCH = new Set(['70021', '700211', '700212', '700213', '7002138']);
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Exchanges the GitHub OIDC token for a Graph token (workload identity federation), once; the
 * token is reused until shortly before it expires.
 */
export async function signInToGraph(settings: Settings, idToken: () => Promise<string>): Promise<GraphSignIn> {
  // The OIDC token is requested while MSAL loads; a job without id-token: write fails here, plainly.
  const [{ ClientAssertionCredential }] = await Promise.all([import('@azure/identity'), idToken()]);
  const credential = new ClientAssertionCredential(settings.tenantId, settings.deployerClientId, idToken, {
    authorityHost: settings.cloud.authorityHost,
    // Instance discovery asks login.microsoftonline.com about the host; only Microsoft's hosts are known there.
    disableInstanceDiscovery: !isMicrosoftAuthority(settings.cloud.authorityHost),
  });
  const scope = graphScope(settings.cloud);
  let cached: { token: string; expiresOnTimestamp: number } | undefined;

  const getAccessToken = async (): Promise<string> => {
    if (cached && cached.expiresOnTimestamp - Date.now() > REFRESH_MARGIN_MS) return cached.token;
    try {
      const token = await credential.getToken(scope);
      cached = { token: token.token, expiresOnTimestamp: token.expiresOnTimestamp };
      return token.token;
    } catch (error) {
      throw await signInError(settings, idToken, error);
    }
  };
  await getAccessToken();
  return { getAccessToken };
}

async function signInError(settings: Settings, idToken: () => Promise<string>, error: unknown): Promise<ActionError> {
  if (error instanceof ActionError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = /AADSTS(\d+)/.exec(text)?.[1];
  const firstLine = (/AADSTS\d+:[^\r\n]*/.exec(text)?.[0] ?? text.split('\n')[0] ?? '').trim();
  const where = `tenant ${settings.tenantId} at ${settings.cloud.authorityHost}`;

  if (code && FEDERATION_MISMATCH.has(code)) {
    const claims = decodeClaims(await idToken().catch(() => ''));
    const iss = String(claims.iss ?? '?');
    const sub = String(claims.sub ?? '?');
    const aud = String(Array.isArray(claims.aud) ? claims.aud.join(',') : claims.aud ?? '?');
    return new ActionError(
      `Entra ID rejected the GitHub OIDC token for the deployer identity ${settings.deployerClientId} in ${where}: ${firstLine}\n` +
        `The token presented: iss=${iss} sub=${sub} aud=${aud}`,
      {
        hint:
          `Add a federated credential to the deployer identity with exactly this issuer, subject and audience (matched case-sensitively): ` +
          `az ad app federated-credential create --id ${settings.deployerClientId} --parameters ` +
          `'{"name":"github-${sub.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 100)}","issuer":"${iss}","subject":"${sub}","audiences":["${aud}"]}'`,
        cause: error,
      },
    );
  }
  if (code === '700016') {
    return new ActionError(`Entra ID does not know the deployer identity ${settings.deployerClientId} in ${where}: ${firstLine}`, {
      hint: 'Check client-id (the deployer app registration or managed identity), tenant-id and cloud: the app must be registered in that tenant and cloud.',
      cause: error,
    });
  }
  if (code === '90002' || code === '900023') {
    return new ActionError(`Entra ID does not know tenant ${settings.tenantId} at ${settings.cloud.authorityHost}: ${firstLine}`, {
      hint: 'Check tenant-id (the directory ID or a verified domain) and cloud.',
      cause: error,
    });
  }
  if (/endpoints_resolution_error|ENOTFOUND|ECONNREFUSED|certificate/i.test(text)) {
    return new ActionError(`Could not reach the Entra authority ${settings.cloud.authorityHost} for ${where}: ${text.split('\n')[0]}`, {
      hint: 'Check cloud and authority-host; behind a proxy, set HTTPS_PROXY. AZURE_LOG_LEVEL=verbose shows the underlying error.',
      cause: error,
    });
  }
  return new ActionError(`Failed to sign in to Microsoft Graph as ${settings.deployerClientId} in ${where}: ${firstLine || text}`, { cause: error });
}
