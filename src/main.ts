import { randomBytes } from 'node:crypto';
import { signInToGraph } from './entra/sign-in.ts';
import { describeError } from './errors.ts';
import { createDirectory, type Directory } from './graph/directory.ts';
import { createGraphHttp } from './graph/graph-http.ts';
import type { Application, ServicePrincipal } from './graph/types.ts';
import { describeChange, type Change } from './plan/changes.ts';
import { planApplication, type DesiredApplication } from './plan/plan-application.ts';
import { decideRotation, plannedRemovals, runLabel } from './plan/rotation.ts';
import { summaryMarkdown } from './report/summary.ts';
import { actionsRuntime, type Runtime } from './runtime.ts';
import type { Settings } from './settings/settings.ts';
import { grantAdminConsent } from './steps/admin-consent.ts';
import { addClientSecret, deliverVerifyAndPrune, removeUndelivered, type SecretOutcome } from './steps/client-secret.ts';
import { destinationDescription } from './github/secrets-api.ts';
import { prepareDelivery } from './steps/deliver-secrets.ts';
import { findRegistration } from './steps/find-registration.ts';
import { resolvePermissions } from './steps/resolve-permissions.ts';

/** Settings → sign in → read → plan → apply → secret → outputs. Never throws. */
export async function run(settings: Settings, idToken: () => Promise<string>, runtime: Runtime = actionsRuntime()): Promise<void> {
  try {
    await register(runtime, settings, idToken);
  } catch (error) {
    runtime.setFailed(describeError(error));
  }
}

async function register(runtime: Runtime, settings: Settings, idToken: () => Promise<string>): Promise<void> {
  const { registration } = settings;

  // The GitHub public key is read while Entra and Graph work; it is awaited before a secret is made.
  const delivery =
    settings.delivery.target !== 'none' && !settings.dryRun
      ? prepareDelivery(settings.delivery, runtime.env.GITHUB_API_URL ?? 'https://api.github.com')
      : undefined;
  delivery?.catch(() => undefined);

  const signIn = await runtime.group('Sign in to Microsoft Graph', async () => {
    runtime.info(`Deployer identity ${settings.deployerClientId}, tenant ${settings.tenantId}, ${settings.cloud.name} (${settings.cloud.authorityHost}, ${settings.cloud.graphEndpoint})`);
    const result = await signInToGraph(settings, idToken);
    runtime.info('Signed in with the GitHub OIDC token (workload identity federation).');
    return result;
  });
  const directory = createDirectory({
    http: createGraphHttp(settings.cloud.graphEndpoint, signIn.getAccessToken),
    warn: (m) => runtime.warning(m),
    mask: (s) => runtime.setSecret(s),
  });

  const actual = await runtime.group('Read the app registration', async () => {
    const [found, catalog] = await Promise.all([
      findRegistration(directory, settings, (m) => runtime.warning(m)),
      registration.apiPermissions.length > 0 ? directory.graphPermissionCatalog() : undefined,
    ]);
    const permissions = catalog ? resolvePermissions(registration.apiPermissions, catalog) : [];
    const servicePrincipal = found.application ? await directory.findServicePrincipal(found.application.appId) : undefined;
    const app = found.application;
    runtime.info(
      app
        ? `Found "${app.displayName}" (client ID ${app.appId}, object ID ${app.id}) by ${found.foundBy}; service principal ${servicePrincipal ? servicePrincipal.id : 'missing'}.`
        : `No app registration with uniqueName ${registration.uniqueName} or display name "${registration.displayName}" exists.`,
    );
    return { ...found, catalog, permissions, servicePrincipal };
  });

  const desired: DesiredApplication = {
    displayName: registration.displayName,
    uniqueName: registration.uniqueName,
    signInAudience: registration.signInAudience,
    redirectUris: registration.redirectUris,
    graphPermissions: actual.permissions,
  };
  const applicationPlan = planApplication(desired, actual.application);
  const credentials = actual.application?.passwordCredentials ?? [];
  const rotation = decideRotation(credentials, settings.secret, runtime.now());
  const consent = registration.adminConsent && actual.permissions.length > 0;

  const plan: Change[] = [
    ...applicationPlan.changes,
    ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' } as const]),
    ...(consent ? [{ kind: 'grant-admin-consent', permissions: actual.permissions.map((p) => p.name) } as const] : []),
    ...(rotation.rotate ? secretChanges(settings, credentials, runtime.now(), rotation.reason) : []),
  ];
  await runtime.group('Plan', async () => {
    if (plan.length === 0) runtime.info('Nothing to change.');
    plan.forEach((c) => runtime.info(`${settings.dryRun ? 'would ' : ''}${describeChange(c)}`));
    if (!rotation.rotate) runtime.info(`No new client secret: ${rotation.reason}.`);
  });

  if (settings.dryRun) {
    const app = actual.application;
    report(runtime, settings, { application: app, created: false, changes: plan, secret: undefined, secretNote: rotation.rotate ? 'a new secret would be added' : rotation.reason });
    await runtime.writeSummary(summaryMarkdown(reportOf(settings, app, plan, undefined, rotation.rotate ? undefined : rotation.reason)));
    runtime.info('Dry run: nothing was written.');
    return;
  }

  const label = runLabel({ ...settings.run, invocation: randomBytes(3).toString('hex') });
  const applied = await runtime.group('Apply the registration', async () => {
    const result = await applyApplication(runtime, directory, desired, actual.application, applicationPlan.write);
    // The service principal and the new secret each need only the application: made side by side.
    const [principal, added] = await Promise.allSettled([
      actual.servicePrincipal ?? createServicePrincipal(runtime, directory, result.application, result.created),
      rotation.rotate ? addClientSecret(runtime, settings, directory, result.application, result.created, label, delivery) : undefined,
    ]);
    if (principal.status === 'rejected') {
      if (added.status === 'fulfilled' && added.value) await removeUndelivered(runtime, directory, result.application.id, added.value.secret.keyId);
      throw principal.reason;
    }
    if (added.status === 'rejected') throw added.reason;
    const changes: Change[] = [...result.changes, ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' } as const])];
    return { ...result, servicePrincipal: principal.value, added: added.value, changes };
  });
  const changes: Change[] = [...applied.changes];
  if (consent && actual.catalog) {
    const catalog = actual.catalog;
    await runtime.group('Grant admin consent', async () => {
      if (await grantAdminConsent(runtime, settings, directory, applied.servicePrincipal.id, applied.application.appId, catalog, actual.permissions)) {
        changes.push({ kind: 'grant-admin-consent', permissions: actual.permissions.map((p) => p.name) });
      }
    });
  }

  let outcome: SecretOutcome | undefined;
  if (applied.added) {
    const { secret, prepared } = applied.added;
    outcome = await deliverVerifyAndPrune(runtime, settings, directory, applied.application, applied.created, label, secret, prepared);
    changes.push({ kind: 'add-client-secret', lifetimeDays: settings.secret.lifetimeDays, reason: rotation.reason });
    if (settings.delivery.target !== 'none') {
      const { names } = settings.delivery;
      changes.push({ kind: 'deliver-secrets', destination: destinationDescription(settings.delivery), names: [names.clientId, names.tenantId, names.clientSecret] });
    }
    changes.push(...outcome.removed.map((c): Change => ({ kind: 'remove-client-secret', keyId: c.keyId, displayName: c.displayName, expiresAt: c.endDateTime })));
  }

  report(runtime, settings, { application: applied.application, created: applied.created, changes, secret: outcome?.secret, secretNote: rotation.rotate ? undefined : rotation.reason });
  await runtime.writeSummary(summaryMarkdown(reportOf(settings, applied.application, changes, outcome?.secret, rotation.rotate ? undefined : rotation.reason)));
}

function secretChanges(settings: Settings, credentials: Application['passwordCredentials'], now: Date, reason: string): Change[] {
  const changes: Change[] = [{ kind: 'add-client-secret', lifetimeDays: settings.secret.lifetimeDays, reason }];
  if (settings.delivery.target !== 'none') {
    const { names } = settings.delivery;
    changes.push({ kind: 'deliver-secrets', destination: destinationDescription(settings.delivery), names: [names.clientId, names.tenantId, names.clientSecret] });
  }
  for (const c of plannedRemovals(credentials, settings.secret.keep, now)) {
    changes.push({ kind: 'remove-client-secret', keyId: c.keyId, displayName: c.displayName, expiresAt: c.endDateTime });
  }
  return changes;
}

interface AppliedApplication {
  readonly application: Application;
  readonly created: boolean;
  readonly changes: readonly Change[];
}

async function applyApplication(
  runtime: Runtime,
  directory: Directory,
  desired: DesiredApplication,
  existing: Application | undefined,
  write: Record<string, unknown> | undefined,
): Promise<AppliedApplication> {
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

function report(
  runtime: Runtime,
  settings: Settings,
  r: { application: Application | undefined; created: boolean; changes: readonly Change[]; secret: SecretOutcome['secret'] | undefined; secretNote: string | undefined },
): void {
  const app = r.application;
  const redirectUris = app?.web?.redirectUris ?? [];
  runtime.setOutput('client-id', app?.appId ?? '');
  runtime.setOutput('tenant-id', settings.tenantId);
  runtime.setOutput('object-id', app?.id ?? '');
  runtime.setOutput('redirect-uris', JSON.stringify(redirectUris));
  // Delivered as GitHub secrets, the value stays out of the step's outputs.
  runtime.setOutput('client-secret', r.secret && settings.delivery.target === 'none' ? r.secret.secretText : '');
  runtime.setOutput('secret-key-id', r.secret?.keyId ?? '');
  runtime.setOutput('secret-expires-at', r.secret?.endDateTime ?? '');
  runtime.setOutput('created', String(r.created));
  runtime.setOutput('changes', JSON.stringify(r.changes));
}

function reportOf(settings: Settings, app: Application | undefined, changes: readonly Change[], secret: SecretOutcome['secret'] | undefined, note: string | undefined) {
  return {
    displayName: app?.displayName ?? settings.registration.displayName,
    clientId: app?.appId,
    objectId: app?.id,
    tenantId: settings.tenantId,
    cloud: settings.cloud,
    redirectUris: app?.web?.redirectUris ?? [],
    changes,
    dryRun: settings.dryRun,
    secret: secret ? { keyId: secret.keyId, expiresAt: secret.endDateTime } : undefined,
    secretNote: note,
  };
}
