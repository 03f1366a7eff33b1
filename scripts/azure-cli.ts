import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Emulator, RequestLogEntry } from '../emulator/index.ts';

// Drives the emulator with the real Azure CLI (`az`), in a config directory of its own so that
// nothing of the machine's own `az` setup is read or changed. Used by __tests__/e2e/azure-cli.test.ts
// and by the benchmark's comparison with the action (bench/azure-cli.ts).

/** The resource `az login` asks a token for and presents to ARM (AzureCloud's activeDirectoryResourceId). */
export const ARM_AUDIENCE = 'https://management.core.windows.net/';
/** The name the emulator's custom cloud is registered under. */
export const EMULATOR_CLOUD = 'EntraEmulator';
/** How to get `az` where it is missing: Debian's package, as .ci/run installs it. */
export const AZ_INSTALL_HINT = 'install the Azure CLI, e.g. `sudo apt-get install azure-cli` (Debian/Ubuntu; .ci/run tries that)';

/**
 * `az login` as a service principal with a GitHub ID token (workload identity federation), the way
 * azure/login does it in a workflow; no subscription exists in the emulator's tenant.
 */
export function federatedLoginArgs(emu: Emulator, idToken: string): string[] {
  return ['login', '--service-principal', '-u', emu.deployer.clientId, '--tenant', emu.tenantId, '--federated-token', idToken, '--allow-no-subscriptions'];
}

/** The `az` executable on PATH, or undefined when the Azure CLI is not installed. */
export function findAz(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'az');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface AzResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A custom cloud whose endpoints are the emulator's, as `az cloud register --cloud-config` reads it.
 * - activeDirectory ends in /adfs: the Azure CLI then uses the authority as it is (no tenant
 *   appended) and MSAL for Python skips instance discovery at login.microsoftonline.com for /adfs
 *   authorities, reading {authority}/.well-known/openid-configuration instead; the emulator's Entra
 *   takes `adfs` as an alias of its tenant (emulator/entra/context.ts, tenantCheck).
 * - microsoftGraphResourceId is both where `az ad` sends its Graph calls ({it}/v1.0/…) and the
 *   resource its tokens are for ({it}/.default).
 * - activeDirectoryResourceId is the resource `az login` asks a token for and sends to ARM.
 */
export function cloudConfig(emu: Emulator, arm: string, armAudience: string): Record<string, unknown> {
  return {
    endpoints: {
      activeDirectory: `${emu.urls.authorityHost}/adfs`,
      activeDirectoryResourceId: armAudience,
      // Azure AD Graph (retired); required by `az cloud register`, never called by `az ad` since 2.37.
      activeDirectoryGraphResourceId: 'https://graph.windows.net/',
      resourceManager: arm.endsWith('/') ? arm : `${arm}/`,
      microsoftGraphResourceId: `${emu.urls.graphEndpoint}/`,
    },
  };
}

export class AzureCli {
  private readonly az: string;
  readonly configDir: string;
  private readonly env: NodeJS.ProcessEnv;

  private constructor(az: string, configDir: string, env: NodeJS.ProcessEnv) {
    this.az = az;
    this.configDir = configDir;
    this.env = env;
  }

  /** An isolated Azure CLI: its own AZURE_CONFIG_DIR in a temp folder, trusting the emulator's certificate. */
  static async create(az: string, emu: Emulator): Promise<AzureCli> {
    const configDir = await mkdtemp(join(tmpdir(), 'az-emulator-'));
    const env: NodeJS.ProcessEnv = {};
    // Keep PATH, HOME and the like, but none of the caller's Azure settings.
    for (const [k, v] of Object.entries(process.env)) if (!/^(AZURE_|ARM_|MSAL_)/i.test(k)) env[k] = v;
    Object.assign(env, {
      AZURE_CONFIG_DIR: configDir,
      REQUESTS_CA_BUNDLE: emu.caCertPath,
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
      AZURE_CORE_SURVEY_MESSAGE: 'false',
      AZURE_CORE_NO_COLOR: 'true',
      AZURE_CORE_OUTPUT: 'json',
      AZURE_EXTENSION_USE_DYNAMIC_INSTALL: 'no',
      NO_PROXY: ['127.0.0.1', 'localhost', env.NO_PROXY].filter(Boolean).join(','),
      no_proxy: ['127.0.0.1', 'localhost', env.no_proxy].filter(Boolean).join(','),
    });
    return new AzureCli(az, configDir, env);
  }

  run(args: string[]): Promise<AzResult> {
    return new Promise((resolve) => {
      execFile(this.az, args, { env: this.env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  }

  /** Runs `az …`; throws with its stderr and the emulator's latest requests when it fails. */
  async json<T = Record<string, unknown>>(args: string[], emu: Emulator): Promise<T> {
    const since = emu.requests().length;
    const r = await this.run([...args, '--output', 'json']);
    if (r.code !== 0) {
      throw new Error(`az ${redact(args).join(' ')} exited ${r.code}\n${r.stderr.trim()}\nrequests to the emulator meanwhile:\n${formatRequests(emu.requests().slice(since))}`);
    }
    return (r.stdout.trim() === '' ? undefined : JSON.parse(r.stdout)) as T;
  }

  async registerCloud(emu: Emulator, name: string, arm: string, armAudience: string): Promise<void> {
    const file = join(this.configDir, 'emulator-cloud.json');
    await writeFile(file, JSON.stringify(cloudConfig(emu, arm, armAudience), null, 2));
    await this.json(['cloud', 'register', '--name', name, '--cloud-config', `@${file}`], emu);
    await this.json(['cloud', 'set', '--name', name], emu);
  }

  async dispose(): Promise<void> {
    await rm(this.configDir, { recursive: true, force: true });
  }
}

/** Arguments with the value after --federated-token / --password hidden. */
function redact(args: string[]): string[] {
  return args.map((a, i) => (i > 0 && /^--(federated-token|password|secret)$/.test(args[i - 1] ?? '') ? '***' : a));
}

export function formatRequests(entries: RequestLogEntry[]): string {
  return entries.map((e) => `  ${e.service} ${e.method} ${e.path} → ${e.status}${e.unmodelled ? ' (unmodelled)' : ''}`).join('\n');
}
