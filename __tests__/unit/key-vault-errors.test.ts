import { RestError } from '@azure/keyvault-secrets';
import { ActionError, describeError } from '../../src/errors.ts';
import { refused, vaultError, vaultStatus, type VaultContext } from '../../src/keyvault/errors.ts';

// How a failed Key Vault call is reported: Key Vault's status and codes, the first line of its message,
// and the hint that fits; and whether a failed write certainly changed nothing.

const CONTEXT: VaultContext = { description: 'key vault contoso-kv', vaultName: 'contoso-kv', secretName: 'portal-secret', clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' };

/** A RestError as @azure/keyvault-secrets throws it: details hold Key Vault's {"error":{…}} body. */
function restError(statusCode: number, error: { code: string; message: string; inner?: string }): RestError {
  const e = new RestError(error.message, { statusCode, code: error.code });
  e.details = { error: { code: error.code, message: error.message, innerError: error.inner ? { code: error.inner } : undefined } };
  return e;
}

test('403 ForbiddenByRbac: the status, the codes, only the first line of the message, and the role assignment to make', () => {
  const error = vaultError('write', CONTEXT, restError(403, { code: 'Forbidden', message: 'Caller is not authorized to perform action on resource.\r\nCaller: appid=x', inner: 'ForbiddenByRbac' }));
  expect(error.message).toBe('Writing portal-secret to key vault contoso-kv failed: the vault answered HTTP 403 Forbidden (ForbiddenByRbac): Caller is not authorized to perform action on resource.');
  expect(error.hint).toContain(`az role assignment create --role "Key Vault Secrets Officer" --assignee ${CONTEXT.clientId} --scope <vault resource id>`);
  expect(error.hint).toContain('az keyvault show --name contoso-kv --query id -o tsv');
  expect(vaultStatus(error)).toBe(403);
});

test.each<[string, number | undefined, string | undefined, string]>([
  ['no answer', undefined, undefined, 'Check key-vault-url and that the runner can reach the vault'],
  ['401', 401, undefined, 'must belong to the tenant of tenant-id'],
  ['403 ForbiddenByFirewall', 403, 'ForbiddenByFirewall', "network rules do not admit the runner"],
  ['409 ObjectIsDeletedButRecoverable', 409, 'ObjectIsDeletedButRecoverable', 'az keyvault secret recover --vault-name contoso-kv --name portal-secret'],
  ['409 ObjectIsBeingRecovered', 409, 'ObjectIsBeingRecovered', 'Another operation on portal-secret is under way (ObjectIsBeingRecovered)'],
  ['503', 503, undefined, 'Key Vault is busy or failing'],
])('%s: the hint that fits', (_, status, inner, hint) => {
  const cause = status === undefined ? Object.assign(new Error('getaddrinfo ENOTFOUND contoso-kv.vault.azure.net'), { code: 'ENOTFOUND' }) : restError(status, { code: 'X', message: 'm', inner });
  const error = vaultError('read', CONTEXT, cause);
  expect(error).toBeInstanceOf(ActionError);
  expect(error.message.startsWith('Reading portal-secret from key vault contoso-kv failed: the vault ')).toBe(true);
  expect(describeError(error)).toContain(hint);
});

test('a write refused with a 4xx other than 408 and 429 certainly wrote nothing; anything else may have', () => {
  expect([400, 401, 403, 404, 409].map(refused)).toEqual([true, true, true, true, true]);
  expect([undefined, 408, 429, 500, 503].map(refused)).toEqual([false, false, false, false, false]);
});
