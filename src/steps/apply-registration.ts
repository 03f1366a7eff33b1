import type { RunContext } from '../context.ts';
import type { Application, ServicePrincipal, PermissionCatalog } from '../graph/types.ts';
import type { Change } from '../plan/changes.ts';
import { planApplication, type ApplicationPlan, type DesiredApplication } from '../plan/plan-application.ts';
import type { ActualState, RunPlan } from '../plan/plan-run.ts';
import { isUniqueNameRefusal, refusalWarning, withoutAdoption, withoutUniqueName } from './unique-name-refusal.ts';
import { reportOwners } from './owners.ts';
import { describeError } from '../errors.ts';
import { GraphRequestError } from '../graph/graph-error.ts';
import type { ResolvedPermission } from './read-registration.ts';

export interface AppliedRegistration {
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly created: boolean;
  readonly changes: readonly Change[];
}

/** Executes the registration part of the plan: the plan's one application write (or the create), then the service principal. */
export async function applyRegistration(ctx: RunContext, plan: RunPlan, actual: ActualState): Promise<AppliedRegistration> {
  const result = await applyApplication(ctx, plan.desired, plan.application, actual.application);
  const servicePrincipal = actual.servicePrincipal ?? (await createServicePrincipal(ctx, result.application, result.created));
  const changes: Change[] = [...result.changes, ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' } as const])];
  return { application: result.application, created: result.created, servicePrincipal, changes };
}

/** Applies the planned write and reports the changes it applied; it plans again only when another run created the application first. */
async function applyApplication(
  ctx: RunContext,
  desired: DesiredApplication,
  planned: ApplicationPlan,
  existing: Application | undefined,
): Promise<{ application: Application; created: boolean; changes: readonly Change[] }> {
  const { runtime, directory } = ctx;
  const { write } = planned;
  if (existing) {
    if (!write) return { application: existing, created: false, changes: [] };
    try {
      await directory.updateApplication(existing.id, write);
    } catch (error) {
      if (typeof write.uniqueName !== 'string' || !isUniqueNameRefusal(error)) throw error;
      // Adopted without the key: the same write, minus uniqueName, plus the tag that remembers the refusal.
      runtime.warning(refusalWarning(existing, write.uniqueName, error));
      // PATCH replaces the whole tags collection: built from the tags as they are now, not as the run
      // found them, so a ledger fact another run wrote meanwhile is not lost.
      const fallback = withoutUniqueName(write, await directory.getApplication(existing.id));
      await directory.updateApplication(existing.id, fallback);
      runtime.info(`Updated "${desired.displayName}" without uniqueName.`);
      return { application: { ...existing, ...fallback }, created: false, changes: withoutAdoption(planned.changes) };
    }
    runtime.info(`Updated "${desired.displayName}".`);
    return { application: { ...existing, ...write }, created: false, changes: planned.changes };
  }
  // The upsert by uniqueName is the race-free create: concurrent runs end with one application.
  // Should another run create it first, our body updates it (the same desired state) and we re-plan.
  const result = await directory.upsertByUniqueName(desired.uniqueName, write ?? {});
  if (result.created) {
    const application = result.application;
    runtime.info(`Created "${application.displayName}" (client ID ${application.appId}, object ID ${application.id}).`);
    return { application, created: true, changes: planned.changes };
  }
  runtime.info(`Another run created uniqueName ${desired.uniqueName} at the same time; using that registration.`);
  const application = await directory.getByUniqueName(desired.uniqueName, { justCreated: true });
  // Found on this path too, so its owners are judged before any further write or a secret (./owners.ts).
  reportOwners(ctx, application, await directory.ownership(application.id, ctx.settings.deployerClientId), `uniqueName ${desired.uniqueName}, created at the same time`);
  const again = planApplication(desired, application);
  if (!again.write) return { application, created: false, changes: [] };
  await directory.updateApplication(application.id, again.write, { justCreated: true });
  return { application: { ...application, ...again.write }, created: false, changes: again.changes };
}

async function createServicePrincipal(ctx: RunContext, application: Application, created: boolean): Promise<ServicePrincipal> {
  const principal = await ctx.directory.createServicePrincipal(application.appId, { justCreated: created });
  ctx.runtime.info(`Created the service principal ${principal.id}.`);
  return principal;
}

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
