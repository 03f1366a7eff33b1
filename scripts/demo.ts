/**
 * `npm start`: runs the bundled action against the embedded emulator exactly as a runner would and
 * shows what it did: its log, its outputs (the secret masked), its job summary and the registration
 * the emulator now holds. Arguments override inputs: npm start -- --app-name "My portal" --portal-base-url https://…
 * Runs twice with --twice, to show that a second run changes only what it must; --help lists every option.
 */
import { execFileSync } from 'node:child_process';
import { startEmulator } from '../emulator/index.ts';
import { defaultSecretName } from '../src/settings/key-vault.ts';
import { deriveUniqueName } from '../src/settings/read-settings.ts';
import { DemoArgsError, parseDemoArgs, usage, type DemoArgs } from './demo-args.ts';
import { emulatorInputs, inputDefaults, ROOT, runAction, type ActionRun } from './run-action.ts';
import { staleDist } from './source-hash.mjs';
import { markdownToText } from './summary-text.ts';

/** Rebuilds dist/ only when it was built from other sources (by content, not by file times, which a fresh clone resets). */
async function buildIfNeeded(): Promise<void> {
  const stale = await staleDist();
  if (!stale) return;
  console.log(`Building dist/ (${stale})…`);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** The command line, checked against action.yml before anything runs; a usage error exits 2. */
async function readArgs(): Promise<DemoArgs | undefined> {
  const defaults = await inputDefaults();
  try {
    const args = parseDemoArgs(process.argv.slice(2), Object.keys(defaults));
    if (!args.help) return args;
    console.log(usage(defaults));
  } catch (err) {
    if (!(err instanceof DemoArgsError)) throw err;
    console.error(err.message);
    process.exitCode = 2;
  }
  return undefined;
}

/** The log as the Actions UI shows it: groups as headings, masked values as ***. */
function showLog(result: ActionRun, secrets: string[]): void {
  const mask = (text: string) => secrets.reduce((t, s) => (s ? t.split(s).join('***') : t), text);
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith('::debug::')) continue; // the runner shows these only with step debug logging
    if (line === '' || line === '::endgroup::' || line.startsWith('::add-mask::')) {
      if (line.startsWith('::add-mask::')) console.log('  (a secret was masked: every later mention prints as ***)');
      continue;
    }
    const group = /^::group::(.*)$/.exec(line);
    const command = /^::(warning|error|notice)[^:]*::(.*)$/.exec(line);
    if (group) console.log(`\n▶ ${group[1]}`);
    else if (command) console.log(`  ${command[1]!.toUpperCase()}: ${mask(command[2]!.replace(/%0A/g, '\n    '))}`);
    else console.log(`  ${mask(line)}`);
  }
  if (result.stderr.trim()) console.log(`stderr:\n${mask(result.stderr)}`);
}

/** The job summary (GITHUB_STEP_SUMMARY) as the run's page renders it, in terminal text. */
function showSummary(markdown: string): void {
  console.log('\nJob summary (GITHUB_STEP_SUMMARY, shown on the run\'s page):');
  const text = markdownToText(markdown);
  console.log(text ? text.replace(/^(?=.)/gm, '  ') : '  (empty)');
}

async function main(): Promise<void> {
  const args = await readArgs();
  if (!args) return;
  const { inputs: overrides, twice } = args;
  await buildIfNeeded();
  const emu = await startEmulator();
  try {
    const target = overrides['secrets-target'] ?? 'none';
    // Key Vault: the emulator's vault contoso-kv, on which the deployer gets Key Vault Secrets Officer.
    if (target === 'key-vault') emu.keyVault.grantRole(emu.keyVault.defaultVault.name, emu.deployer.clientId);
    const inputs: Record<string, string> = {
      ...emulatorInputs(emu),
      'portal-base-url': 'https://portal.example.com',
      'app-name': 'Intrexx demo portal',
      ...(target === 'key-vault' ? { 'key-vault-url': emu.urls.keyVault } : {}),
      ...(target !== 'none' && target !== 'key-vault' ? { 'github-token': emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' }) } : {}),
      ...overrides,
    };
    if (target === 'environment' && inputs['secrets-environment']) emu.github.addEnvironment('contoso/portal-infra', inputs['secrets-environment']);
    console.log(`Emulator: Entra ${emu.urls.authorityHost}, Graph ${emu.urls.graphEndpoint}, GitHub ${emu.urls.githubApiUrl}`);
    console.log(`Inputs: ${Object.entries(inputs).filter(([k]) => k !== 'github-token').map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);

    let exitCode = 0;
    for (let round = 1; round <= (twice ? 2 : 1); round++) {
      console.log(`\n━━━ Run ${round}: node dist/index.js (as a GitHub runner starts it) ━━━`);
      const result = await runAction({ inputs, env: emu.runnerEnv() });
      const secrets = [result.outputs['client-secret'] ?? '', ...emu.graph.applications().flatMap((a) => Object.values(emu.graph.secretTexts(a.id)))];
      showLog(result, secrets);
      console.log(`\nExit code ${result.exitCode} after ${Math.round(result.durationMs)} ms. Outputs:`);
      for (const [name, value] of Object.entries(result.outputs)) {
        const shown = name === 'client-secret' && value ? '*** (masked; set, usable by later steps of the job)' : value;
        console.log(`  ${name} = ${shown}`);
      }
      showSummary(result.summary);
      exitCode = result.exitCode;
    }

    console.log('\n━━━ What the emulated Entra ID now holds ━━━');
    const portalApps = emu.graph.applications().filter((a) => a.appId !== emu.deployer.clientId);
    for (const app of portalApps) {
      const { id, appId, displayName, uniqueName, signInAudience, isFallbackPublicClient, web, requiredResourceAccess, passwordCredentials } = app;
      const shown = { id, appId, displayName, uniqueName, signInAudience, isFallbackPublicClient, web, requiredResourceAccess, owners: emu.graph.owners(id) };
      console.log(JSON.stringify({ ...shown, passwordCredentials: passwordCredentials.map(({ keyId, displayName, endDateTime, hint }) => ({ keyId, displayName, endDateTime, hint })) }, null, 2));
    }
    console.log(`Service principals for it: ${emu.graph.servicePrincipals().filter((sp) => portalApps.some((a) => a.appId === sp.appId)).length}`);
    if (target === 'key-vault') {
      const name = inputs['key-vault-secret-name'] || defaultSecretName(inputs['unique-name'] || deriveUniqueName(inputs['app-name'] ?? ''));
      const versions = emu.keyVault.versions(emu.keyVault.defaultVault.name, name).map(({ version, contentType, tags, expires }) => ({ version, contentType, tags, expires }));
      console.log(`Key Vault ${emu.keyVault.defaultVault.name}, secret ${name} (values not shown): ${JSON.stringify(versions, null, 2)}`);
    } else if (target !== 'none') {
      const where = target === 'organization' ? { organization: 'contoso' } : target === 'environment' ? { repository: 'contoso/portal-infra', environment: inputs['secrets-environment'] ?? '' } : { repository: 'contoso/portal-infra' };
      console.log(`GitHub secrets in ${JSON.stringify(where)}: ${emu.github.secretNames(where).join(', ')}`);
    }
    const requests = emu.requests();
    const byService = requests.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.service]: (acc[r.service] ?? 0) + 1 }), {});
    console.log(`HTTP requests the action made${twice ? ' in both runs' : ''}: ${requests.length} (${Object.entries(byService).map(([s, n]) => `${s} ${n}`).join(', ')})`);
    process.exitCode = exitCode;
  } finally {
    await emu.close();
  }
}

await main();
