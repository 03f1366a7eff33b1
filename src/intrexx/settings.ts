/**
 * The writer's inputs, read once into a complete, validated settings object. Every problem is
 * reported at once, naming the input and the values it accepts; none quotes the client secret.
 */
import path from 'node:path';
import { SettingsError } from './errors.ts';

/** Reads an input as the runner passed it ('' when unset). */
export type InputReader = (name: string) => string;

/** The values the portal should hold. */
export interface Desired {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Unset: the tenant in the provider's URLs is left as it is. */
  readonly tenantId?: string;
}

/** Which file to edit: the login module's provider in om.cfg, or one Connector API connector file. */
export type Target = { readonly kind: 'om-cfg'; readonly provider: string } | { readonly kind: 'connector'; readonly fileName: string };

export interface Restart {
  readonly mode: 'linux' | 'windows';
  /** The systemd unit (Linux) or the Windows service's name or display name. */
  readonly service: string;
}

export interface Settings {
  readonly portalDir: string;
  readonly target: Target;
  readonly desired: Desired;
  readonly restart?: Restart;
  readonly wait?: { readonly url: string; readonly timeoutSeconds: number };
  readonly dryRun: boolean;
  /** Inputs that were given but have no effect with the others. */
  readonly warnings: readonly string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;
const CONNECTOR_FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
const SERVICE = /^[A-Za-z0-9_.@:][A-Za-z0-9 _.@:-]{0,127}$/;

/** Settings from the inputs, or a SettingsError listing every problem. */
export function parseSettings(input: InputReader): Settings {
  const problems: string[] = [];
  const warnings: string[] = [];
  const read = new Reader(input, problems);

  const portalDir = read.required('portal-dir', 'the portal folder, e.g. /opt/intrexx/org/myportal');
  const target = readTarget(read, warnings);
  const desired = readDesired(read);
  const mode = read.oneOf('restart', ['none', 'linux', 'windows'], 'none');
  const restart = readRestart(read, mode, portalDir);
  const waitUrl = read.url('wait-url');
  const timeoutSeconds = read.integer('wait-timeout-seconds', { min: 1, max: 3600, fallback: 300 });
  const dryRun = read.boolean('dry-run');
  if (target?.kind === 'connector' && desired.tenantId) warnings.push('tenant-id is ignored with target: connector.');
  if (waitUrl && mode === 'none') warnings.push('wait-url is used only after a restart; with restart: none it is ignored.');

  if (problems.length > 0) throw new SettingsError(problems);
  return {
    portalDir: path.resolve(portalDir),
    target: target as Target,
    desired,
    ...(restart ? { restart } : {}),
    ...(waitUrl && restart ? { wait: { url: waitUrl, timeoutSeconds } } : {}),
    dryRun,
    warnings,
  };
}

function readTarget(read: Reader, warnings: string[]): Target | undefined {
  const kind = read.oneOf('target', ['om-cfg', 'connector']);
  const provider = read.optional('provider');
  const connector = read.optional('connector');
  if (kind === 'om-cfg') {
    if (connector) warnings.push('connector is ignored with target: om-cfg.');
    if (!provider) return read.problem('provider is required with target: om-cfg: the name of the <oauth2 name="…"> block in om.cfg, e.g. azure.');
    if (/[^\x20-\x7e\u00a0-\uffff]|["<>&]/.test(provider)) return read.problem('provider must be a plain name without quotes, <, > or &, as in <oauth2 name="azure">.');
    return { kind, provider };
  }
  if (kind === 'connector') {
    if (provider) warnings.push('provider is ignored with target: connector.');
    if (!connector) return read.problem('connector is required with target: connector: the connector file in internal/cfg/odata/connector, e.g. msoffice365_mail (".xml" optional).');
    const fileName = connector.toLowerCase().endsWith('.xml') ? connector : `${connector}.xml`;
    if (!CONNECTOR_FILE.test(fileName)) return read.problem('connector must be a file name in internal/cfg/odata/connector (letters, digits, "_", "-", "."), without a folder.');
    return { kind, fileName };
  }
  return undefined;
}

function readDesired(read: Reader): Desired {
  const clientId = read.required('client-id', "the application (client) ID, a GUID");
  if (clientId && !GUID.test(clientId)) read.problem('client-id must be the application (client) ID, a GUID such as 00000000-0000-0000-0000-000000000000.');
  const clientSecret = read.required('client-secret', 'the client secret value');
  if (clientSecret && !/^[\x21-\x7e]{1,255}$/.test(clientSecret)) {
    read.problem('client-secret must be 1 to 255 printable ASCII characters without spaces, as Entra client secret values are (the value is not shown).');
  } else if (GUID.test(clientSecret)) {
    read.problem("client-secret is shaped like a GUID: that is the secret's ID, not its value. Pass the value (about 40 characters).");
  }
  const tenantId = read.optional('tenant-id');
  if (tenantId && !TENANT.test(tenantId)) read.problem('tenant-id must be the directory (tenant) ID, a GUID, or a domain such as contoso.onmicrosoft.com.');
  return { clientId, clientSecret, ...(tenantId ? { tenantId } : {}) };
}

function readRestart(read: Reader, mode: string | undefined, portalDir: string): Restart | undefined {
  if (mode !== 'linux' && mode !== 'windows') return undefined;
  const portal = path.basename(portalDir.replace(/[\\/]+$/, ''));
  const service = read.optional('portal-service') || (mode === 'linux' ? `upixp_${portal}` : `Intrexx Portal ${portal}`);
  if (!SERVICE.test(service) || (mode === 'linux' && service.includes(' '))) {
    read.problem(
      `portal-service must be a service name of letters, digits, "_", ".", "@", ":", "-"${mode === 'windows' ? ' and spaces' : ''}` +
        ` (defaults: Linux upixp_<portal>, Windows "Intrexx Portal <portal>"; <portal> is the last folder of portal-dir).`,
    );
    return undefined;
  }
  return { mode, service };
}

/** Input reading that collects problems instead of stopping at the first. */
class Reader {
  private readonly input: InputReader;
  private readonly problems: string[];

  constructor(input: InputReader, problems: string[]) {
    this.input = input;
    this.problems = problems;
  }

  problem(message: string): undefined {
    this.problems.push(message);
    return undefined;
  }

  optional(name: string): string {
    return this.input(name).trim();
  }

  required(name: string, what: string): string {
    const value = this.optional(name);
    if (!value) this.problem(`${name} is required: ${what}.`);
    return value;
  }

  oneOf(name: string, allowed: readonly string[], fallback?: string): string | undefined {
    const value = this.optional(name) || fallback;
    if (value !== undefined && allowed.includes(value)) return value;
    return this.problem(`${name} must be one of ${allowed.join(', ')}${value === undefined ? '' : ` (got "${value}")`}.`);
  }

  boolean(name: string): boolean {
    const value = this.optional(name) || 'false';
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (!['false', 'False', 'FALSE'].includes(value)) this.problem(`${name} must be true or false (got "${value}").`);
    return false;
  }

  integer(name: string, range: { min: number; max: number; fallback: number }): number {
    const value = this.optional(name);
    if (!value) return range.fallback;
    const parsed = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
    if (parsed >= range.min && parsed <= range.max) return parsed;
    this.problem(`${name} must be a whole number from ${range.min} to ${range.max} (got "${value}").`);
    return range.fallback;
  }

  url(name: string): string | undefined {
    const value = this.optional(name);
    if (!value) return undefined;
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password) return url.href;
    return this.problem(`${name} must be the portal's base URL, http(s)://host[:port]/path, without user or password.`);
  }
}
