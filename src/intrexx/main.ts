/**
 * The writer: inputs → settings → read → plan → (dry run stops here) → backup and atomic write →
 * restart → wait for the portal. One log group per phase; outputs and the job summary are published
 * whatever happens, so a failed restart still reports the file it changed and the backup.
 */
import { applyPlan } from './apply.ts';
import { describeError } from './errors.ts';
import { planFile, type FilePlan } from './plan.ts';
import { emptyOutcome, outputs, planLines, summaryMarkdown, type Outcome } from './report.ts';
import { restartPortal, runCommand, type CommandRunner } from './restart.ts';
import { actionsRuntime, type Runtime } from './runtime.ts';
import { parseSettings, type Settings } from './settings.ts';
import { readTarget, targetFile } from './target-file.ts';
import { waitForPortal } from './wait.ts';

/** Everything the writer touches outside the file system; tests replace any of them. */
export interface Deps {
  readonly runtime: Runtime;
  readonly runCommand: CommandRunner;
  readonly fetch: typeof fetch;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly isRoot: boolean;
}

export function defaultDeps(): Deps {
  return {
    runtime: actionsRuntime(),
    runCommand,
    fetch: (...args) => fetch(...args),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    isRoot: process.getuid?.() === 0,
  };
}

/** Never throws: a failure fails the step with a message that names the file and never a secret. */
export async function run(overrides: Partial<Deps> = {}): Promise<void> {
  const deps: Deps = { ...defaultDeps(), ...overrides };
  const { runtime } = deps;
  // Masked before anything else happens, so no later line (log, error, summary) can show it.
  const secret = runtime.getInput('client-secret').trim();
  if (secret) runtime.setSecret(secret);

  let settings: Settings;
  try {
    settings = parseSettings((name) => runtime.getInput(name));
  } catch (error) {
    await publish(runtime, { outcome: emptyOutcome(false), failure: describeError(error) });
    return;
  }
  for (const warning of settings.warnings) runtime.warning(warning);

  const outcome = emptyOutcome(settings.dryRun);
  const state: { plan?: FilePlan } = {};
  try {
    await write(settings, deps, { outcome, state });
    await publish(runtime, { outcome, plan: state.plan });
  } catch (error) {
    await publish(runtime, { outcome, plan: state.plan, failure: describeError(error) });
  }
}

async function write(settings: Settings, deps: Deps, report: { outcome: Outcome; state: { plan?: FilePlan } }): Promise<void> {
  const { runtime } = deps;
  const { outcome } = report;
  const file = targetFile(settings.portalDir, settings.target);
  const original = await runtime.group(`Read ${file}`, () => readTarget(file, settings.target));
  const plan = await runtime.group('Plan', async () => {
    const planned = planFile({ file, bytes: original, target: settings.target, desired: settings.desired });
    for (const line of planLines(planned)) runtime.info(line);
    return planned;
  });
  report.state.plan = plan;
  outcome.plannedEdits = plan.edits.length;
  if (plan.edits.length === 0) return;
  if (settings.dryRun) {
    runtime.info('dry-run: nothing was written, backed up or restarted.');
    return;
  }

  const written = await runtime.group(`Write ${file}`, async () => {
    const result = await applyPlan(plan, original, deps.now());
    runtime.info(`Wrote ${file} atomically; the previous content is in ${result.backup}.`);
    return result;
  });
  Object.assign(outcome, { changed: true, files: [written.file], backups: [written.backup] });

  const { restart, wait } = settings;
  if (!restart) {
    runtime.info('restart: none. Intrexx reads the new values when the portal service next starts.');
    return;
  }
  await runtime.group(`Restart ${restart.service}`, async () => {
    const command = await restartPortal(restart, deps.runCommand, deps.isRoot);
    runtime.info(`Ran: ${command.display}`);
  });
  outcome.restarted = true;
  if (!wait) return;
  await runtime.group(`Wait for ${wait.url}`, async () => {
    const up = await waitForPortal(wait, { fetch: deps.fetch, now: () => deps.now().getTime(), sleep: deps.sleep });
    runtime.info(`The portal answered HTTP ${up.status} after ${up.seconds} s (${up.attempts} attempt${up.attempts === 1 ? '' : 's'}).`);
  });
}

async function publish(runtime: Runtime, result: { outcome: Outcome; plan?: FilePlan; failure?: string }): Promise<void> {
  for (const [name, value] of Object.entries(outputs(result.outcome))) runtime.setOutput(name, value);
  try {
    await runtime.writeSummary(summaryMarkdown(result.plan, result.outcome, result.failure));
  } catch (error) {
    runtime.warning(`Could not write the job summary: ${describeError(error)}`);
  }
  if (result.failure) runtime.setFailed(result.failure);
}
