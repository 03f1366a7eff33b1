import { emulator, errorText, portalApps, run, writes, type Emulator } from './harness.ts';

// Ownership (issue 18): whichever way the action finds a registration (its uniqueName, the key the
// previous release derived, its display name), it reads the owners first, reports every owner other
// than the deployer, and refuses one that allowed-owners does not list unless allow-other-owners.

const USER = 'aaaaaaaa-0000-4000-8000-00000000d0e1';

describe('ownership of the registration', () => {
  let emu: Emulator;
  let squatterSp: string;
  beforeEach(async () => {
    emu = await emulator();
    // Someone else's application, whose service principal co-owns the squatted registration. Its name
    // tries to start a workflow command on a line of its own.
    const squatterApp = emu.graph.createApplication({ displayName: 'Squatter\n::warning::injected' }, { withServicePrincipal: true });
    squatterSp = String(emu.graph.servicePrincipals().find((sp) => sp.appId === squatterApp.appId)!.id);
  });
  afterEach(async () => {
    await emu.close();
  });

  /** Someone pre-creates the registration under the unique name the action derives and makes the deployer a co-owner. */
  const squat = (props: Record<string, unknown> = { uniqueName: 'intrexx-portal' }) =>
    emu.graph.createApplication({ displayName: 'Intrexx Portal', ...props }, { ownerIds: [USER, squatterSp, emu.deployer.servicePrincipalId], withServicePrincipal: true });

  const expectRefused = (result: Awaited<ReturnType<typeof run>>, app: { id: string; appId: string }, named: string[], notNamed: string[] = []) => {
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toContain(`client ID ${app.appId}`);
    for (const id of named) expect(error).toContain(id);
    for (const id of notNamed) expect(error).not.toContain(id);
    expect(error).toContain('can add client secrets of its own');
    expect(error).toContain('allowed-owners');
    expect(error).toContain('allow-other-owners: true');
    // Nothing written: no change to the registration, no secret, no other registration.
    expect(writes(emu, 'graph')).toEqual([]);
    expect(emu.graph.application(app.id)?.passwordCredentials).toEqual([]);
    expect(emu.graph.application(app.id)?.web?.redirectUris).toEqual([]);
    expect(portalApps(emu).filter((a) => a.displayName === 'Intrexx Portal')).toHaveLength(1);
    // The tenant's text started no workflow command.
    expect(result.stdout.split('\n').filter((l) => l.startsWith('::warning::injected'))).toEqual([]);
  };

  test('a squatted unique name is refused, not adopted: the error names every owner it does not know', async () => {
    const app = squat();
    const result = await run(emu);
    expectRefused(result, app, [USER, squatterSp]);
    expect(errorText(result)).toContain('"Squatter\\n::warning::injected"');
    expect(errorText(result)).toContain('found by uniqueName intrexx-portal');
    expect(errorText(result)).not.toContain(`${emu.deployer.servicePrincipalId} `);
  });

  test('listing only some of the owners in allowed-owners still refuses the others', async () => {
    const app = squat();
    expectRefused(await run(emu, { 'allowed-owners': USER }), app, [squatterSp], [USER]);
  });

  test.each([
    ['the legacy key', { uniqueName: 'intrexx-intrexx-portal' }, 'uniqueName intrexx-intrexx-portal'],
    ['the display name', {}, 'display name'],
  ])('a registration found by %s is judged the same way', async (_how, props, foundBy) => {
    const app = squat(props);
    const result = await run(emu);
    expectRefused(result, app, [USER, squatterSp]);
    expect(errorText(result)).toContain(`found by ${foundBy}`);
  });

  test('owners listed in allowed-owners are accepted and reported in the log and the job summary', async () => {
    const app = squat();
    const result = await run(emu, { 'allowed-owners': `${USER}\n${squatterSp.toUpperCase()}` });
    expect(errorText(result)).toBe('');
    expect(portalApps(emu).filter((a) => a.displayName === 'Intrexx Portal').map((a) => a.id)).toEqual([app.id]);
    expect(emu.graph.application(app.id)?.passwordCredentials).toHaveLength(1);
    for (const id of [USER, squatterSp]) {
      expect(result.stdout).toContain(`owner besides the deployer identity: `);
      expect(result.stdout.split('\n').some((l) => l.includes(id) && l.includes('listed in allowed-owners'))).toBe(true);
      expect(result.summary).toContain(id);
    }
    expect(result.summary).toContain('### Other owners of the registration');
    expect(result.summary).not.toContain(emu.deployer.servicePrincipalId);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('::warning::injected'))).toEqual([]);
  });

  test('allow-other-owners accepts any owner, with a warning naming each one not listed', async () => {
    const app = squat();
    const result = await run(emu, { 'allow-other-owners': 'true' });
    expect(errorText(result)).toBe('');
    expect(emu.graph.application(app.id)?.passwordCredentials).toHaveLength(1);
    const warnings = result.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    for (const id of [USER, squatterSp]) expect(warnings.some((l) => l.includes(id) && l.includes('not listed, accepted by allow-other-owners'))).toBe(true);
    expect(result.summary).toContain('### Other owners of the registration');
  });

  test("the deployer's own registration, which it alone owns, reports no other owner", async () => {
    const first = await run(emu);
    expect(errorText(first)).toBe('');
    const again = await run(emu);
    expect(errorText(again)).toBe('');
    expect(again.summary).not.toContain('Other owners');
    expect(again.stdout).not.toContain('owner besides the deployer identity');
  });
});
