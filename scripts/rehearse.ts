/**
 * `npm run rehearse`: the whole loop of a two-phase rotation, on this machine, against the embedded
 * emulator and a portal folder made from a fixture: (1) the first deployment (register, deliver a
 * secret, write it into the portal's om.cfg with the Intrexx configuration writer, confirm);
 * (2) a rotation with secret-phase rotate; (3) the writer on the portal folder; (4) secret-phase retire.
 * After each step it shows what the emulated Entra ID and the portal folder hold: key IDs and whether
 * the secret in om.cfg signs in, never a secret's value. --keep leaves the portal folder for a look.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { emulatorInputs, parseOutputFile, ROOT, runAction, spawnNode, type ActionRun } from './run-action.ts';
import { staleDist } from './source-hash.mjs';

const FIXTURE = path.join(ROOT, '__tests__', 'fixtures', 'intrexx', 'om-lf.cfg');
const WRITER = path.join(ROOT, 'intrexx', 'dist', 'index.js');

/** Runs the Intrexx configuration writer's bundle as a runner on the portal host would. */
async function writeIntoPortal(portalDir: string, values: Record<string, string>): Promise<Record<string, string>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'intrexx-writer-'));
  try {
    const output = path.join(dir, 'output');
    writeFileSync(output, '');
    const inputs = { 'portal-dir': portalDir, target: 'om-cfg', provider: 'azure', restart: 'none', ...values };
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const run = await spawnNode([WRITER], env);
    if (run.exitCode !== 0) throw new Error(`the writer failed:\n${run.stdout}${run.stderr}`);
    return parseOutputFile(readFileSync(output, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value of auth-client-secret in the portal's om.cfg (compared, never printed). */
function secretInPortal(portalDir: string): string {
  const text = readFileSync(path.join(portalDir, 'internal', 'cfg', 'om.cfg'), 'utf8');
  const azure = text.slice(text.lastIndexOf('<oauth2 name="azure">'));
  return /auth-client-secret="([^"]*)"/.exec(azure)?.[1] ?? '';
}

async function show(emu: Emulator, portalDir: string, title: string): Promise<void> {
  const app = emu.graph.applications().find((a) => a.appId !== emu.deployer.clientId);
  if (!app) return;
  const texts = emu.graph.secretTexts(app.id);
  const inPortal = secretInPortal(portalDir);
  const held = Object.entries(texts).find(([, text]) => text === inPortal)?.[0];
  console.log(`\n  ${title}`);
  console.log(`  Entra ID holds client secrets: ${app.passwordCredentials.map((c) => c.keyId).join(', ') || '(none)'}`);
  console.log(`  om.cfg holds: ${held ? `client secret ${held}` : 'a value Entra ID does not know'}; it signs in: ${held ? await emu.entra.signInWithSecret(app.appId, inPortal) : false}`);
}

function step(title: string, run: ActionRun): void {
  console.log(`\n━━━ ${title} ━━━`);
  const lines = run.stdout.split('\n').filter((l) => /^(Added|Removed|Keeping|Recorded|Reconfigure|No new)/.test(l) || l.startsWith('::error') || l.startsWith('::warning::Destination'));
  for (const line of lines) console.log(`  ${line}`);
  console.log(`  outputs: rotated=${run.outputs.rotated ?? ''} secret-key-id=${run.outputs['secret-key-id'] || '(none)'} reconfigure-by=${run.outputs['reconfigure-by'] || '(none)'}`);
  if (run.exitCode !== 0) throw new Error(`the action failed (exit ${run.exitCode})`);
}

async function main(): Promise<void> {
  const stale = process.env.ACTION_BUNDLE ? undefined : await staleDist();
  if (stale) throw new Error(`${stale}: run npm run build first.`);
  const portalDir = mkdtempSync(path.join(tmpdir(), 'intrexx-portal-'));
  cpSync(FIXTURE, path.join(portalDir, 'internal', 'cfg', 'om.cfg'));
  const emu = await startEmulator();
  try {
    const inputs = { ...emulatorInputs(emu), 'portal-base-url': 'https://intranet.example.org', 'app-name': 'Intrexx intranet', integrations: 'sso:azure', 'require-confirmation': 'true' };
    const action = (extra: Record<string, string>) => runAction({ inputs: { ...inputs, ...extra }, env: emu.runnerEnv() });
    const writer = async (run: ActionRun) => {
      const done = await writeIntoPortal(portalDir, { 'client-id': run.outputs['client-id']!, 'tenant-id': run.outputs['tenant-id']!, 'client-secret': run.outputs['client-secret']! });
      console.log(`\n━━━ Intrexx configuration writer on the portal folder ━━━\n  changed=${done.changed} files=${done.files} backup=${done.backup}`);
    };
    console.log(`Portal folder: ${portalDir} (om.cfg from ${path.relative(ROOT, FIXTURE)}); emulator: Entra ${emu.urls.authorityHost}, Graph ${emu.urls.graphEndpoint}`);

    const first = await action({ rotate: 'always' });
    step('1. First deployment: register and deliver to the step outputs', first);
    await writer(first);
    step('   …and confirm: the portal runs on it', await action({ 'secret-phase': 'confirm' }));
    await show(emu, portalDir, 'After the first deployment:');

    const rotation = await action({ rotate: 'always', 'secret-phase': 'rotate' });
    step('2. Rotation (secret-phase rotate): a new secret; the old one keeps working', rotation);
    await show(emu, portalDir, 'Before the writer runs, the portal still runs on the old secret:');
    await writer(rotation);
    await show(emu, portalDir, 'After the writer:');

    step('3. Retire (secret-phase retire): confirm, then remove what the portal no longer uses', await action({ 'secret-phase': 'retire' }));
    await show(emu, portalDir, 'After retiring:');
  } finally {
    await emu.close();
    if (process.argv.includes('--keep')) console.log(`\nThe portal folder stays: ${portalDir}`);
    else rmSync(portalDir, { recursive: true, force: true });
  }
}

await main();
