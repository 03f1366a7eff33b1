import { decodeJwt, verifyJwtSignature } from '../jwt.ts';
import type { AppRecord } from '../state.ts';
import type { Reply } from '../types.ts';
import { entraError } from './context.ts';
import type { EntraEnv } from './context.ts';

// The client's credential in a token request: a federated assertion (workload identity federation)
// or a client secret. Each check answers undefined when the credential is good, else Entra's error.

const WIF_DOC = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation';

/** Checks a workload-identity-federation assertion against the app's federated credentials. */
export function checkAssertion(env: EntraEnv, app: AppRecord, assertion: string, cid: string): Reply | undefined {
  const jwt = decodeJwt(assertion);
  if (!jwt) return entraError(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.', cid);
  const iss = String(jwt.payload.iss ?? '');
  const sub = String(jwt.payload.sub ?? '');
  const auds = Array.isArray(jwt.payload.aud) ? jwt.payload.aud.map(String) : [String(jwt.payload.aud ?? '')];
  // Federated credential mismatches answer 401 invalid_client with the claim that failed
  // (Azure/login#453, #482, #517). Messages as Entra writes them today.
  const byIssuer = app.federated.filter((f) => f.issuer === iss);
  if (byIssuer.length === 0) {
    return entraError(401, 'invalid_client', 700211, `No matching federated identity record found for presented assertion issuer '${iss}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${WIF_DOC}`, cid);
  }
  const keys = env.trustedIssuerKeys()[iss];
  if (!keys || !verifyJwtSignature(jwt, keys)) {
    return entraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.', cid); // wording UNCONFIRMED
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = Number(jwt.payload.exp ?? 0);
  const nbf = Number(jwt.payload.nbf ?? 0);
  if (exp <= now || nbf > now + 300) {
    const t = (s: number): string => new Date(s * 1000).toUTCString();
    return entraError(401, 'invalid_client', 700024, `Client assertion is not within its valid time range. Current time: ${t(now)}, assertion valid from ${t(nbf)}, expiry time of assertion ${t(exp)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`, cid);
  }
  const bySubject = byIssuer.filter((f) => f.subject === sub);
  if (bySubject.length === 0) {
    if (byIssuer.some((f) => f.subject.toLowerCase() === sub.toLowerCase())) {
      // Verbatim from Azure/login#515.
      return entraError(401, 'invalid_client', 7002138, `No matching federated identity record found for presented assertion subject '${sub}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. See documentation at: ${WIF_DOC}. See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024.`, cid);
    }
    // Verbatim from dotnet/maui#31978 / Azure/azure-workload-identity#1200.
    return entraError(401, 'invalid_client', 700213, `No matching federated identity record found for presented assertion subject '${sub}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${WIF_DOC}`, cid);
  }
  if (!bySubject.some((f) => f.audiences.some((a) => auds.includes(a)))) {
    // Same family of messages; the audience variant's exact text is UNCONFIRMED.
    return entraError(401, 'invalid_client', 700212, `No matching federated identity record found for presented assertion audience '${auds.join(',')}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${WIF_DOC}`, cid);
  }
  return undefined;
}

/** Checks a client secret: unknown → 7000215, only matches expired ones → 7000222. */
export function checkSecret(app: AppRecord, secret: string, cid: string): Reply | undefined {
  const now = Date.now();
  const matches = app.passwords.filter((p) => p.secretText === secret);
  const usable = matches.find((p) => Date.parse(p.startDateTime) <= now && Date.parse(p.endDateTime) > now && p.usableAtMs <= now);
  if (usable) return undefined;
  if (matches.some((p) => Date.parse(p.endDateTime) <= now)) {
    // Wording from spencerwooo/onedrive-vercel-index#1051 and dotnet/sign#849.
    return entraError(401, 'invalid_client', 7000222, `The provided client secret keys for app '${app.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`, cid);
  }
  // Also what a brand-new secret gets until it has propagated (~4–18 s, microsoft-graph-docs#17966).
  return entraError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`, cid);
}
