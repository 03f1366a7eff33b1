/**
 * The lean start (src/index.ts, src/entra/early-requests.ts, src/http/https.ts), seen from outside:
 * the tenant's OpenID configuration travels beside the OIDC token request and MSAL's read of it costs
 * no request of its own; no run loads Node's fetch implementation (undici); and a run still does what
 * it did.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { changeKinds, emulator, errorText, githubHolds, portalApps, run, type Emulator } from './harness.ts';
import { hang, type RequestLogEntry } from '../../emulator/index.ts';

/** Appends process.moduleLoadList and the WebAssembly modules compiled to $MODULE_LOAD_LIST when the action's process exits. */
const PRELOAD = path.join(import.meta.dirname, 'module-load-list.mjs');
const METADATA = '/v2.0/.well-known/openid-configuration';
const LATENCY_MS = 300;
/** Node's fetch implementation, or the HTTP parser of any undici (Node's or one bundled into dist/). */
const UNDICI = /undici|llhttp/i;

const begins = (r: RequestLogEntry) => Date.parse(r.startedAt);
const ends = (r: RequestLogEntry) => Date.parse(r.startedAt) + r.durationMs;
const pathOnly = (r: RequestLogEntry) => r.path.split('?')[0] ?? '';
const metadataReads = (log: RequestLogEntry[]) => log.filter((r) => r.service === 'entra' && r.method === 'GET' && pathOnly(r).endsWith(METADATA));
const tokenRequests = (log: RequestLogEntry[]) => log.filter((r) => r.service === 'entra' && r.method === 'POST' && pathOnly(r).endsWith('/oauth2/v2.0/token'));

test('a run that fails at once does not wait for an early request still on its way', async () => {
  const emu = await emulator();
  try {
    // The job may not request an OIDC token, and the authority holds the metadata request unanswered.
    emu.faults.add(hang('entra', 'openid-configuration'));
    const result = await run(emu, {}, { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined });
    expect(result.exitCode).toBe(1);
    expect(errorText(result)).toMatch(/id-token: write/);
    expect(metadataReads(emu.requests())).toHaveLength(1);
    // Not the 30 s the request would otherwise wait for its answer.
    expect(result.exitedAt - result.spawnedAt).toBeLessThan(15_000);
  } finally {
    await emu.close();
  }
});

test("a connection reset on the sign-in's token request is retried by @azure/identity, as over its own client", async () => {
  const emu = await emulator();
  try {
    emu.faults.add({ service: 'entra', method: 'POST', path: 'oauth2/v2.0/token\\?client-request-id', response: 'reset', times: 1 });
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(result.exitCode).toBe(0);
    expect(emu.faults.pending()).toEqual([]); // the reset happened
    expect(tokenRequests(emu.requests()).filter((r) => r.path.includes('client-request-id')).map((r) => r.status)).toEqual([0, 200]);
  } finally {
    await emu.close();
  }
});

describe('the authority metadata travels beside the OIDC token', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  /** One run with every answer LATENCY_MS late: its sign-in requests, checked, and the run. */
  async function signInOf(rerun: boolean) {
    emu.resetRequests();
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.created).toBe(String(!rerun));
    const log = emu.requests();
    const oidc = log.filter((r) => r.service === 'oidc');
    const metadata = metadataReads(log);
    const tokens = tokenRequests(log);
    // One OIDC token, one read of the tenant's metadata, at the URL MSAL reads it from (lower-cased authority).
    expect(oidc).toHaveLength(1);
    expect(metadata.map((r) => `${r.path} ${r.status}`)).toEqual([`/${emu.tenantId.toLowerCase()}${METADATA} 200`]);
    // The sign-in's token request (the secret check sends another, later).
    expect(tokens.length).toBeGreaterThanOrEqual(1);
    return { oidc: oidc[0]!, metadata: metadata[0]!, token: tokens[0]! };
  }

  test.each([
    ['a create run', false],
    ['a rerun', true],
  ])('%s: one read, sent while the OIDC token request was under way, and the token request after both', async (_name, rerun) => {
    if (rerun) expect((await run(emu)).exitCode).toBe(0);
    emu.setLatency(LATENCY_MS);

    const { oidc, metadata, token } = await signInOf(rerun);

    // The two overlapped: each began before the other's answer ended.
    expect(begins(metadata)).toBeLessThan(ends(oidc));
    expect(begins(oidc)).toBeLessThan(ends(metadata));
    // Each took at least the latency, so overlapping means they really travelled side by side.
    expect(metadata.durationMs).toBeGreaterThanOrEqual(LATENCY_MS);
    expect(oidc.durationMs).toBeGreaterThanOrEqual(LATENCY_MS);
    // MSAL's token request needs both: the assertion and the token endpoint from the metadata.
    expect(begins(token)).toBeGreaterThanOrEqual(Math.max(ends(oidc), ends(metadata)));
  });

  test('a prefetch that failed costs nothing but itself: MSAL reads the metadata again and the run succeeds', async () => {
    // A 404, which @azure/identity's pipeline would not retry: had MSAL been handed it, the sign-in would fail.
    emu.faults.add({ service: 'entra', method: 'GET', path: `${METADATA.replace(/\./g, '\\.')}$`, response: { status: 404, body: { error: 'invalid_tenant' } } });

    const result = await run(emu);

    expect(errorText(result)).toBe('');
    expect(result.exitCode).toBe(0);
    const reads = metadataReads(emu.requests());
    expect(reads.map((r) => r.status)).toEqual([404, 200]);
    // MSAL's own read came after the prefetch had failed, and before its token request.
    expect(begins(reads[1]!)).toBeGreaterThanOrEqual(ends(reads[0]!));
    expect(begins(tokenRequests(emu.requests())[0]!)).toBeGreaterThanOrEqual(ends(reads[1]!));
    expect(portalApps(emu)).toHaveLength(1);
  });
});

describe("a run never loads Node's fetch implementation, nor any undici's HTTP parser", () => {
  let emu: Emulator;
  let dir = '';
  beforeEach(async () => {
    emu = await emulator();
    dir = await mkdtemp(path.join(tmpdir(), 'intrexx-module-list-'));
  });
  afterEach(async () => {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the action with the preload; the internal modules its process loaded and the WebAssembly it compiled. */
  async function modulesOf(name: string, inputs: Record<string, string> = {}) {
    const file = path.join(dir, name);
    await writeFile(file, '');
    const result = await run(emu, inputs, { NODE_OPTIONS: `--import=${PRELOAD}`, MODULE_LOAD_LIST: file });
    const modules = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    // The preload ran, to the end of the action's process: it saw the modules the action uses.
    expect(modules).toEqual(expect.arrayContaining(['NativeModule https', 'NativeModule tls']));
    return { result, modules };
  }

  test('neither a create run nor a rerun; both still do what they did', async () => {
    const create = await modulesOf('create');
    expect(errorText(create.result)).toBe('');
    expect(create.result.exitCode).toBe(0);
    expect(create.modules.filter((m) => UNDICI.test(m))).toEqual([]);
    // What the run did is unchanged: one registration with one secret, which signs in.
    const apps = portalApps(emu);
    expect(apps).toHaveLength(1);
    const app = apps[0]!;
    expect(app.passwordCredentials).toHaveLength(1);
    expect(create.result.outputs).toMatchObject({ created: 'true', 'client-id': app.appId, 'object-id': app.id, 'secret-key-id': app.passwordCredentials[0]!.keyId });
    expect(changeKinds(create.result)).toEqual(['create-application', 'add-redirect-uri', 'enable-public-client-flows', 'create-service-principal', 'add-client-secret']);
    expect(await emu.entra.signInWithSecret(app.appId, create.result.outputs['client-secret']!)).toBe(true);

    const rerun = await modulesOf('rerun');
    expect(errorText(rerun.result)).toBe('');
    expect(rerun.result.exitCode).toBe(0);
    expect(rerun.modules.filter((m) => UNDICI.test(m))).toEqual([]);
    expect(rerun.result.outputs.created).toBe('false');
    expect(changeKinds(rerun.result)).toEqual(['add-client-secret']);
    expect(portalApps(emu)).toHaveLength(1);
    expect(portalApps(emu)[0]!.passwordCredentials).toHaveLength(2);
    expect(await emu.entra.signInWithSecret(app.appId, rerun.result.outputs['client-secret']!)).toBe(true);
  });

  test("nor a run that delivers the secret to the repository's GitHub secrets", async () => {
    const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });

    const delivered = await modulesOf('github', { 'secrets-target': 'repository', 'github-token': token });

    expect(errorText(delivered.result)).toBe('');
    expect(delivered.result.exitCode).toBe(0);
    expect(delivered.modules.filter((m) => UNDICI.test(m))).toEqual([]);
    // The WebAssembly hook worked: libsodium's module, which seals the secret, was seen.
    expect(delivered.modules).toContain('WebAssembly other');
    const app = portalApps(emu)[0]!;
    expect(await githubHolds(emu, app.id, { repository: emu.job().repository })).toBe(app.passwordCredentials[0]!.keyId);
  });
});
