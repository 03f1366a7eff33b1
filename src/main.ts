import { randomBytes } from 'node:crypto';
import { signInToGraph } from './entra/sign-in.ts';
import { describeError } from './errors.ts';
import { createDirectory } from './graph/directory.ts';
import { createGraphHttp } from './graph/graph-http.ts';
import { describeChange, type Change } from './plan/changes.ts';
import { consentChange, planRun, secretChanges } from './plan/plan-run.ts';
import { runLabel } from './plan/rotation.ts';
import { publish } from './report/outputs.ts';
import { actionsRuntime, type Runtime } from './runtime.ts';
import type { Settings } from './settings/settings.ts';
import { grantAdminConsent } from './steps/admin-consent.ts';
import { applyRegistration } from './steps/apply-registration.ts';
import { deliverVerifyAndPrune } from './steps/client-secret.ts';
import { prepareDelivery } from './steps/deliver-secrets.ts';
import { readRegistration } from './steps/read-registration.ts';

/** Settings → sign in → read → plan → apply → secret → outputs, one log group per phase. Never throws. */
export async function run(settings: Settings, idToken: () => Promise<string>, runtime: Runtime = actionsRuntime()): Promise<void> {
  try {
    await register(runtime, settings, idToken);
  } catch (error) {
    runtime.setFailed(describeError(error));
  }
}

async function register(runtime: Runtime, settings: Settings, idToken: () => Promise<string>): Promise<void> {
  // The GitHub public key is read while Entra and Graph work; it is awaited before a secret is made.
  const delivery =
    settings.delivery.target !== 'none' && !settings.dryRun
      ? prepareDelivery(settings.delivery, runtime.env.GITHUB_API_URL ?? 'https://api.github.com')
      : undefined;
  delivery?.catch(() => undefined);

  const signIn = await runtime.group('Sign in to Microsoft Graph', async () => {
    const { cloud } = settings;
    runtime.info(`Deployer identity ${settings.deployerClientId}, tenant ${settings.tenantId}, ${cloud.name} (${cloud.authorityHost}, ${cloud.graphEndpoint})`);
    const result = await signInToGraph(settings, idToken);
    runtime.setSecret(await result.getAccessToken());
    runtime.info('Signed in with the GitHub OIDC token (workload identity federation).');
    return result;
  });
  const directory = createDirectory({
    http: createGraphHttp(settings.cloud.graphEndpoint, signIn.getAccessToken),
    warn: (m) => runtime.warning(m),
    mask: (s) => runtime.setSecret(s),
  });

  const actual = await runtime.group('Read the app registration', () => readRegistration(runtime, settings, directory));
  const plan = planRun(settings, actual, runtime.now());
  const { rotation } = plan;
  const secretNote = rotation.rotate ? undefined : rotation.reason;
  await runtime.group('Plan', async () => {
    if (plan.changes.length === 0) runtime.info('Nothing to change.');
    plan.changes.forEach((c) => runtime.info(`${settings.dryRun ? 'would ' : ''}${describeChange(c)}`));
    if (secretNote) runtime.info(`No new client secret: ${secretNote}.`);
  });
  if (settings.dryRun) {
    await publish(runtime, settings, { application: actual.application, created: false, changes: plan.changes, secret: undefined, secretNote });
    runtime.info('Dry run: nothing was written.');
    return;
  }

  const label = runLabel({ ...settings.run, invocation: randomBytes(3).toString('hex') });
  const applied = await runtime.group('Apply the registration', () => applyRegistration(runtime, settings, directory, plan, actual, label, delivery));
  const changes: Change[] = [...applied.changes];
  const { catalog } = actual;
  if (plan.consent && catalog) {
    await runtime.group('Grant admin consent', async () => {
      const granted = await grantAdminConsent(runtime, settings, directory, applied.servicePrincipal.id, applied.application.appId, catalog, actual.permissions);
      if (granted) changes.push(consentChange(actual));
    });
  }
  let secret;
  if (applied.added) {
    const outcome = await deliverVerifyAndPrune(runtime, settings, directory, applied.application, applied.created, label, applied.added.secret, applied.added.prepared);
    changes.push(...secretChanges(settings, rotation.reason, outcome.removed));
    secret = outcome.secret;
  }
  await publish(runtime, settings, { application: applied.application, created: applied.created, changes, secret, secretNote });
}
