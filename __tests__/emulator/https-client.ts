import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Emulator } from '../../emulator/index.ts';

export interface Res {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface Client {
  /** `signal` aborts the request (the promise rejects with an AbortError). */
  send(method: string, url: string, opts?: { headers?: Record<string, string>; json?: unknown; form?: Record<string, string>; body?: string; signal?: AbortSignal }): Promise<Res>;
  close(): void;
}

/** fetch-like HTTPS over a keep-alive agent that trusts the emulator's certificate. */
export function httpsClient(caCertPath: string): Client {
  const agent = new Agent({ ca: readFileSync(caCertPath), keepAlive: true });
  return {
    send(method, url, opts = {}) {
      // Every real client names itself; GitHub refuses a request that does not.
      const headers: Record<string, string> = { 'User-Agent': 'emulator-tests', ...opts.headers };
      let body: string | undefined = opts.body;
      if (opts.json !== undefined) {
        body = JSON.stringify(opts.json);
        headers['Content-Type'] ??= 'application/json';
      }
      if (opts.form) {
        body = new URLSearchParams(opts.form).toString();
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
      return new Promise((resolve, reject) => {
        const req = request(url, { method, headers, agent, ...(opts.signal ? { signal: opts.signal } : {}) }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        if (body !== undefined) req.write(body);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}

export const tokenUrl = (emu: Emulator, tenant = emu.tenantId): string => `${emu.urls.authorityHost}/${tenant}/oauth2/v2.0/token`;

/** Signs the deployer in with the current job's GitHub ID token, as the action does. */
/** The deployer's access token for Graph (default) or another resource, e.g. ARM's https://management.core.windows.net/. */
export async function deployerToken(emu: Emulator, c: Client, resource = emu.urls.graphEndpoint): Promise<string> {
  const res = await c.send('POST', tokenUrl(emu), {
    form: {
      grant_type: 'client_credentials',
      client_id: emu.deployer.clientId,
      scope: `${resource}/.default`, // ARM resources keep their trailing slash, as the Azure CLI sends them
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: emu.idToken(),
    },
  });
  if (res.status !== 200) throw new Error(`deployer sign-in failed: ${res.text}`);
  return res.json.access_token as string;
}

/** A separate app with a service principal, the given Graph app roles and a secret; returns its token. */
export async function callerToken(emu: Emulator, c: Client, roles: string[]): Promise<{ token: string; appId: string; spId: string }> {
  const app = emu.graph.createApplication({ displayName: `caller ${roles.join('+') || 'none'}` }, { withServicePrincipal: true });
  for (const r of roles) emu.graph.grantGraphRole(app.appId, r);
  const { secretText } = emu.graph.addPassword(app.id, { displayName: 'test' });
  const res = await c.send('POST', tokenUrl(emu), {
    form: { grant_type: 'client_credentials', client_id: app.appId, client_secret: secretText, scope: `${emu.urls.graphEndpoint}/.default` },
  });
  if (res.status !== 200) throw new Error(`caller sign-in failed: ${res.text}`);
  const sp = emu.graph.servicePrincipals().find((s) => s.appId === app.appId);
  return { token: res.json.access_token as string, appId: app.appId, spId: String(sp?.id) };
}

export const graphUrl = (emu: Emulator, path: string): string => `${emu.urls.graphEndpoint}/v1.0${path}`;
export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
