import type { EmulatorOptions } from './api.ts';
import { GraphFailure } from './graph/errors.ts';
import { defaultApplicationData, defaultServicePrincipalData } from './graph/model.ts';
import { MS_GRAPH_APP_ID, msGraphServicePrincipalData, roleIdByValue } from './graph/msgraph-sp.ts';
import { newPasswordRecord, TWO_YEARS_MS } from './graph/passwords.ts';
import { checkTags } from './graph/tag-rules.ts';
import { validateEntityBody } from './graph/schema.ts';
import { guid } from './ids.ts';
import { DEFAULT_REPO } from './job.ts';
import { GITHUB_ISSUER } from './oidc.ts';
import type { AppRecord, Directory, SpRecord } from './state.ts';

// Direct writes into the directory for tests and the emulator's own setup: no HTTP, no permission
// checks, objects replicated at once. Payloads are still validated against the Graph schema.

const seedError = (err: unknown): never => {
  if (err instanceof GraphFailure) throw new Error(`invalid seed: ${JSON.stringify(err.reply.body)}`);
  throw err;
};

export function seeder(dir: Directory, msGraphSpId: string) {
  function seedServicePrincipal(app: AppRecord): SpRecord {
    const id = guid();
    const sp: SpRecord = { id, appId: app.appId, data: defaultServicePrincipalData(id, app, dir), owners: [], replicatedAtMs: 0, seq: dir.nextSeq() };
    dir.sps.set(id, sp);
    return sp;
  }

  function seedApplication(props: Record<string, unknown>, ownerIds: string[] = [], withSp = false): AppRecord {
    let valid: Record<string, unknown>;
    try {
      valid = validateEntityBody('application', props);
      if (Array.isArray(valid.tags)) checkTags(dir, valid.tags as string[]);
    } catch (err) {
      return seedError(err);
    }
    if (typeof valid.uniqueName === 'string' && dir.appByUniqueName(valid.uniqueName, true)) throw new Error(`uniqueName '${valid.uniqueName}' is taken`);
    const id = guid();
    const appId = guid();
    const rec: AppRecord = {
      id,
      appId,
      data: { ...defaultApplicationData(id, appId, dir, null), ...valid },
      passwords: [],
      owners: [...ownerIds],
      federated: [],
      replicatedAtMs: 0,
      seq: dir.nextSeq(),
    };
    for (const o of ownerIds) if (!dir.spById(o)) dir.users.add(o);
    dir.apps.set(id, rec);
    if (withSp) seedServicePrincipal(rec);
    return rec;
  }

  function grantGraphRole(spId: string, role: string): void {
    const roleId = roleIdByValue(role);
    if (!roleId) throw new Error(`unknown Microsoft Graph app role '${role}'`);
    const sp = dir.spById(spId);
    if (!sp) throw new Error(`no service principal ${spId}`);
    if (dir.assignments.some((a) => a.principalId === spId && a.appRoleId === roleId)) return;
    dir.assignments.push({
      id: Buffer.from(guid().replace(/-/g, ''), 'hex').toString('base64url'),
      appRoleId: roleId,
      createdDateTime: new Date().toISOString(),
      deletedDateTime: null,
      principalDisplayName: String(sp.data.displayName),
      principalId: spId,
      principalType: 'ServicePrincipal',
      resourceDisplayName: 'Microsoft Graph',
      resourceId: msGraphSpId,
    });
  }

  /** A client secret usable at once; no two-secret cap (see Emulator.graph.addPassword). */
  function seedPassword(app: AppRecord, cred: { displayName?: string; startDateTime?: string; endDateTime?: string }): { keyId: string; secretText: string } {
    const start = cred.startDateTime ? Date.parse(cred.startDateTime) : Date.now();
    const end = cred.endDateTime ? Date.parse(cred.endDateTime) : start + TWO_YEARS_MS;
    if (Number.isNaN(start) || Number.isNaN(end)) throw new Error(`invalid seed: unparsable startDateTime/endDateTime ${JSON.stringify(cred)}`);
    const rec = newPasswordRecord(start, end, cred.displayName ?? null, 0);
    app.passwords.push(rec);
    return { keyId: rec.keyId, secretText: rec.secretText };
  }

  return { seedApplication, seedServicePrincipal, grantGraphRole, seedPassword };
}

export type Seeder = ReturnType<typeof seeder>;

export interface SeededTenant {
  msGraphSpId: string;
  deployer: { clientId: string; objectId: string; servicePrincipalId: string };
  seeds: Seeder;
}

/**
 * What a fresh tenant holds: Microsoft Graph's service principal, and the deployer — an application
 * with a service principal whose federated credential trusts GitHub's ID tokens for the default
 * repository's main branch, holding Application.ReadWrite.OwnedBy unless the options say otherwise.
 */
export function seedTenant(dir: Directory, options: Pick<EmulatorOptions, 'deployerFederatedSubject' | 'deployerGraphRoles'>): SeededTenant {
  const msGraphSpId = guid();
  dir.sps.set(msGraphSpId, { id: msGraphSpId, appId: MS_GRAPH_APP_ID, data: msGraphServicePrincipalData(msGraphSpId), owners: [], replicatedAtMs: 0, seq: dir.nextSeq() });
  const seeds = seeder(dir, msGraphSpId);
  const app = seeds.seedApplication({ displayName: 'github-portal-deployer', signInAudience: 'AzureADMyOrg' }, [], true);
  const sp = dir.spByAppId(app.appId) as SpRecord;
  app.federated = [
    { issuer: GITHUB_ISSUER, subject: options.deployerFederatedSubject ?? `repo:${DEFAULT_REPO}:ref:refs/heads/main`, audiences: ['api://AzureADTokenExchange'] },
  ];
  for (const role of options.deployerGraphRoles ?? ['Application.ReadWrite.OwnedBy']) seeds.grantGraphRole(sp.id, role);
  return { msGraphSpId, deployer: { clientId: app.appId, objectId: app.id, servicePrincipalId: sp.id }, seeds };
}
