import { randomBytes } from 'node:crypto';
import { defaultServices, type RunContext, type Services } from './context.ts';
import type { EarlyRequests } from './entra/early-requests.ts';
import { ActionError, describeError } from './errors.ts';
import { describeChange, type Change } from './plan/changes.ts';
import type { DestinationView } from './plan/holding.ts';
import { secretLabel } from './plan/ledger.ts';
import { consentChange, planRun } from './plan/plan-run.ts';
import { publish, type RunResult } from './report/outputs.ts';
import { actionsRuntime, type Runtime } from './runtime.ts';
import type { PreparedDelivery } from './secret/deliver.ts';
import { describeHolding } from './secret/holdings.ts';
import { manageClientSecret } from './secret/lifecycle.ts';
import { SecretLifecycleFailed } from './secret/progress.ts';
import type { Settings } from './settings/settings.ts';
import { grantAdminConsent } from './steps/admin-consent.ts';
import { applyRegistration } from './steps/apply-registration.ts';
import { readRegistration } from './steps/read-registration.ts';

/** What a run has found out so far: published even when it fails. */
interface Report {
  result?: RunResult;
}

/** Settings → sign in → read → plan → apply → secret → outputs, one log group per phase. Never throws. */
export async function run(settings: Settings, early: EarlyRequests, runtime: Runtime = actionsRuntime(), services: Services = defaultServices): Promise<void> {
  const report: Report = {};
  try {
    await register({ settings, runtime, services }, early, report);
  } catch (error) {
    // What is known is still published, so the job shows what the run had changed before it failed.
    if (report.result) await publishFailure(runtime, settings, report.result, error);
    runtime.setFailed(describeError(error));
  }
}

async function register(start: Pick<RunContext, 'settings' | 'runtime' | 'services'>, early: EarlyRequests, report: Report): Promise<void> {
  const { settings, runtime, services } = start;
  // The destination's public key and metadata are read while Entra and Graph work; the plan needs them.
  const delivery = settings.delivery.target !== 'none' ? services.secretsDestination(settings.delivery, runtime.env.GITHUB_API_URL ?? 'https://api.github.com') : undefined;
  delivery?.catch(() => undefined);

  const signIn = await runtime.group('Sign in to Microsoft Graph', async () => {
    const { cloud } = settings;
    runtime.info(`Deployer identity ${settings.deployerClientId}, tenant ${settings.tenantId}, ${cloud.name} (${cloud.authorityHost}, ${cloud.graphEndpoint})`);
    // Every access token, the first and each refresh, is masked the moment it arrives.
    const result = await (early.signIn ?? services.signIn(settings, early, (token) => runtime.setSecret(token)));
    runtime.info('Signed in with the GitHub OIDC token (workload identity federation).');
    return result;
  });
  const label = secretLabel(settings.destination.id, { ...settings.run, invocation: randomBytes(3).toString('hex') });
  const ctx: RunContext = { ...start, directory: services.directory(settings, signIn, runtime), label, clock: () => runtime.now() };

  const actual = await runtime.group('Read the app registration', () => readRegistration(ctx));
  const prepared: PreparedDelivery | undefined = delivery ? await delivery : undefined;
  const destination: DestinationView = { ...settings.destination, secretUpdatedAt: prepared?.secretUpdatedAt ?? null };
  const plan = planRun(settings, actual, destination, ctx.clock());
  const secretNote = plan.secret.rotate ? undefined : `${settings.destination.description}: ${plan.secret.reason}`;
  await runtime.group('Plan', async () => {
    runtime.info(`Destination ${settings.destination.description} (ledger ID ${settings.destination.id}) holds: ${describeHolding(plan.secret.holding)}.`);
    if (plan.changes.length === 0) runtime.info('Nothing to change.');
    plan.changes.forEach((c) => runtime.info(`${settings.dryRun ? 'would ' : ''}${describeChange(c)}`));
    if (secretNote) runtime.info(`No new client secret: ${secretNote}.`);
  });
  report.result = { application: actual.application, created: false, changes: [], secret: undefined, secretNote, holdings: [] };
  if (plan.secret.blocked && !settings.dryRun) {
    throw new ActionError(`Cannot add a new client secret: ${plan.secret.blocked}`, {
      hint: 'Wait until a grace period ends, run with secret-phase: retire once the portal uses the secret it holds now, or remove a hand-made secret.',
    });
  }
  if (settings.dryRun) {
    await publish(runtime, settings, { ...report.result, changes: plan.changes });
    runtime.info('Dry run: nothing was written.');
    return;
  }

  const applied = await runtime.group('Apply the registration', () => applyRegistration(ctx, plan, actual));
  const changes: Change[] = [...applied.changes];
  report.result = { application: applied.application, created: applied.created, changes, secret: undefined, secretNote, holdings: [] };
  const { catalog } = actual;
  if (plan.consent && catalog) {
    await runtime.group('Grant admin consent', async () => {
      const granted = await grantAdminConsent(ctx, { servicePrincipalId: applied.servicePrincipal.id, clientId: applied.application.appId }, catalog, actual.permissions);
      if (granted) changes.push(consentChange(actual));
    });
  }

  try {
    const outcome = await manageClientSecret({ ...ctx, delivery: prepared, application: applied.application, created: applied.created }, plan.secret);
    changes.push(...outcome.progress.changes);
    report.result = { ...report.result, secret: outcome.secret, holdings: outcome.holdings };
  } catch (error) {
    if (error instanceof SecretLifecycleFailed) {
      changes.push(...error.progress.changes);
      report.result = { ...report.result, secret: error.progress.secret, holdings: error.holdings };
    }
    throw error;
  }
  await publish(runtime, settings, report.result);
}

async function publishFailure(runtime: Runtime, settings: Settings, result: RunResult, error: unknown): Promise<void> {
  try {
    await publish(runtime, settings, { ...result, failure: describeError(error) });
  } catch (publishError) {
    runtime.warning(`Could not write the outputs and job summary of the failed run: ${describeError(publishError)}`);
  }
}
