import type { Directory } from '../graph/directory.ts';
import type { Application, NewPasswordCredential, ServicePrincipal } from '../graph/types.ts';
import type { Change } from '../plan/changes.ts';
import { planApplication, type DesiredApplication } from '../plan/plan-application.ts';
import type { ActualState, RunPlan } from '../plan/plan-run.ts';
import type { Runtime } from '../runtime.ts';
import type { Settings } from '../settings/settings.ts';
import { addClientSecret, removeUndelivered } from './client-secret.ts';
import type { PreparedDelivery } from './deliver-secrets.ts';

export interface AppliedRegistration {
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly created: boolean;
  readonly changes: readonly Change[];
  /** The new secret, when the plan rotates; masked already. */
  readonly added: { secret: NewPasswordCredential; prepared: PreparedDelivery | undefined } | undefined;
}

/**
 * Executes the registration part of the plan: the one application write (or the create), then the
 * service principal and the new secret side by side, since each needs only the application.
 */
export async function applyRegistration(
  runtime: Runtime,
  settings: Settings,
  directory: Directory,
  plan: RunPlan,
  actual: ActualState,
  label: string,
  delivery: Promise<PreparedDelivery> | undefined,
): Promise<AppliedRegistration> {
  const result = await applyApplication(runtime, directory, plan.desired, actual.application, plan.application.write);
  const [principal, added] = await Promise.allSettled([
    actual.servicePrincipal ?? createServicePrincipal(runtime, directory, result.application, result.created),
    plan.rotation.rotate ? addClientSecret(runtime, settings, directory, result.application, result.created, label, delivery) : undefined,
  ]);
  if (principal.status === 'rejected') {
    // Without a service principal the secret cannot sign in: it goes before it is delivered anywhere.
    if (added.status === 'fulfilled' && added.value) await removeUndelivered(runtime, directory, result.application.id, added.value.secret.keyId);
    throw principal.reason;
  }
  if (added.status === 'rejected') throw added.reason;
  const changes: Change[] = [...result.changes, ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' } as const])];
  return { application: result.application, created: result.created, servicePrincipal: principal.value, added: added.value, changes };
}

async function applyApplication(
  runtime: Runtime,
  directory: Directory,
  desired: DesiredApplication,
  existing: Application | undefined,
  write: Record<string, unknown> | undefined,
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
