import { ClientAssertionCredential } from '@azure/identity';
import { isMicrosoftAuthority } from '../settings/clouds.ts';

/** Who signs in, where, and with which GitHub OIDC token: the deployer identity's workload identity federation. */
export interface FederatedIdentity {
  readonly tenantId: string;
  readonly clientId: string;
  /** https origin of the Entra authority (cloud or authority-host). */
  readonly authorityHost: string;
  /** The job's GitHub OIDC token, fetched once (entra/id-token.ts). */
  readonly idToken: () => Promise<string>;
}

/**
 * @azure/identity's ClientAssertionCredential for the deployer identity, with the GitHub OIDC token as
 * its client assertion. Instance discovery asks login.microsoftonline.com about the host; only
 * Microsoft's hosts are known there, so it is off for any other
 * (learn.microsoft.com/javascript/api/@azure/identity/clientassertioncredentialoptions).
 */
export function federatedCredential(identity: FederatedIdentity): ClientAssertionCredential {
  return new ClientAssertionCredential(identity.tenantId, identity.clientId, identity.idToken, {
    authorityHost: identity.authorityHost,
    disableInstanceDiscovery: !isMicrosoftAuthority(identity.authorityHost),
  });
}

/** The deployer identity as another Azure service (Key Vault) signs it in: `mask` gets every access token obtained. */
export interface DeployerAccess extends FederatedIdentity {
  readonly mask: (token: string) => void;
}
