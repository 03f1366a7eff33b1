import type { RunContext } from '../../src/context.ts';
import type { Directory } from '../../src/graph/directory.ts';
import { GraphRequestError } from '../../src/graph/graph-error.ts';
import type { Application, ApplicationWrite } from '../../src/graph/types.ts';
import { planApplication, UNIQUE_NAME_REFUSED_TAG, type DesiredApplication } from '../../src/plan/plan-application.ts';
import type { RunPlan } from '../../src/plan/plan-run.ts';
import { applyRegistration } from '../../src/steps/apply-registration.ts';
import { isUniqueNameRefusal, withoutUniqueName } from '../../src/steps/unique-name-refusal.ts';

const URI = 'https://portal.example.com/service/oauth2/authorize';
const desired: DesiredApplication = { displayName: 'Intrexx Portal', uniqueName: 'intrexx-portal', signInAudience: 'AzureADMyOrg', redirectUris: [URI], graphPermissions: [] };
const handMade: Application = {
  id: 'obj-1',
  appId: 'app-1',
  displayName: 'Intrexx Portal',
  uniqueName: null,
  signInAudience: 'AzureADMyOrg',
  isFallbackPublicClient: false,
  web: { redirectUris: [URI] },
  passwordCredentials: [],
  requiredResourceAccess: [],
  tags: ['hand-made'],
};

const refusal = (message = "Property 'uniqueName' is read-only and cannot be set.", status = 400) =>
  new GraphRequestError({ operation: 'update application obj-1', status, code: 'Request_BadRequest', message, requestId: 'req-1' });

describe('a refused uniqueName', () => {
  test.each([
    ["Property 'uniqueName' is read-only and cannot be set.", 400, true],
    ['Invalid value specified for property uniqueName of resource Application.', 400, true],
    ["Property 'displayName' is read-only and cannot be set.", 400, false],
    ['Another object with the same value for property uniqueName already exists.', 400, false],
    ["Property 'uniqueName' is read-only and cannot be set.", 403, false],
  ])('%s (HTTP %d) is a refusal: %s', (message, status, expected) => {
    expect(isUniqueNameRefusal(refusal(message, status))).toBe(expected);
  });

  test('the write without uniqueName keeps everything else and remembers the refusal in the tags', () => {
    const write: ApplicationWrite = { uniqueName: 'intrexx-portal', isFallbackPublicClient: true };
    expect(withoutUniqueName(write, handMade)).toEqual({ isFallbackPublicClient: true, tags: ['hand-made', UNIQUE_NAME_REFUSED_TAG] });
  });

  test('a registration that remembers the refusal is not asked for uniqueName again', () => {
    const plain = planApplication(desired, handMade);
    expect(plain.write?.uniqueName).toBe('intrexx-portal');
    const remembered = planApplication(desired, { ...handMade, tags: ['hand-made', UNIQUE_NAME_REFUSED_TAG] });
    expect(remembered.write).toEqual({ isFallbackPublicClient: true });
    expect(remembered.changes.map((c) => c.kind)).toEqual(['enable-public-client-flows']);
    expect(planApplication(desired, { ...handMade, isFallbackPublicClient: true, tags: [UNIQUE_NAME_REFUSED_TAG] }).write).toBeUndefined();
  });

  /** A ledger fact another run wrote after this run read the registration. */
  const concurrentFact = 'intrexx-entra-action:0123456789ab:pending:00000009-0000-4000-8000-000000000000';
  function context(update: (id: string, patch: ApplicationWrite) => Promise<void>) {
    const warnings: string[] = [];
    const getApplication = async () => ({ ...handMade, tags: [...(handMade.tags ?? []), concurrentFact] });
    const directory = { updateApplication: update, getApplication } as unknown as Directory;
    const runtime = { info: () => undefined, warning: (m: string) => warnings.push(m) };
    return { ctx: { directory, runtime } as unknown as RunContext, warnings };
  }
  const planOf = (app: Application): RunPlan => ({ desired, application: planApplication(desired, app) }) as unknown as RunPlan;
  const actualOf = (app: Application) => ({ application: app, foundBy: 'display-name', servicePrincipal: { id: 'sp-1', appId: 'app-1' }, catalog: undefined, permissions: [] }) as const;

  test('apply: the refused write is sent again without uniqueName, the app adopted, one warning explains it', async () => {
    const patches: ApplicationWrite[] = [];
    const { ctx, warnings } = context(async (_id, patch) => {
      patches.push(patch);
      if (patch.uniqueName !== undefined) throw refusal();
    });
    const applied = await applyRegistration(ctx, planOf(handMade), actualOf(handMade));
    expect(patches).toEqual([
      { uniqueName: 'intrexx-portal', isFallbackPublicClient: true },
      // The tags as they are now (PATCH replaces the collection): another run's ledger fact is not lost.
      { isFallbackPublicClient: true, tags: ['hand-made', concurrentFact, UNIQUE_NAME_REFUSED_TAG] },
    ]);
    expect(applied.application).toMatchObject({ id: 'obj-1', uniqueName: null, isFallbackPublicClient: true, tags: ['hand-made', concurrentFact, UNIQUE_NAME_REFUSED_TAG] });
    expect(applied.changes.map((c) => c.kind)).toEqual(['enable-public-client-flows']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/refused to set uniqueName intrexx-portal/);
    expect(warnings[0]).toMatch(/display name/);
    expect(warnings[0]).toMatch(/Renaming it/);
    expect(warnings[0]).toMatch(/Setting unique-name does not help/);
    expect(warnings[0]).toContain('request-id req-1');
  });

  test('apply: any other failure of the write still fails the run', async () => {
    const { ctx } = context(async () => {
      throw refusal("Property 'web' is invalid.");
    });
    await expect(applyRegistration(ctx, planOf(handMade), actualOf(handMade))).rejects.toThrow("Property 'web' is invalid.");
  });
});
