import type { Application, PermissionCatalog, ResolvedPermission, ServicePrincipal } from '../graph/types.ts';
import type { Settings } from '../settings/settings.ts';
import type { Change } from './changes.ts';
import type { DestinationView } from './holding.ts';
import { parseLedger } from './ledger.ts';
import { planApplication, type ApplicationPlan, type DesiredApplication } from './plan-application.ts';
import { isGarbage, type Verdict } from './retirement.ts';
import { planSecret, type SecretPlan } from './secret-plan.ts';

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
  readonly secret: SecretPlan;
  readonly consent: boolean;
  readonly changes: readonly Change[];
}

export function planRun(settings: Settings, actual: ActualState, destination: DestinationView, now: Date): RunPlan {
  const { registration } = settings;
  const desired: DesiredApplication = {
    displayName: registration.displayName,
    uniqueName: registration.uniqueName,
    signInAudience: registration.signInAudience,
    redirectUris: registration.redirectUris,
    graphPermissions: actual.permissions,
  };
  const application = planApplication(desired, actual.application);
  const state = {
    credentials: actual.application?.passwordCredentials ?? [],
    ledger: parseLedger(actual.application?.tags),
    signInAudience: actual.application?.signInAudience ?? null,
  };
  const secret = planSecret(settings, state, destination, now);
  const consent = registration.adminConsent && actual.permissions.length > 0;
  const changes: Change[] = [
    ...application.changes,
    ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' } as const]),
    ...(consent ? [consentChange(actual)] : []),
    ...secret.room.map(removalChange),
    ...secret.retire.filter((v) => isGarbage(v) && !secret.room.includes(v)).map(removalChange),
    ...(secret.rotate ? [addSecretChange(settings, secret.reason), ...deliverChange(settings)] : []),
    ...(settings.secret.phase === 'rotate' ? [] : secret.retire.filter((v) => !isGarbage(v)).map(removalChange)),
  ];
  return { desired, application, secret, consent, changes };
}

export function consentChange(actual: ActualState): Change {
  return { kind: 'grant-admin-consent', permissions: actual.permissions.map((p) => p.name) };
}

export function addSecretChange(settings: Settings, reason: string): Change {
  return { kind: 'add-client-secret', lifetimeDays: settings.secret.lifetimeDays, reason };
}

/** Writing to GitHub or a Key Vault is a change of its own; the step outputs are set in any case. */
export function deliverChange(settings: Settings): Change[] {
  const { delivery } = settings;
  if (delivery.target === 'none') return [];
  const names = delivery.target === 'key-vault' ? [delivery.secretName] : [delivery.names.clientId, delivery.names.tenantId, delivery.names.clientSecret];
  return [{ kind: 'deliver-secrets', destination: settings.destination.description, names }];
}

export function removalChange(verdict: Verdict): Change {
  const c = verdict.credential;
  return { kind: 'remove-client-secret', keyId: c.keyId, displayName: c.displayName, expiresAt: c.endDateTime, reason: verdict.why };
}
