import { randomBytes } from 'node:crypto';
import { defaultServices, idTokenSource, type RunContext, type Services } from './context.ts';
import { ActionError, describeError } from './errors.ts';
import { describeChange, type Change } from './plan/changes.ts';
import { deadlineWarnings, reconfigureBy, type Deadline } from './plan/deadlines.ts';
import type { DestinationView } from './plan/holding.ts';
import { secretLabel } from './plan/ledger.ts';
import { consentChange, planRun } from './plan/plan-run.ts';
import { deadlineLine, publish, type RunResult } from './report/outputs.ts';
import { actionsRuntime, type Runtime } from './runtime.ts';
import type { PreparedDelivery } from './secret/github-delivery.ts';
import { describeHolding } from './secret/holdings.ts';
import { liveSecretLife } from './secret/life.ts';
import type { SecretOutcome } from './secret/stages.ts';
import { customEndpointWarnings } from './settings/endpoints.ts';
import { keyVaultWarnings } from './settings/key-vault.ts';
import { readSettings, unexpectedInputsWarning } from './settings/read-settings.ts';
import type { Settings } from './settings/settings.ts';
import { checkTransport, githubApiUrl } from './settings/transport.ts';
import { refuseMisspeltInputs } from './settings/unknown-inputs.ts';
import { grantAdminConsent, applyRegistration } from './steps/apply-registration.ts';
import { readRegistration } from './steps/read-registration.ts';

/** What a run has found out so far: published even when it fails. */
interface Report {
  result?: RunResult;
}

/** The action: inputs → settings → run. Bad input fails the step before any request. Never throws. */
export async function runAction(runtime: Runtime = actionsRuntime(), services: Services = defaultServices): Promise<void> {
  // The runner passes unknown `with:` keys and only warns: the action names them too, and fails for one
  // close to a known input (a misspelling), whose value the run would otherwise ignore.
  const unexpected = unexpectedInputsWarning(runtime.env);
  if (unexpected) runtime.warning(unexpected);
  let settings: Settings;
  try {
    settings = refuseMisspeltInputs(runtime.env, () => readSettings((name) => runtime.getInput(name), runtime.env));
    checkTransport(runtime.env, settings.delivery);
  } catch (error) {
    runtime.setFailed(describeError(error));
    return;
  }
  for (const warning of [...customEndpointWarnings(settings.cloud), ...keyVaultWarnings(settings.delivery)]) runtime.warning(warning);
  // The runner masks secrets it passes in, but a token minted by an earlier step may not be.
  if (settings.delivery.target !== 'none' && settings.delivery.target !== 'key-vault') runtime.setSecret(settings.delivery.token);
  await run(settings, runtime, services);
}

/** Settings → sign in → read → plan → apply → secret → outputs, one log group per phase. Never throws. */
export async function run(settings: Settings, runtime: Runtime = actionsRuntime(), services: Services = defaultServices): Promise<void> {
  const report: Report = {};
  try {
    await register({ settings, runtime, services }, report);
  } catch (error) {
    // What is known is still published, so the job shows what the run had changed before it failed.
    if (report.result) await publishFailure(runtime, settings, report.result, error);
    runtime.setFailed(describeError(error));
  }
}

async function register(start: Pick<RunContext, 'settings' | 'runtime' | 'services'>, report: Report): Promise<void> {
  const { settings, runtime, services } = start;
  // The destination's public key and metadata are read while Entra and Graph work; the plan needs them.
  // A Key Vault is read as the deployer identity, with the same GitHub OIDC token (fetched once).
  const idToken = idTokenSource(settings, services, runtime.env);
  const deployer = { tenantId: settings.tenantId, clientId: settings.deployerClientId, authorityHost: settings.cloud.authorityHost, idToken, mask: (t: string) => runtime.setSecret(t) };
  const delivery = settings.delivery.target !== 'none' ? services.secretsDestination(settings.delivery, githubApiUrl(runtime.env), deployer) : undefined;
  delivery?.catch(() => undefined);

  const signIn = await runtime.group('Sign in to Microsoft Graph', async () => {
    const { cloud } = settings;
    runtime.info(`Deployer identity ${settings.deployerClientId}, tenant ${settings.tenantId}, ${cloud.name} (${cloud.authorityHost}, ${cloud.graphEndpoint})`);
    // Every access token, the first and each refresh, is masked the moment it arrives.
    const result = await services.signIn(settings, idToken, (token) => runtime.setSecret(token));
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
  report.result = { application: actual.application, created: false, changes: [], secret: undefined, secretNote, holdings: [], otherOwners: actual.otherOwners };
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
  report.result = { application: applied.application, created: applied.created, changes, secret: undefined, secretNote, holdings: [], otherOwners: actual.otherOwners };
  const { catalog } = actual;
  if (plan.consent && catalog) {
    await runtime.group('Grant admin consent', async () => {
      const granted = await grantAdminConsent(ctx, { servicePrincipalId: applied.servicePrincipal.id, clientId: applied.application.appId }, catalog, actual.permissions);
      if (granted) changes.push(consentChange(actual));
    });
  }

  const outcome = await liveSecretLife({ ...ctx, delivery: prepared, application: applied.application, created: applied.created }, plan.secret);
  changes.push(...outcome.changes);
  const deadline = deadlineOf(settings, outcome, ctx.clock());
  if (deadline.by) runtime.info(deadlineLine(deadline.by, settings.destination.description));
  deadline.warnings.forEach((w) => runtime.warning(w));
  report.result = { ...report.result, secret: outcome.secret, holdings: outcome.holdings, rotated: outcome.secret !== undefined, reconfigureBy: deadline.by };
  if (outcome.failure !== undefined) throw secretFailure(outcome);
  await publish(runtime, settings, report.result);
}

/** By when the portal must run on the new secret, and the warnings for secrets close to their end. */
function deadlineOf(settings: Settings, outcome: SecretOutcome, now: Date): { by: Deadline | undefined; warnings: string[] } {
  const { credentials, ledger } = outcome.state;
  const by = outcome.secret ? reconfigureBy(ledger, credentials, { destination: settings.destination.id, keyId: outcome.secret.keyId, rules: settings.secret }) : undefined;
  return { by, warnings: deadlineWarnings(ledger, credentials, now) };
}

/** The failure of the secret's life as the step reports it: what went wrong, and what each destination holds. */
function secretFailure(outcome: SecretOutcome): ActionError {
  const { failure, holdings } = outcome;
  const text = failure instanceof Error ? failure.message : String(failure);
  return new ActionError(`${text}\nWhat each destination holds now:\n${holdings.map((h) => `  - ${h}`).join('\n')}`, {
    hint: failure instanceof ActionError ? failure.hint : undefined,
    cause: failure,
  });
}

async function publishFailure(runtime: Runtime, settings: Settings, result: RunResult, error: unknown): Promise<void> {
  try {
    await publish(runtime, settings, { ...result, failure: describeError(error) });
  } catch (publishError) {
    runtime.warning(`Could not write the outputs and job summary of the failed run: ${describeError(publishError)}`);
  }
}
