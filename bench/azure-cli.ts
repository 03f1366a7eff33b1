/**
 * The action's create job against the Azure CLI doing the same job on the same emulator, alternated
 * (action, az, action, az, …), each on a fresh emulator at 0 ms injected latency.
 *
 * The Azure CLI's job is what a workflow without the action runs: federated login with the job's ID
 * token, `az ad app create` (display name, web redirect URI, public client flows on), `az ad sp
 * create`, `az ad app credential reset --append`. Timed from spawning `az login` to the exit of the
 * last command. Not timed: registering the emulator as a custom cloud (a real workflow uses the
 * built-in AzureCloud), and fetching the ID token (minted in-process; the action fetches its own
 * over HTTP inside its timed run), both of which favour the Azure CLI.
 */
import type { Emulator } from '../emulator/index.ts';
import { ARM_AUDIENCE, AZ_INSTALL_HINT, AzureCli, EMULATOR_CLOUD, federatedLoginArgs, findAz } from '../scripts/azure-cli.ts';
import { epochNow } from '../scripts/run-action.ts';
import { startEmulator } from '../emulator/index.ts';
import type { AzureCliFigures, AzurePair } from './figures.ts';
import { measureRun } from './measure.ts';
import { APP_NAME, REDIRECT_URI, SCENARIOS } from './scenarios.ts';

/** Runs the Azure CLI's create job on `emu`; returns its duration after checking what it left behind. */
async function azCreateJob(az: AzureCli, emu: Emulator): Promise<number> {
  await az.registerCloud(emu, EMULATOR_CLOUD, emu.urls.resourceManager, ARM_AUDIENCE);
  const idToken = emu.idToken('api://AzureADTokenExchange');
  const started = epochNow();
  await az.json(federatedLoginArgs(emu, idToken), emu);
  const app = await az.json<{ appId: string }>(['ad', 'app', 'create', '--display-name', APP_NAME, '--web-redirect-uris', REDIRECT_URI, '--is-fallback-public-client', 'true'], emu);
  await az.json(['ad', 'sp', 'create', '--id', app.appId], emu);
  await az.json(['ad', 'app', 'credential', 'reset', '--id', app.appId, '--append'], emu);
  const ended = epochNow();
  const held = emu.graph.application(app.appId);
  const sps = emu.graph.servicePrincipals().filter((s) => s.appId === app.appId);
  if (held?.web?.redirectUris?.[0] !== REDIRECT_URI || held.isFallbackPublicClient !== true || held.passwordCredentials?.length !== 1 || sps.length !== 1) {
    throw new Error(`the Azure CLI's create job did not leave the registration expected: ${JSON.stringify(held)}`);
  }
  return ended - started;
}

async function azPairHalf(azPath: string): Promise<number> {
  const emu = await startEmulator({ latencyMs: 0 });
  const az = await AzureCli.create(azPath, emu);
  try {
    return await azCreateJob(az, emu);
  } finally {
    await az.dispose();
    await emu.close();
  }
}

/**
 * `pairs` alternated runs. Without `az` on PATH, or when `az` itself fails, the comparison is
 * skipped with the reason (never a failure of the benchmark: the Azure CLI is not what is measured).
 */
export async function compareWithAzureCli(pairs: number, progress: (line: string) => void): Promise<AzureCliFigures> {
  if (pairs === 0) return { skipped: '--pairs 0' };
  const azPath = findAz();
  if (!azPath) {
    progress(`\`az\` is not on PATH: ${AZ_INSTALL_HINT}`);
    return { skipped: `\`az\` is not on PATH: ${AZ_INSTALL_HINT}` };
  }
  const create = SCENARIOS.find((s) => s.id === 'create')!;
  const done: AzurePair[] = [];
  for (let i = 0; i < pairs; i++) {
    const actionMs = (await measureRun(create, 0)).sample.wallMs;
    let azMs: number;
    try {
      azMs = await azPairHalf(azPath);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      progress(`the Azure CLI failed, comparison skipped:\n${message}`);
      return { skipped: `${azPath} failed: ${message.split('\n')[0]}` };
    }
    done.push({ actionMs, azMs });
    progress(`pair ${i + 1}/${pairs}: action ${Math.round(actionMs)} ms, az ${Math.round(azMs)} ms`);
  }
  return { az: azPath, pairs: done };
}
