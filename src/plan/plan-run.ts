import { destinationDescription } from '../github/secrets-api.ts';
import type { Application, PasswordCredential, PermissionCatalog, ServicePrincipal } from '../graph/types.ts';
import type { Settings } from '../settings/settings.ts';
import type { ResolvedPermission } from '../steps/resolve-permissions.ts';
import type { Change } from './changes.ts';
import { planApplication, type ApplicationPlan, type DesiredApplication } from './plan-application.ts';
import { decideRotation, plannedRemovals, type RotationDecision } from './rotation.ts';

/** What Entra holds now: everything the planner compares with. */
export interface ActualState {
  readonly application: Application | undefined;
  readonly foundBy: 'unique-name' | 'display-name' | undefined;
  readonly servicePrincipal: ServicePrincipal | undefined;
  readonly catalog: PermissionCatalog | undefined;
  readonly permissions: readonly ResolvedPermission[];
}

/** The whole run's plan: what dry-run prints and the job summary shows. Pure. */
export interface RunPlan {
  readonly desired: DesiredApplication;
  readonly application: ApplicationPlan;
  readonly rotation: RotationDecision;
  readonly consent: boolean;
  readonly changes: readonly Change[];
}

export function planRun(settings: Settings, actual: ActualState, now: Date): RunPlan {
  const { registration } = settings;
  const desired: DesiredApplication = {
    displayName: registration.displayName,
    uniqueName: registration.uniqueName,
    signInAudience: registration.signInAudience,
    redirectUris: registration.redirectUris,
    graphPermissions: actual.permissions,
  };
  const application = planApplication(desired, actual.application);
  const credentials = actual.application?.passwordCredentials ?? [];
  const rotation = decideRotation(credentials, settings.secret, now);
  const consent = registration.adminConsent && actual.permissions.length > 0;
  const changes: Change[] = [
    ...application.changes,
    ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' } as const]),
    ...(consent ? [consentChange(actual)] : []),
    ...(rotation.rotate ? secretChanges(settings, rotation.reason, plannedRemovals(credentials, settings.secret.keep, now)) : []),
  ];
  return { desired, application, rotation, consent, changes };
}

export function consentChange(actual: ActualState): Change {
  return { kind: 'grant-admin-consent', permissions: actual.permissions.map((p) => p.name) };
}

/** The secret's part of the plan, or of what was done: add, deliver, remove the ones beyond keep-secrets. */
export function secretChanges(settings: Settings, reason: string, removals: readonly PasswordCredential[]): Change[] {
  const changes: Change[] = [{ kind: 'add-client-secret', lifetimeDays: settings.secret.lifetimeDays, reason }];
  if (settings.delivery.target !== 'none') {
    const { names } = settings.delivery;
    changes.push({ kind: 'deliver-secrets', destination: destinationDescription(settings.delivery), names: [names.clientId, names.tenantId, names.clientSecret] });
  }
  for (const c of removals) changes.push({ kind: 'remove-client-secret', keyId: c.keyId, displayName: c.displayName, expiresAt: c.endDateTime });
  return changes;
}
