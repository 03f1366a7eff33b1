/** The writer end to end in-process: real files in a temp portal folder, a recording runtime, a fake command runner. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { run } from '../../src/intrexx/main.ts';
import type { Command, CommandResult } from '../../src/intrexx/restart.ts';
import { CLIENT_ID, CONNECTOR_DIR, fixture, OM_CFG, portalWith, recordingRuntime, SECRET, siblings, TENANT, type RecordingRuntime } from './helpers.ts';

const NOW = new Date('2025-03-04T05:06:07Z');

interface Harness {
  runtime: RecordingRuntime;
  commands: Command[];
  /** How many log lines existed when the secret was masked. */
  loggedBeforeMask: number | undefined;
}

async function writer(inputs: Record<string, string>, restartResult: CommandResult = { code: 0, output: '' }): Promise<Harness> {
  const runtime = recordingRuntime({ 'client-id': CLIENT_ID, 'client-secret': SECRET, 'tenant-id': TENANT, ...inputs });
  const harness: Harness = { runtime, commands: [], loggedBeforeMask: undefined };
  const mask = runtime.setSecret;
  runtime.setSecret = (value) => {
    harness.loggedBeforeMask ??= runtime.log.length;
    mask(value);
  };
  await run({
    runtime,
    runCommand: async (command) => {
      harness.commands.push(command);
      return restartResult;
    },
    now: () => NOW,
    sleep: async () => undefined,
    isRoot: true,
  });
  return harness;
}

let server: Server;
let portalUrl: string;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200).end('<html>Intrexx</html>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the writer, in-process', () => {
  test('writes om.cfg, keeps a backup, restarts the Linux unit and waits for the portal', async () => {
    const dir = await portalWith({ [OM_CFG]: fixture('om-lf.cfg') });
    const file = path.join(dir, OM_CFG);
    const { runtime, commands, loggedBeforeMask } = await writer({ 'portal-dir': dir, target: 'om-cfg', provider: 'azure', restart: 'linux', 'wait-url': portalUrl });
    expect(runtime.failure).toBeUndefined();
    expect(loggedBeforeMask).toBe(0);
    expect(runtime.masked).toEqual([SECRET]);
    expect(commands.map((c) => c.display)).toEqual(['systemctl restart upixp_testportal']);
    const backup = `${file}.bak-20250304T050607Z`;
    expect(runtime.outputs).toEqual({ changed: 'true', files: file, backup, restarted: 'true', 'planned-edits': '5' });
    expect(await readFile(backup)).toEqual(fixture('om-lf.cfg'));
    expect((await readFile(file)).toString()).toContain(`auth-client-secret="${SECRET}"`);
    expect(runtime.log).toContain('The portal answered HTTP 200 after 0 s (1 attempt).');
    expect(runtime.visible()).not.toContain(SECRET);
  });

  test('a second run with the same values changes nothing: no write, no backup, no restart', async () => {
    const dir = await portalWith({ [OM_CFG]: fixture('om-lf.cfg') });
    const inputs = { 'portal-dir': dir, target: 'om-cfg', provider: 'azure', restart: 'linux' };
    await writer(inputs);
    const file = path.join(dir, OM_CFG);
    const before = await readFile(file);
    const { runtime, commands } = await writer(inputs);
    expect(runtime.failure).toBeUndefined();
    expect(commands).toEqual([]);
    expect(runtime.outputs).toEqual({ changed: 'false', files: '', backup: '', restarted: 'false', 'planned-edits': '0' });
    expect(runtime.log).toContain(`${file}: already holds the desired values; nothing to write, no backup, no restart.`);
    expect(await readFile(file)).toEqual(before);
    expect(await siblings(file)).toHaveLength(2);
  });

  test('a dry run prints the plan and touches nothing', async () => {
    const dir = await portalWith({ [OM_CFG]: fixture('om-crlf.cfg') });
    const file = path.join(dir, OM_CFG);
    const { runtime, commands } = await writer({ 'portal-dir': dir, target: 'om-cfg', provider: 'entra', restart: 'linux', 'dry-run': 'true' });
    expect(runtime.log).toEqual(
      expect.arrayContaining([
        `${file}: 5 values to change`,
        `  line 7: <oauth2 name="entra"> auth-client-secret: new client secret (value not shown)`,
        `  line 8: <oauth2 name="entra"> auth-client-id: 00000000-0000-4000-8000-00000000aaaa → ${CLIENT_ID}`,
        'dry-run: nothing was written, backed up or restarted.',
      ]),
    );
    expect(runtime.outputs).toMatchObject({ changed: 'false', 'planned-edits': '5', restarted: 'false' });
    expect(commands).toEqual([]);
    expect(await readFile(file)).toEqual(fixture('om-crlf.cfg'));
    expect(await siblings(file)).toEqual(['om.cfg']);
    expect(runtime.summaries.join('')).toContain('Dry run: 5 value(s) would change; nothing was written.');
  });

  test('a connector file on Windows: restarts through PowerShell', async () => {
    const dir = await portalWith({ [path.join(CONNECTOR_DIR, 'msoffice365_mail.xml')]: fixture('msoffice365_mail.xml') });
    const { runtime, commands } = await writer({ 'portal-dir': dir, target: 'connector', connector: 'msoffice365_mail', restart: 'windows', 'portal-service': 'upixp_testportal' });
    expect(runtime.failure).toBeUndefined();
    expect(runtime.outputs).toMatchObject({ changed: 'true', restarted: 'true', 'planned-edits': '3' });
    expect(commands[0]?.args.at(-1)).toContain("Get-Service -Name 'upixp_testportal'");
    expect(runtime.log).toContain('warning: tenant-id is ignored with target: connector.');
  });

  test('an encrypted-looking secret is refused: the step fails and the folder is as it was', async () => {
    const dir = await portalWith({ [OM_CFG]: fixture('om-encrypted.cfg') });
    const file = path.join(dir, OM_CFG);
    const { runtime, commands } = await writer({ 'portal-dir': dir, target: 'om-cfg', provider: 'azure', restart: 'linux' });
    expect(runtime.failure).toMatch(new RegExp(`^${file} line 10: refusing to overwrite .*Nothing was changed\\.$`));
    expect(runtime.outputs).toMatchObject({ changed: 'false', backup: '' });
    expect(commands).toEqual([]);
    expect(await siblings(file)).toEqual(['om.cfg']);
    expect(runtime.visible()).not.toContain(SECRET);
  });

  test('a failed restart still reports the file it wrote and the backup', async () => {
    const dir = await portalWith({ [OM_CFG]: fixture('om-bom.cfg') });
    const file = path.join(dir, OM_CFG);
    const { runtime } = await writer({ 'portal-dir': dir, target: 'om-cfg', provider: 'zentrale', restart: 'linux' }, { code: 5, output: 'Unit upixp_testportal.service not found.' });
    expect(runtime.failure).toBe('Restarting the portal failed: systemctl restart upixp_testportal exited with 5: Unit upixp_testportal.service not found..');
    expect(runtime.outputs).toEqual({ changed: 'true', files: file, backup: `${file}.bak-20250304T050607Z`, restarted: 'false', 'planned-edits': '5' });
  });

  test('a missing om.cfg and bad inputs fail with what to fix', async () => {
    const dir = await portalWith({});
    const missing = await writer({ 'portal-dir': dir, target: 'om-cfg', provider: 'azure' });
    expect(missing.runtime.failure).toBe(`${path.join(dir, OM_CFG)} does not exist: portal-dir must be the portal's folder (the one holding internal/cfg, e.g. /opt/intrexx/org/<portal>).`);
    const bad = await writer({ 'portal-dir': dir, target: 'connector', 'client-secret': 'FAKE with spaces' });
    expect(bad.runtime.failure).toMatch(/connector is required[\s\S]*client-secret must be 1 to 255 printable ASCII/);
    expect(bad.runtime.outputs).toMatchObject({ changed: 'false', restarted: 'false' });
    expect(bad.runtime.visible()).not.toContain('FAKE with spaces');
  });
});
