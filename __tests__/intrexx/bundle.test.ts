/**
 * The bundled writer (intrexx/dist/index.js) run the way a GitHub runner runs it: a child process
 * with every input as INPUT_<NAME> (action.yml's defaults filled in), GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, and workflow commands on stdout. The secret may appear in stdout only
 * in the ::add-mask:: command, which must come first.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { staleBundle } from '../../intrexx/source-hash.mjs';
import { CLIENT_ID, fixture, OM_CFG, portalWith, ROOT, SECRET, TENANT } from './helpers.ts';

const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const BUNDLE = path.join(ROOT, 'intrexx', 'dist', 'index.js');

interface BundleRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  outputFile: string;
  summary: string;
}

/** name<<DELIMITER\nvalue\nDELIMITER, as @actions/core writes GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}

async function runBundle(inputs: Record<string, string>): Promise<BundleRun> {
  const stale = await staleBundle();
  if (stale) throw new Error(`${stale}: rebuild intrexx/dist (intrexx/README.md, "Building") before this test.`);
  const action = parse(readFileSync(path.join(ROOT, 'intrexx', 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const work = await mkdtemp(path.join(tmpdir(), 'intrexx-runner-'));
  const outputFile = path.join(work, 'output');
  const summaryFile = path.join(work, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_ACTIONS: 'true' };
  for (const [name, spec] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? spec.default ?? '';
  const child = spawn(NODE, [BUNDLE], { env, cwd: work });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const outputText = await readFile(outputFile, 'utf8');
  return { code, stdout, stderr, outputs: parseOutputs(outputText), outputFile: outputText, summary: await readFile(summaryFile, 'utf8') };
}

function expectSecretOnlyMasked(result: BundleRun): void {
  const lines = result.stdout.split('\n');
  expect(lines[0]).toBe(`::add-mask::${SECRET}`);
  expect(lines.slice(1).join('\n')).not.toContain(SECRET);
  for (const text of [result.stderr, result.outputFile, result.summary]) expect(text).not.toContain(SECRET);
}

describe('the bundled writer, run as a runner runs it', () => {
  test('writes om.cfg, reports outputs, and prints the secret nowhere', async () => {
    const dir = await portalWith({ [OM_CFG]: fixture('om-crlf.cfg') });
    const file = path.join(dir, OM_CFG);
    const result = await runBundle({ 'portal-dir': dir, target: 'om-cfg', provider: 'entra', 'client-id': CLIENT_ID, 'client-secret': SECRET, 'tenant-id': TENANT });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({ changed: 'true', files: file, backup: expect.stringMatching(/om\.cfg\.bak-\d{8}T\d{6}Z$/), restarted: 'false', 'planned-edits': '5' });
    expect(result.stdout).toContain('::group::Plan');
    expect(result.stdout).toContain('new client secret (value not shown)');
    expectSecretOnlyMasked(result);
    const written = await readFile(file);
    expect(written.toString()).toContain(`auth-client-secret='${SECRET}'`);
    expect(written.toString('latin1').replace(/\r\n/g, '')).not.toContain('\n');
    expect(await readFile(result.outputs.backup as string)).toEqual(fixture('om-crlf.cfg'));
  });

  test('refuses an encrypted-looking value: exit code 1, an ::error:: line, the secret nowhere', async () => {
    const dir = await portalWith({ [OM_CFG]: fixture('om-encrypted.cfg') });
    const result = await runBundle({ 'portal-dir': dir, target: 'om-cfg', provider: 'azure', 'client-id': CLIENT_ID, 'client-secret': SECRET });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::.*refusing to overwrite <oauth2 name="azure"> auth-client-secret/m);
    expect(result.outputs).toMatchObject({ changed: 'false', files: '', backup: '' });
    expectSecretOnlyMasked(result);
    expect(await readFile(path.join(dir, OM_CFG))).toEqual(fixture('om-encrypted.cfg'));
  });
});

describe('the SSH entry point (intrexx/stdin-secret.mjs)', () => {
  test('takes the secret from standard input, so it is on no command line', async () => {
    const stale = await staleBundle();
    if (stale) throw new Error(`${stale}: rebuild intrexx/dist before this test.`);
    const dir = await portalWith({ [path.join('internal', 'cfg', 'odata', 'connector', 'msoffice365_mail.xml')]: fixture('msoffice365_mail.xml') });
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, 'INPUT_PORTAL-DIR': dir, INPUT_TARGET: 'connector', INPUT_CONNECTOR: 'msoffice365_mail', 'INPUT_CLIENT-ID': CLIENT_ID };
    const child = spawn(NODE, [path.join(ROOT, 'intrexx', 'stdin-secret.mjs')], { env });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stdin.end(`${SECRET}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`::add-mask::${SECRET}`);
    expect(stdout.split('\n').slice(1).join('\n')).not.toContain(SECRET);
    const written = await readFile(path.join(dir, 'internal', 'cfg', 'odata', 'connector', 'msoffice365_mail.xml'), 'utf8');
    expect(written).toContain(`<property name="oauth2.clientSecret" value="${SECRET}" description=""/>`);
  });
});
