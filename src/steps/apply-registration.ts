import type { Directory } from '../graph/directory.ts';
import type { Application, ApplicationWrite, ServicePrincipal } from '../graph/types.ts';
import type { Change } from '../plan/changes.ts';
import { planApplication, type DesiredApplication } from '../plan/plan-application.ts';
import type { ActualState, RunPlan } from '../plan/plan-run.ts';
import type { Runtime } from '../runtime.ts';

export interface AppliedRegistration {
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly created: boolean;
  readonly changes: readonly Change[];
}

/** Executes the registration part of the plan: the one application write (or the create), then the service principal. */
export async function applyRegistration(runtime: Runtime, directory: Directory, plan: RunPlan, actual: ActualState): Promise<AppliedRegistration> {
  const result = await applyApplication(runtime, directory, plan.desired, actual.application, plan.application.write);
  const servicePrincipal = actual.servicePrincipal ?? (await createServicePrincipal(runtime, directory, result.application, result.created));
  const changes: Change[] = [...result.changes, ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' } as const])];
  return { application: result.application, created: result.created, servicePrincipal, changes };
}

async function applyApplication(
  runtime: Runtime,
  directory: Directory,
  desired: DesiredApplication,
  existing: Application | undefined,
  write: ApplicationWrite | undefined,
): Promise<{ application: Application; created: boolean; changes: readonly Change[] }> {
  if (existing) {
    if (!write) {
      runtime.info('The registration already matches.');
      return { application: existing, created: false, changes: [] };
    }
    await directory.updateApplication(existing.id, write);
    runtime.info(`Updated "${desired.displayName}".`);
    return { application: { ...existing, ...write } as Application, created: false, changes: planApplication(desired, existing).changes };
  }
  // The upsert by uniqueName is the race-free create: concurrent runs end with one application.
  // Should another run create it first, our body updates it (the same desired state) and we re-plan.
  const result = await directory.upsertByUniqueName(desired.uniqueName, write ?? {});
  if (result.created) {
    const application = result.application;
    runtime.info(`Created "${application.displayName}" (client ID ${application.appId}, object ID ${application.id}).`);
    return { application, created: true, changes: planApplication(desired, undefined).changes };
  }
  runtime.info(`Another run created uniqueName ${desired.uniqueName} at the same time; using that registration.`);
  const application = await directory.getByUniqueName(desired.uniqueName, { justCreated: true });
  const again = planApplication(desired, application);
  if (!again.write) return { application, created: false, changes: [] };
  await directory.updateApplication(application.id, again.write, { justCreated: true });
  return { application: { ...application, ...again.write } as Application, created: false, changes: again.changes };
}

async function createServicePrincipal(runtime: Runtime, directory: Directory, application: Application, created: boolean): Promise<ServicePrincipal> {
  const principal = await directory.createServicePrincipal(application.appId, { justCreated: created });
  runtime.info(`Created the service principal ${principal.id}.`);
  return principal;
}
