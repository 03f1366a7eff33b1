import { describeError } from '../errors.ts';
import type { RunContext } from '../context.ts';
import { GraphRequestError } from '../graph/graph-error.ts';
import type { PermissionCatalog } from '../graph/types.ts';
import type { ResolvedPermission } from './resolve-permissions.ts';

/**
 * Grants tenant-wide admin consent for the declared Graph permissions when the deployer may
 * (AppRoleAssignment.ReadWrite.All / DelegatedPermissionGrant.ReadWrite.All); otherwise says where
 * an administrator grants it. Consent is never a reason to fail the run.
 */
export async function grantAdminConsent(
  ctx: RunContext,
  client: { readonly servicePrincipalId: string; readonly clientId: string },
  catalog: PermissionCatalog,
  permissions: readonly ResolvedPermission[],
): Promise<boolean> {
  const { runtime, settings, directory } = ctx;
  const { servicePrincipalId, clientId } = client;
  const consentUrl = `${settings.cloud.authorityHost}/${settings.tenantId}/adminconsent?client_id=${clientId}`;
  try {
    for (const role of permissions.filter((p) => p.type === 'Role')) await directory.grantAppRole(servicePrincipalId, catalog.id, role.id);
    const scopes = permissions.filter((p) => p.type === 'Scope').map((p) => p.name);
    if (scopes.length > 0) await directory.grantDelegated(servicePrincipalId, catalog.id, scopes);
    runtime.info(`Granted admin consent for ${permissions.map((p) => p.name).join(', ')}.`);
    return true;
  } catch (error) {
    const denied = error instanceof GraphRequestError && error.status === 403;
    runtime.warning(
      `${denied ? 'The deployer identity may not grant admin consent' : `Granting admin consent failed: ${describeError(error)}`}. ` +
        `An administrator can grant it here: ${consentUrl}`,
    );
    return false;
  }
}
