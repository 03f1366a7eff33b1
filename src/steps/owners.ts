import type { RunContext } from '../context.ts';
import { ActionError } from '../errors.ts';
import type { Owner, Ownership } from '../graph/directory.ts';
import type { Application } from '../graph/types.ts';
import type { OwnerPolicy } from '../settings/settings.ts';

/** An owner other than the deployer identity, and whether allowed-owners lists it. */
export interface OtherOwner {
  readonly owner: Owner;
  readonly listed: boolean;
}

const KINDS: Readonly<Record<string, string>> = { user: 'user', servicePrincipal: 'service principal', group: 'group', application: 'application' };
const MAX_SHOWN = 120;

/**
 * Text from the tenant (a display name) as one double-quoted line: control characters and the Unicode
 * line separators escaped, so it can neither end a log line and start a workflow command on the next
 * ("::" at the start of a line, docs.github.com/actions/reference/workflows-and-actions/workflow-commands)
 * nor end its quotes.
 */
export function tenantText(text: string): string {
  const short = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return JSON.stringify(short).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "service principal 1f0c… "Contoso deploy"", "user 9a2e… (display name not readable by the deployer identity)". */
export function describeOwner(owner: Owner): string {
  const name = owner.displayName === null ? '(display name not readable by the deployer identity)' : tenantText(owner.displayName);
  return `${KINDS[owner.type] ?? owner.type} ${owner.id} ${name}`;
}

/** The line the log and the job summary show for an owner other than the deployer. */
export function describeOtherOwner({ owner, listed }: OtherOwner): string {
  return `${describeOwner(owner)}: ${listed ? 'listed in allowed-owners' : 'not listed, accepted by allow-other-owners'}`;
}

/**
 * The registration's owners against the owner policy, before any write: every owner but the deployer
 * identity is returned for the report; one that allowed-owners does not list stops the run, unless
 * allow-other-owners. An owner may "manage all aspects of Microsoft Entra configuration for a specific
 * application" (learn.microsoft.com/entra/identity/role-based-access-control/delegate-app-roles, "Assign
 * application owners"), client secrets and redirect URIs included, so a registration
 * someone else created under the derived uniqueName, with the deployer added as a co-owner, is refused
 * rather than adopted. Pure.
 */
export function judgeOwners(policy: OwnerPolicy, application: Pick<Application, 'id' | 'appId' | 'displayName'>, ownership: Ownership, foundBy: string): OtherOwner[] {
  const deployer = ownership.deployerObjectId?.toLowerCase();
  const others = ownership.owners
    .filter((o) => o.id.toLowerCase() !== deployer)
    .map((owner) => ({ owner, listed: policy.allowed.includes(owner.id.toLowerCase()) }));
  const unlisted = others.filter((o) => !o.listed);
  if (unlisted.length === 0 || policy.allowOthers) return others;
  const registration = `The app registration ${tenantText(application.displayName)} (client ID ${application.appId}, object ID ${application.id}), found by ${foundBy}`;
  const unreadDeployer = deployer === undefined ? ' (the deployer identity\'s own service principal could not be read, so it may be among them)' : '';
  throw new ActionError(
    `${registration}, has ${unlisted.length === 1 ? 'an owner' : `${unlisted.length} owners`} besides the deployer identity that allowed-owners does not list${unreadDeployer}:\n` +
      `${unlisted.map((o) => `  - ${describeOwner(o.owner)}`).join('\n')}\n` +
      'Every owner of a registration can add client secrets of its own and change its redirect URIs, so it could sign in as the portal or receive its users\' sign-ins. Nothing was written.',
    {
      hint:
        'If these owners belong there (an administrator, another deployer), list their object IDs in allowed-owners, one per line, or set allow-other-owners: true to accept any owner and have each reported. ' +
        `If not, have an administrator remove them (az ad app owner remove --id ${application.appId} --owner-object-id <object ID>); ` +
        'if someone else created this registration under the key this action uses, leave it alone and set unique-name to another key, so the action creates a registration of its own.',
    },
  );
}

/**
 * Judges the owners of a registration the run found and reports every owner other than the deployer in
 * the log; throws before any write when one is not allowed. Returns the lines for the job summary.
 */
export function reportOwners(ctx: Pick<RunContext, 'settings' | 'runtime'>, application: Application, ownership: Ownership, foundBy: string): string[] {
  const others = judgeOwners(ctx.settings.registration.owners, application, ownership, foundBy);
  for (const other of others) {
    const line = `The registration has an owner besides the deployer identity: ${describeOtherOwner(other)}.`;
    if (other.listed) ctx.runtime.info(line);
    else ctx.runtime.warning(`${line} It can add client secrets of its own; list it in allowed-owners once it is known to belong there.`);
  }
  return others.map(describeOtherOwner);
}
