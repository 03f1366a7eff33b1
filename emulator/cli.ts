// Starts the emulator from the command line:
//   node emulator/cli.ts [--latency-ms N] [--replication-ms N] [--secret-propagation-ms N] [--control-port N]
//                        [--environment NAME] [--foreign-app DISPLAY_NAME] [--no-key-vault-role]
// Eventual consistency is on by default: objects replicate after 1 s and new client secrets sign in
// after 2 s (pass 0 to turn either off), as Entra is eventually consistent
// (devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra).
// Seeds, on request: a GitHub environment on the job's repository (and the job declares it), and an
// application with a service principal that the deployer does not own (repeatable). The deployer holds
// Key Vault Secrets Officer on the vault contoso-kv unless --no-key-vault-role is given.
// Prints the endpoints (the Resource Manager stub included), the tenant, the deployer's client id,
// a GitHub token that may write secrets and one without the secrets permission, the runner
// environment as `export K=V` lines and an `az cloud register` line, then serves a small control
// API over plain HTTP on 127.0.0.1: GET /state, GET /requests, GET /unmodelled, POST /faults (a
// FaultRule as JSON), DELETE /faults, GET /key-vault/<vault>/<secret> (every version, values included:
// what an agent on the portal host would read).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from './index.ts';
import type { FaultRule } from './types.ts';

function numberFlag(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} needs a non-negative number, got '${args[i + 1] ?? ''}'`);
  return v;
}

function stringFlags(args: string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a !== name) return;
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    out.push(v);
  });
  return out;
}

const shellQuote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;

const args = process.argv.slice(2);
const replicationMs = numberFlag(args, '--replication-ms') ?? 1000;
const propagationMs = numberFlag(args, '--secret-propagation-ms') ?? 2000;
const emu = await startEmulator({
  latencyMs: numberFlag(args, '--latency-ms'),
  replicationDelayMs: replicationMs,
  secretPropagationMs: propagationMs,
});
const githubToken = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
const githubTokenNoSecrets = emu.github.issueToken({ secretsPermission: 'none', kind: 'fine-grained' });
const seeded: string[] = [];
if (!args.includes('--no-key-vault-role')) emu.keyVault.grantRole(emu.keyVault.defaultVault.name, emu.deployer.clientId);
for (const environment of stringFlags(args, '--environment')) {
  emu.github.addEnvironment(emu.job().repository, environment);
  emu.setJob({ environment });
  seeded.push(`# environment    : ${emu.job().repository} / ${environment} (the job declares it)`);
}
for (const displayName of stringFlags(args, '--foreign-app')) {
  const app = emu.graph.createApplication({ displayName }, { withServicePrincipal: true });
  seeded.push(`# foreign app    : "${displayName}" client id ${app.appId}, object id ${app.id} (not owned by the deployer)`);
}

const control = createServer((req, res) => {
  const send = (status: number, body?: unknown): void => {
    res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body, null, 2));
  };
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (req.method === 'GET' && path === '/state') return send(200, emu.state());
      if (req.method === 'GET' && path === '/requests') return send(200, emu.requests());
      if (req.method === 'GET' && path === '/unmodelled') return send(200, emu.unmodelled());
      if (req.method === 'GET' && path === '/faults') return send(200, emu.faults.pending());
      const secret = /^\/key-vault\/([^/]+)\/([^/]+)$/.exec(path ?? '');
      if (req.method === 'GET' && secret) return send(200, emu.keyVault.versions(decodeURIComponent(secret[1] ?? ''), decodeURIComponent(secret[2] ?? '')));
      if (req.method === 'DELETE' && path === '/faults') {
        emu.faults.clear();
        return send(204);
      }
      if (req.method === 'POST' && path === '/faults') {
        const rule = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FaultRule;
        if (!rule || typeof rule.service !== 'string' || rule.response === undefined) return send(400, { message: 'expected a FaultRule {service, method?, path?, skip?, times?, response}' });
        if (rule.path !== undefined) new RegExp(rule.path); // reject bad regexes here, not at match time
        emu.faults.add(rule);
        return send(201, emu.faults.pending());
      }
      return send(404, { message: 'GET /state, GET /requests, GET|POST|DELETE /faults, GET /key-vault/<vault>/<secret>' });
    } catch (err) {
      return send(400, { message: String(err) });
    }
  });
});
await new Promise<void>((resolve) => control.listen(numberFlag(args, '--control-port') ?? 0, '127.0.0.1', resolve));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

const lines = [
  `# Intrexx/Entra emulator — tenant ${emu.tenantId} (${emu.tenantDomain})`,
  `# authority host : ${emu.urls.authorityHost}`,
  `# graph endpoint : ${emu.urls.graphEndpoint}`,
  `# github api     : ${emu.urls.githubApiUrl}`,
  `# oidc issuer    : ${emu.urls.oidcIssuerUrl}`,
  `# resource mgr   : ${emu.urls.resourceManager} (GET /subscriptions, /tenants)`,
  `# key vault      : ${emu.urls.keyVault} (${emu.keyVault.defaultVault.name}${args.includes('--no-key-vault-role') ? ', the deployer holds no role on it' : ', the deployer is Key Vault Secrets Officer'})`,
  `# consistency    : replication ${replicationMs} ms, secret propagation ${propagationMs} ms`,
  `# deployer       : client id ${emu.deployer.clientId}, service principal ${emu.deployer.servicePrincipalId}`,
  ...seeded,
  `# control        : ${controlUrl} (GET /state, GET /requests, GET /unmodelled, POST|DELETE /faults)`,
  // The Azure CLI against the emulator: a custom cloud whose AAD resource is the Graph URL, the one
  // audience the emulated Entra issues tokens for (learn.microsoft.com/cli/azure/cloud#az-cloud-register).
  `# az cloud register -n Emulator --endpoint-resource-manager ${emu.urls.resourceManager}/ --endpoint-active-directory ${emu.urls.authorityHost} --endpoint-active-directory-resource-id ${emu.urls.graphEndpoint}/ --endpoint-active-directory-graph-resource-id ${emu.urls.graphEndpoint}/ --endpoint-microsoft-graph-resource-id ${emu.urls.graphEndpoint}/`,
  `export EMULATOR_TENANT_ID=${shellQuote(emu.tenantId)}`,
  `export EMULATOR_CLIENT_ID=${shellQuote(emu.deployer.clientId)}`,
  `export EMULATOR_AUTHORITY_HOST=${shellQuote(emu.urls.authorityHost)}`,
  `export EMULATOR_GRAPH_ENDPOINT=${shellQuote(emu.urls.graphEndpoint)}`,
  `export EMULATOR_CONTROL_URL=${shellQuote(controlUrl)}`,
  `export EMULATOR_RESOURCE_MANAGER=${shellQuote(emu.urls.resourceManager)}`,
  `export EMULATOR_KEY_VAULT_URL=${shellQuote(emu.urls.keyVault)}`,
  `export EMULATOR_GITHUB_TOKEN=${shellQuote(githubToken)}`,
  `export EMULATOR_GITHUB_TOKEN_NO_SECRETS=${shellQuote(githubTokenNoSecrets)}`,
  `export REQUESTS_CA_BUNDLE=${shellQuote(emu.caCertPath)}`,
  ...Object.entries(emu.runnerEnv()).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
];
console.log(lines.join('\n'));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  control.close();
  await emu.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
