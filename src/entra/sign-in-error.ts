import { ActionError, causeChain } from '../errors.ts';
import type { Settings } from '../settings/settings.ts';

/**
 * AADSTS codes of a federated credential that does not match the presented token
 * (learn.microsoft.com/entra/identity-platform/reference-error-codes; github.com/Azure/login/issues/453, #482, #517).
 */
const FEDERATION_MISMATCH = new Set(['70021', '700211', '700212', '700213', '7002138']);
/** AADSTS90002 "Tenant '…' not found" (github.com/Azure/azure-cli/issues/22145); 900023 "Specified tenant identifier … is neither a valid DNS name, nor a valid external domain". */
const UNKNOWN_TENANT = new Set(['90002', '900023']);
/**
 * Codes that say the tenant or the resource lives in another cloud than the authority asked:
 * 90038 "Tenant '…' request is being redirected to the National Cloud 'microsoftonline.us'"
 * (github.com/tieto/sipe/issues/182), 90043 "Confidential Client is not supported in Cross Cloud
 * request" (github.com/hkamel/sonar-auth-aad/issues/34), 90051 "Invalid national Cloud ID"
 * (github.com/MicrosoftDocs/azure-docs/issues/25942), 900439 "Confidential Client requests are not
 * supported on the public endpoint … for tenants in the Azure Government cloud"
 * (github.com/Yvand/EntraCP/issues/95; code in learn.microsoft.com/entra/identity-platform/reference-error-codes,
 * USGClientNotSupportedOnPublicEndpoint), 500011 "The resource principal named https://graph… was
 * not found in the tenant", the Graph of another cloud (github.com/Azure/Azure-DataFactory/issues/293).
 */
const WRONG_CLOUD = new Set(['90038', '90043', '90051', '900439', '500011']);
/** Node's codes for a host that cannot be reached or whose certificate is not trusted. */
const UNREACHABLE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID)\b|certificate/i;

/** What a GET of the tenant's OpenID discovery document came to. Throws when there was no answer. */
export type DiscoveryProbe = (url: string) => Promise<{ status: number; body: string }>;

export interface SignInFailure {
  readonly settings: Settings;
  readonly idToken: () => Promise<string>;
  /** Asks the authority itself when MSAL reports only that discovery failed. */
  readonly probe?: DiscoveryProbe;
}

/** The text of an error and of every cause below it, with MSAL's errorCode and errorMessage. */
export function errorChainText(error: unknown): string {
  return causeChain(error)
    .flatMap((e) => {
      if (typeof e !== 'object') return [String(e)];
      const { code, errorCode, message, errorMessage } = e as Record<string, unknown>;
      return [code, errorCode, message, errorMessage].filter((v): v is string => typeof v === 'string' && v !== '');
    })
    .join('\n');
}

/**
 * Turns a failed token request into a message that names the cause, with a hint. MSAL hides why
 * discovery failed: Authority.getEndpointMetadataFromNetwork returns null on any failure and the
 * caller throws endpoints_resolution_error without a cause (github.com/AzureAD/microsoft-authentication-library-for-js,
 * lib/msal-common/src/authority/Authority.ts), so the discovery document is then read once more here.
 */
export async function signInError(error: unknown, failure: SignInFailure): Promise<ActionError> {
  if (error instanceof ActionError) return error;
  const text = errorChainText(error);
  const known = await diagnose(text, error, failure);
  if (known) return known;
  if (/endpoints_resolution_error|openid_config_error/.test(text)) {
    const probed = await probeDiscovery(failure);
    const diagnosed = typeof probed === 'string' ? await diagnose(probed, error, failure) : probed;
    if (diagnosed) return diagnosed;
  }
  const { settings } = failure;
  const firstLine = (/AADSTS\d+:[^\r\n]*/.exec(text)?.[0] ?? text.split('\n')[0] ?? '').trim();
  return new ActionError(`Failed to sign in to Microsoft Graph as ${settings.deployerClientId} in tenant ${settings.tenantId} at ${settings.cloud.authorityHost}: ${firstLine}`, { cause: error });
}

async function diagnose(text: string, error: unknown, failure: SignInFailure): Promise<ActionError | undefined> {
  const { settings } = failure;
  const code = /AADSTS(\d+)/.exec(text)?.[1];
  const firstLine = (/AADSTS\d+:[^\r\n]*/.exec(text)?.[0] ?? text.split('\n')[0] ?? '').trim();
  const where = `tenant ${settings.tenantId} at ${settings.cloud.authorityHost}`;
  if (code && FEDERATION_MISMATCH.has(code)) return federationMismatch(failure, firstLine, error);
  if (code === '700016') {
    return new ActionError(`Entra ID does not know the deployer identity ${settings.deployerClientId} in ${where}: ${firstLine}`, {
      hint: `Check client-id (the deployer app registration or managed identity), tenant-id and cloud (now ${settings.cloud.name}): the app must be registered in that tenant, in that cloud.`,
      cause: error,
    });
  }
  if (code && UNKNOWN_TENANT.has(code)) {
    return new ActionError(`Unknown tenant: Entra ID at ${settings.cloud.authorityHost} has no tenant ${settings.tenantId}: ${firstLine}`, {
      hint:
        'Set tenant-id to the directory (tenant) ID that holds the deployer identity: `az account show --query tenantId -o tsv` prints it ' +
        'for the signed-in Azure CLI account, and the Microsoft Entra admin center shows it as Tenant ID on the Overview page. ' +
        `If the tenant is in another cloud, set cloud (now ${settings.cloud.name}).`,
      cause: error,
    });
  }
  if (code && WRONG_CLOUD.has(code)) {
    return new ActionError(`Wrong cloud: ${where} answered that the tenant or its resources are in another cloud than ${settings.cloud.name}: ${firstLine}`, {
      hint: 'Set cloud to the cloud of the tenant (AzureCloud, AzureUSGovernment or AzureChinaCloud); the deployer identity must be registered in that cloud.',
      cause: error,
    });
  }
  // A host error only where Entra gave no AADSTS code (AADSTS texts may mention certificates).
  const unreachable = code ? null : UNREACHABLE.exec(text);
  if (unreachable) {
    const detail = text.split('\n').find((l) => UNREACHABLE.test(l)) ?? unreachable[0];
    const certificate = /CERT|certificate|UNABLE_TO_/i.test(detail);
    return new ActionError(`Cannot reach the Entra authority ${settings.cloud.authorityHost}: ${detail}`, {
      hint: certificate
        ? 'The host\'s TLS certificate is not trusted: behind a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS to the proxy\'s CA certificate (PEM); otherwise check authority-host.'
        : `Check cloud (now ${settings.cloud.name}) and authority-host, DNS and the firewall; behind a proxy, set HTTPS_PROXY (and NO_PROXY). AZURE_LOG_LEVEL=verbose shows MSAL's own log.`,
      cause: error,
    });
  }
  return undefined;
}

/** The discovery document's answer as text to diagnose, or an error when it cannot be diagnosed further. */
async function probeDiscovery(failure: SignInFailure): Promise<string | ActionError | undefined> {
  const { settings } = failure;
  const url = `${settings.cloud.authorityHost}/${encodeURIComponent(settings.tenantId)}/v2.0/.well-known/openid-configuration`;
  try {
    const answer = await (failure.probe ?? fetchDiscovery)(url);
    if (answer.status >= 200 && answer.status < 300) return undefined;
    const described = (() => {
      try {
        return String((JSON.parse(answer.body) as { error_description?: unknown }).error_description ?? answer.body);
      } catch {
        return answer.body;
      }
    })();
    return `HTTP ${answer.status}: ${described.slice(0, 500)}`;
  } catch (probeError) {
    return errorChainText(probeError);
  }
}

const fetchDiscovery: DiscoveryProbe = async (url) => {
  const reply = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: reply.status, body: await reply.text() };
};

async function federationMismatch(failure: SignInFailure, firstLine: string, error: unknown): Promise<ActionError> {
  const { settings, idToken } = failure;
  const claims = decodeClaims(await idToken().catch(() => ''));
  const iss = String(claims.iss ?? '?');
  const sub = String(claims.sub ?? '?');
  const aud = String(Array.isArray(claims.aud) ? claims.aud.join(',') : claims.aud ?? '?');
  return new ActionError(
    `Entra ID rejected the GitHub OIDC token for the deployer identity ${settings.deployerClientId} in tenant ${settings.tenantId} at ${settings.cloud.authorityHost}: ${firstLine}\n` +
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

/** The claims of a JWT, decoded without verification: only to tell the user what a token said. */
export function decodeClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  if (!payload) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
