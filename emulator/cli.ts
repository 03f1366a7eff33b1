// Starts the emulator from the command line:
//   node emulator/cli.ts [--latency-ms N] [--replication-ms N] [--secret-propagation-ms N] [--control-port N]
// Prints the endpoints, the tenant, the deployer's client id, a GitHub token that may write secrets
// and the runner environment as `export K=V` lines, then serves a small control API over plain
// HTTP on 127.0.0.1: GET /state, GET /requests, POST /faults (a FaultRule as JSON), DELETE /faults.
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

const shellQuote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;

const args = process.argv.slice(2);
const emu = await startEmulator({
  latencyMs: numberFlag(args, '--latency-ms'),
  replicationDelayMs: numberFlag(args, '--replication-ms'),
  secretPropagationMs: numberFlag(args, '--secret-propagation-ms'),
});
const githubToken = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });

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
      if (req.method === 'GET' && path === '/faults') return send(200, emu.faults.pending());
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
      return send(404, { message: 'GET /state, GET /requests, GET|POST|DELETE /faults' });
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
  `# deployer       : client id ${emu.deployer.clientId}, service principal ${emu.deployer.servicePrincipalId}`,
  `# control        : ${controlUrl} (GET /state, GET /requests, POST|DELETE /faults)`,
  `export EMULATOR_TENANT_ID=${shellQuote(emu.tenantId)}`,
  `export EMULATOR_CLIENT_ID=${shellQuote(emu.deployer.clientId)}`,
  `export EMULATOR_AUTHORITY_HOST=${shellQuote(emu.urls.authorityHost)}`,
  `export EMULATOR_GRAPH_ENDPOINT=${shellQuote(emu.urls.graphEndpoint)}`,
  `export EMULATOR_CONTROL_URL=${shellQuote(controlUrl)}`,
  `export EMULATOR_GITHUB_TOKEN=${shellQuote(githubToken)}`,
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
