import { isRestError } from '@azure/keyvault-secrets';
import { ActionError, causeChain } from '../errors.ts';

/** What a Key Vault error message needs: the vault as people name it, the secret, and the deployer identity. */
export interface VaultContext {
  /** "key vault contoso-kv". */
  readonly description: string;
  /** contoso-kv, or the host of a vault outside the cloud's DNS suffix. */
  readonly vaultName: string;
  readonly secretName: string;
  /** The deployer identity's client ID, which needs the role. */
  readonly clientId: string;
}

/** The HTTP status Key Vault answered a failed call with, when it answered at all (the SDK's RestError, or one wrapped in an ActionError). */
export function vaultStatus(error: unknown): number | undefined {
  const rest = causeChain(error).find(isRestError);
  return rest?.statusCode;
}

/** Key Vault refused the call (a 4xx other than 408 and 429): it certainly changed nothing. Anything else, no answer included, may have. */
export function refused(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Key Vault's own error code and inner code ({"error":{"code","message","innererror":{"code"}}}), as the SDK keeps them in RestError.details. */
function codes(error: unknown): { code: string | undefined; inner: string | undefined } {
  const details = isRestError(error) ? (error.details as { error?: { code?: string; innerError?: { code?: string } } } | undefined) : undefined;
  return { code: details?.error?.code ?? (isRestError(error) ? error.code : undefined), inner: details?.error?.innerError?.code };
}

/**
 * A failed call to the vault as the user reads it: what was attempted, Key Vault's status, code and the
 * first line of its message (the rest of a 403's message repeats the caller and the resource), and what
 * to do about it. Never includes a secret value: Key Vault's errors carry none.
 */
export function vaultError(operation: 'read' | 'write', context: VaultContext, error: unknown): ActionError {
  const { description, secretName } = context;
  const status = vaultStatus(error);
  const { code, inner } = codes(error);
  const text = (error instanceof Error ? error.message : String(error)).split(/\r?\n/)[0]?.trim() ?? '';
  const answer = status === undefined ? `got no answer: ${text}` : `answered HTTP ${status}${code ? ` ${code}` : ''}${inner ? ` (${inner})` : ''}: ${text}`;
  const verb = operation === 'read' ? `Reading ${secretName} from` : `Writing ${secretName} to`;
  return new ActionError(`${verb} ${description} failed: the vault ${answer}`, { hint: hintFor({ status, inner, operation }, context), cause: error });
}

function hintFor(failure: { status: number | undefined; inner: string | undefined; operation: 'read' | 'write' }, context: VaultContext): string | undefined {
  const { vaultName, secretName, clientId } = context;
  const { status, inner } = failure;
  if (status === undefined) {
    return 'Check key-vault-url and that the runner can reach the vault: a vault with a firewall or a private endpoint must admit the runner (learn.microsoft.com/azure/key-vault/general/network-security).';
  }
  if (status === 401) {
    return 'The vault refused the deployer identity\'s access token. The vault must belong to the tenant of tenant-id (the action signs in there only), and key-vault-url must be a vault of the selected cloud.';
  }
  if (status === 403 && (inner === 'ForbiddenByFirewall' || inner === 'ForbiddenByConnection')) {
    return 'The vault\'s network rules do not admit the runner: allow its address, or run the job on a runner inside the vault\'s network (learn.microsoft.com/azure/key-vault/general/network-security).';
  }
  if (status === 403) {
    // Key Vault Secrets Officer: "Perform any action on the secrets of a key vault" (learn.microsoft.com/azure/role-based-access-control/built-in-roles/security);
    // assigned as in learn.microsoft.com/azure/key-vault/general/rbac-guide. A vault using access policies needs Get and Set instead.
    return (
      `Give the deployer identity the role "Key Vault Secrets Officer" on the vault: ` +
      `az role assignment create --role "Key Vault Secrets Officer" --assignee ${clientId} --scope <vault resource id> ` +
      `(the ID: az keyvault show --name ${vaultName} --query id -o tsv). A new role assignment can take some minutes to apply. ` +
      'A vault that uses access policies instead of Azure RBAC needs the secret permissions Get and Set for the deployer identity.'
    );
  }
  if (status === 409 && inner === 'ObjectIsDeletedButRecoverable') {
    // Soft delete keeps a deleted secret's name until it is recovered or purged (learn.microsoft.com/azure/key-vault/general/soft-delete-overview;
    // commands from learn.microsoft.com/azure/key-vault/general/key-vault-recovery).
    return (
      `The secret ${secretName} was deleted and the vault keeps it for recovery (soft delete), so its name cannot be written. ` +
      `Recover it (az keyvault secret recover --vault-name ${vaultName} --name ${secretName}) and run again: the run then replaces its value; ` +
      `or purge it for good (az keyvault secret purge --vault-name ${vaultName} --name ${secretName}, which needs the purge permission); ` +
      'or choose another key-vault-secret-name.'
    );
  }
  if (status === 409) return `Another operation on ${secretName} is under way (${inner ?? 'Conflict'}); run the workflow again in a minute.`;
  if (status === 429 || status >= 500) return 'Key Vault is busy or failing; run the workflow again later.';
  return undefined;
}
