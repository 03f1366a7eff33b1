import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyEdits, applyPlan, backupPath } from '../../src/intrexx/apply.ts';
import { planFile } from '../../src/intrexx/plan.ts';
import { CLIENT_ID, fixture, OM_CFG, portalWith, SECRET, siblings, TENANT } from './helpers.ts';

const NOW = new Date('2025-01-02T03:04:05.678Z');
const DESIRED = { clientId: CLIENT_ID, clientSecret: SECRET, tenantId: TENANT };

async function planned(fixtureName: string, provider: string) {
  const dir = await portalWith({ [OM_CFG]: fixture(fixtureName) });
  const file = path.join(dir, OM_CFG);
  const original = await readFile(file);
  return { file, original, plan: planFile({ file, bytes: original, target: { kind: 'om-cfg', provider }, desired: DESIRED }) };
}

describe('applyPlan', () => {
  test('writes exactly the planned bytes and keeps a backup equal to the original bytes', async () => {
    const { file, original, plan } = await planned('om-crlf.cfg', 'entra');
    const written = await applyPlan(plan, original, NOW);
    expect(written).toEqual({ file, backup: `${file}.bak-20250102T030405Z` });
    expect(await readFile(file)).toEqual(applyEdits(original, plan.edits));
    expect(await readFile(written.backup)).toEqual(original);
  });

  test('leaves no temporary file behind: the folder holds the file and its backup only', async () => {
    const { file, original, plan } = await planned('om-lf.cfg', 'azure');
    await applyPlan(plan, original, NOW);
    expect(await siblings(file)).toEqual(['om.cfg', 'om.cfg.bak-20250102T030405Z']);
  });

  test('the new file and the backup keep the original mode', async () => {
    const { file, original, plan } = await planned('om-lf.cfg', 'azure');
    await chmod(file, 0o640);
    const { backup } = await applyPlan(plan, original, NOW);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect((await stat(backup)).mode & 0o777).toBe(0o640);
  });

  test('a second write in the same second gets its own backup instead of overwriting the first', async () => {
    const { file, original, plan } = await planned('om-lf.cfg', 'azure');
    const first = await applyPlan(plan, original, NOW);
    const again = await readFile(file);
    const other = planFile({ file, bytes: again, target: { kind: 'om-cfg', provider: 'azure' }, desired: { ...DESIRED, clientSecret: `${SECRET}-next` } });
    const second = await applyPlan(other, again, NOW);
    expect(second.backup).toBe(`${first.backup}-2`);
    expect(await readFile(first.backup)).toEqual(original);
    expect(await readFile(second.backup)).toEqual(again);
  });

  test('a file changed by someone else after it was read is left as it is: no write, no backup, no temp file', async () => {
    const { file, original, plan } = await planned('om-lf.cfg', 'azure');
    const theirs = Buffer.concat([original, Buffer.from('<!-- saved by the Portal Manager -->\n')]);
    await writeFile(file, theirs);
    await expect(applyPlan(plan, original, NOW)).rejects.toThrow(/changed while the writer was working.*Nothing was changed/);
    expect(await readFile(file)).toEqual(theirs);
    expect(await siblings(file)).toEqual(['om.cfg']);
  });

  test('backup names sort by time and end in neither .cfg nor .xml', () => {
    expect(backupPath('/p/internal/cfg/odata/connector/msoffice365_mail.xml', NOW)).toBe('/p/internal/cfg/odata/connector/msoffice365_mail.xml.bak-20250102T030405Z');
    expect(backupPath('/p/om.cfg', NOW, 3)).toBe('/p/om.cfg.bak-20250102T030405Z-3');
  });
});
