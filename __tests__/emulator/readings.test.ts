import { ALTERNATIVE_READINGS, DEFAULT_READINGS, READING_VALUES, startEmulator } from '../../emulator/index.ts';
import type { Emulator, Readings } from '../../emulator/index.ts';
import { parseReadings, resolveReadings } from '../../emulator/readings.ts';
import { bearer, deployerToken, graphUrl, httpsClient } from './https-client.ts';
import type { Client, Res } from './https-client.ts';

// Each reading of a point no primary source settles (emulator/readings.ts), played over HTTP.

describe('choosing readings', () => {
  test('EMULATOR_READINGS: pairs, "alternatives", and typos refused', () => {
    expect(parseReadings('uniqueNameWhileNull=read-only, webPatch=merge')).toEqual({ uniqueNameWhileNull: 'read-only', webPatch: 'merge' });
    expect(parseReadings('alternatives')).toEqual(ALTERNATIVE_READINGS);
    expect(parseReadings('')).toEqual({});
    expect(() => parseReadings('webpatch=merge')).toThrow(/unknown reading 'webpatch'/);
    expect(() => parseReadings('webPatch=deep')).toThrow(/webPatch must be one of replace \| merge/);
  });

  test('options win over the environment, which wins over the defaults', () => {
    expect(resolveReadings(undefined, undefined)).toEqual(DEFAULT_READINGS);
    expect(resolveReadings(undefined, 'webPatch=merge')).toEqual({ ...DEFAULT_READINGS, webPatch: 'merge' });
    expect(resolveReadings({ webPatch: 'replace' }, 'alternatives')).toEqual({ ...ALTERNATIVE_READINGS, webPatch: 'replace' });
    expect(() => resolveReadings({ webPatch: 'deep' as Readings['webPatch'] }, undefined)).toThrow(/webPatch cannot be 'deep'/);
    for (const [k, v] of Object.entries(READING_VALUES)) {
      expect(v.length).toBeGreaterThanOrEqual(2);
      expect(ALTERNATIVE_READINGS[k as keyof Readings]).not.toBe(DEFAULT_READINGS[k as keyof Readings]);
    }
  });

  test('startEmulator reads EMULATOR_READINGS when options leave a reading unset', async () => {
    const saved = process.env.EMULATOR_READINGS;
    process.env.EMULATOR_READINGS = 'uniqueNameWhileNull=read-only';
    try {
      const emu = await startEmulator({ readings: { tagDuplicates: 'ignore-case' } });
      expect(emu.readings).toMatchObject({ uniqueNameWhileNull: 'read-only', tagDuplicates: 'ignore-case', webPatch: DEFAULT_READINGS.webPatch });
      await emu.close();
    } finally {
      if (saved === undefined) delete process.env.EMULATOR_READINGS;
      else process.env.EMULATOR_READINGS = saved;
    }
  });
});

const both = <K extends keyof Readings>(name: K) => READING_VALUES[name].map((v) => [v] as [Readings[K]]);

async function withEmulator(readings: Partial<Readings>, body: (send: (method: string, path: string, json?: unknown, headers?: Record<string, string>) => Promise<Res>, emu: Emulator) => Promise<void>) {
  const emu = await startEmulator({ readings });
  const c: Client = httpsClient(emu.caCertPath);
  try {
    const token = await deployerToken(emu, c);
    const send = (method: string, path: string, json?: unknown, headers: Record<string, string> = {}) =>
      c.send(method, graphUrl(emu, path), { headers: { ...bearer(token), ...headers }, ...(json === undefined ? {} : { json }) });
    await body(send, emu);
  } finally {
    c.close();
    await emu.close();
  }
}

test.each(both('uniqueNameWhileNull'))('uniqueNameWhileNull=%s', (reading) =>
  withEmulator({ uniqueNameWhileNull: reading }, async (send, emu) => {
    const made = emu.graph.createApplication({ displayName: 'hand-made' }, { ownerIds: [emu.deployer.servicePrincipalId] });
    const res = await send('PATCH', `/applications/${made.id}`, { uniqueName: 'portal-x' });
    if (reading === 'settable') {
      expect(res.status).toBe(204);
      expect(emu.graph.application(made.id)?.uniqueName).toBe('portal-x');
    } else {
      expect([res.status, res.json.error?.code, res.json.error?.message]).toEqual([400, 'Request_BadRequest', "Property 'uniqueName' is read-only and cannot be set."]);
      expect(emu.graph.application(made.id)?.uniqueName).toBeNull();
    }
    // Setting null again, or PATCHing other properties, is fine under both.
    expect((await send('PATCH', `/applications/${made.id}`, { notes: 'x' })).status).toBe(204);
    // Upsert-create sets it under both readings.
    const up = await send('PATCH', "/applications(uniqueName='portal-y')", { displayName: 'upserted' }, { Prefer: 'create-if-missing' });
    expect([up.status, up.json.uniqueName]).toEqual([201, 'portal-y']);
  }),
);

test.each(both('webPatch'))('webPatch=%s', (reading) =>
  withEmulator({ webPatch: reading }, async (send, emu) => {
    const web = { homePageUrl: 'https://portal.example.com/', logoutUrl: 'https://portal.example.com/logout', redirectUris: ['https://portal.example.com/a'], implicitGrantSettings: { enableIdTokenIssuance: true } };
    const made = emu.graph.createApplication({ displayName: 'web', web }, { ownerIds: [emu.deployer.servicePrincipalId] });
    expect((await send('PATCH', `/applications/${made.id}`, { web: { redirectUris: ['https://portal.example.com/a', 'https://portal.example.com/b'] } })).status).toBe(204);
    const after = emu.graph.application(made.id)?.web;
    expect(after?.redirectUris).toEqual(['https://portal.example.com/a', 'https://portal.example.com/b']);
    if (reading === 'merge') expect(after).toMatchObject({ homePageUrl: web.homePageUrl, logoutUrl: web.logoutUrl, implicitGrantSettings: { enableIdTokenIssuance: true } });
    else expect(after).toMatchObject({ homePageUrl: null, logoutUrl: null, implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false } });
  }),
);

test.each(both('tagDuplicates'))('tagDuplicates=%s', (reading) =>
  withEmulator({ tagDuplicates: reading }, async (send) => {
    const same = await send('POST', '/applications', { displayName: 't', tags: ['Prod', 'Prod'] });
    expect([same.status, same.json.error?.message]).toEqual([400, "Invalid value specified for property 'tags' of resource 'Application'."]);
    const cased = await send('POST', '/applications', { displayName: 't', tags: ['Prod', 'prod'] });
    expect(cased.status).toBe(reading === 'exact' ? 201 : 400);
  }),
);

test.each(both('appCollectionLimit'))('appCollectionLimit=%s', (reading) =>
  withEmulator({ appCollectionLimit: reading }, async (send, emu) => {
    const limit = Number(reading);
    // 10 redirect URIs and one secret share the ceiling with the tags.
    const web = { redirectUris: Array.from({ length: 10 }, (_, i) => `https://portal.example.com/cb${i}`) };
    const app = emu.graph.createApplication({ displayName: 'full', web }, { ownerIds: [emu.deployer.servicePrincipalId] });
    emu.graph.addPassword(app.id, {});
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);
    expect((await send('PATCH', `/applications/${app.id}`, { tags: tags(limit - 11) })).status).toBe(204);
    const over = await send('PATCH', `/applications/${app.id}`, { tags: tags(limit - 10) });
    expect([over.status, over.json.error?.code, over.json.error?.message]).toEqual([
      403,
      'Directory_ResourceSizeExceeded',
      'The size of the object has exceeded its limit. Please reduce the number of values and retry your request.',
    ]);
    expect(emu.graph.application(app.id)?.tags).toHaveLength(limit - 11);
    // At the ceiling, a new secret is refused too; removing one makes room.
    const secret = await send('POST', `/applications/${app.id}/addPassword`, { passwordCredential: {} });
    expect([secret.status, secret.json.error?.code]).toEqual([403, 'Directory_ResourceSizeExceeded']);
    expect((await send('PATCH', `/applications/${app.id}`, { tags: tags(limit - 12) })).status).toBe(204);
    expect((await send('POST', `/applications/${app.id}/addPassword`, { passwordCredential: {} })).status).toBe(200);
  }),
);

test.each(both('identifierUriPolicy'))('identifierUriPolicy=%s', (reading) =>
  withEmulator({ identifierUriPolicy: reading }, async (send, emu) => {
    const app = await send('POST', '/applications', { displayName: 'api' });
    const { id, appId } = app.json as { id: string; appId: string };
    // Always fine: the app ID, the tenant ID, a verified domain.
    for (const uri of [`api://${appId}`, `api://${emu.tenantId}/portal`, 'api://contoso.onmicrosoft.com/portal']) {
      expect((await send('PATCH', `/applications/${id}`, { identifierUris: [uri] })).status).toBe(204);
    }
    const custom = await send('PATCH', `/applications/${id}`, { identifierUris: ['api://portal-api'] });
    if (reading === 'off') expect(custom.status).toBe(204);
    else {
      expect([custom.status, custom.json.error?.code]).toEqual([400, 'Request_BadRequest']);
      expect(custom.json.error?.message).toBe(
        'Failed to add identifier URI api://portal-api. All newly added URIs must contain a tenant verified domain, tenant ID, or app ID, as per the default tenant policy of your organization. See https://aka.ms/identifier-uri-addition-error for more information on this error.',
      );
    }
    // v2 access tokens exempt the app under both.
    expect((await send('PATCH', `/applications/${id}`, { api: { requestedAccessTokenVersion: 2 }, identifierUris: ['api://portal-api-v2'] })).status).toBe(204);
    // Going back to v1 with that URI is refused under 'enforced'.
    const back = await send('PATCH', `/applications/${id}`, { api: { requestedAccessTokenVersion: 1 } });
    expect(back.status).toBe(reading === 'off' ? 204 : 400);
  }),
);

test.each(both('secretCapCode'))('secretCapCode=%s', (reading) =>
  withEmulator({ secretCapCode: reading }, async (send, emu) => {
    const app = emu.graph.createApplication({ displayName: 'capped', signInAudience: 'PersonalMicrosoftAccount' }, { ownerIds: [emu.deployer.servicePrincipalId] });
    emu.graph.addPassword(app.id, {});
    emu.graph.addPassword(app.id, {});
    const res = await send('POST', `/applications/${app.id}/addPassword`, { passwordCredential: {} });
    expect([res.status, res.json.error?.code, res.json.error?.message]).toEqual([400, reading, 'Not allowed to add 3 passwords. You can only add a maximum of 2 passwords.']);
  }),
);

test.each(both('removeUnknownPassword'))('removeUnknownPassword=%s', (reading) =>
  withEmulator({ removeUnknownPassword: reading }, async (send, emu) => {
    const app = emu.graph.createApplication({ displayName: 'r' }, { ownerIds: [emu.deployer.servicePrincipalId] });
    const res = await send('POST', `/applications/${app.id}/removePassword`, { keyId: '00000000-0000-0000-0000-000000000001' });
    expect([res.status, res.json.error?.code]).toEqual(reading === 'bad-request' ? [400, 'Request_BadRequest'] : [404, 'Request_ResourceNotFound']);
  }),
);

test.each(both('uniqueNameConflict'))('uniqueNameConflict=%s', (reading) =>
  withEmulator({ uniqueNameConflict: reading }, async (send) => {
    expect((await send('POST', '/applications', { displayName: 'u', uniqueName: 'taken' })).status).toBe(201);
    const res = await send('POST', '/applications', { displayName: 'u2', uniqueName: 'taken' });
    expect([res.status, res.json.error?.code]).toEqual(reading === '409' ? [409, 'Request_MultipleObjectsWithSameKeyValue'] : [400, 'Request_BadRequest']);
  }),
);
