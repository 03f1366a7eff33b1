import type { Reply } from '../types.ts';

// Key Vault's error body: {"error":{"code","message","innererror"?}} ("KeyVaultError" / "Error" in every
// operation's "Other Status Codes" answer, e.g. learn.microsoft.com/rest/api/keyvault/secrets/set-secret/set-secret#keyvaulterror).

export function kvError(status: number, code: string, message: string, more: { inner?: string; headers?: Record<string, string>; unmodelled?: boolean } = {}): Reply {
  const error: Record<string, unknown> = { code, message };
  if (more.inner) error.innererror = { code: more.inner };
  return { status, body: { error }, ...(more.headers ? { headers: more.headers } : {}), ...(more.unmodelled ? { unmodelled: true } : {}) };
}

/**
 * A secret that does not exist, or is soft-deleted: 404 SecretNotFound. Wording as the Azure CLI and
 * the SDKs quote it (UNCONFIRMED: not on learn.microsoft.com).
 */
export function secretNotFound(nameOrId: string): Reply {
  return kvError(
    404,
    'SecretNotFound',
    `A secret with (name/id) ${nameOrId} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
  );
}

/**
 * Set Secret on a name that is soft-deleted: "you can't reuse the name of a … secret … that has been
 * soft-deleted" until it is recovered or purged (learn.microsoft.com/azure/key-vault/general/soft-delete-overview).
 * 409 Conflict with innererror ObjectIsDeletedButRecoverable, worded as users quote it
 * (github.com/external-secrets/external-secrets/issues/3519, github.com/Azure/azure-sdk-for-python/issues/9743).
 */
export function deletedButRecoverable(name: string): Reply {
  return kvError(409, 'Conflict', `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`, {
    inner: 'ObjectIsDeletedButRecoverable',
  });
}

/**
 * A caller without the data action on the vault: 403 Forbidden, innererror ForbiddenByRbac
 * (learn.microsoft.com/azure/key-vault/general/rest-error-codes, HTTP 403; learn.microsoft.com/azure/key-vault/general/rbac-guide,
 * troubleshooting). The message's lines as the service writes them (quoted in many reports; UNCONFIRMED in detail).
 */
export function forbiddenByRbac(caller: { appId: string; objectId: string; issuer: string }, action: string, resource: string): Reply {
  const message = [
    'Caller is not authorized to perform action on resource.',
    'If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.',
    `Caller: appid=${caller.appId};oid=${caller.objectId};iss=${caller.issuer}`,
    `Action: '${action}'`,
    `Resource: '${resource.toLowerCase()}'`,
    'Assignment: (not found)',
    'DenyAssignmentId: null',
    'DecisionReason: null ',
  ].join('\r\n');
  return kvError(403, 'Forbidden', message, { inner: 'ForbiddenByRbac' });
}
