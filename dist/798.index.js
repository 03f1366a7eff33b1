export const id = 798;
export const ids = [798];
export const modules = {

/***/ 4798:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareKeyVault: () => (/* binding */ prepareKeyVault)
});

// EXTERNAL MODULE: ./node_modules/@azure/keyvault-secrets/dist/esm/index.js + 47 modules
var esm = __webpack_require__(9336);
// EXTERNAL MODULE: ./src/entra/credential.ts
var entra_credential = __webpack_require__(2359);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/secret/github-delivery.ts + 1 modules
var github_delivery = __webpack_require__(5583);
// EXTERNAL MODULE: ./src/settings/key-vault.ts
var key_vault = __webpack_require__(8955);
;// CONCATENATED MODULE: ./src/keyvault/errors.ts


/** The HTTP status Key Vault answered a failed call with, when it answered at all (the SDK's RestError, or one wrapped in an ActionError). */
function vaultStatus(error) {
    const rest = (0,errors/* causeChain */.DD)(error).find(esm/* isRestError */.T0);
    return rest?.statusCode;
}
/** Key Vault refused the call (a 4xx other than 408 and 429): it certainly changed nothing. Anything else, no answer included, may have. */
function refused(status) {
    return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}
/** Key Vault's own error code and inner code ({"error":{"code","message","innererror":{"code"}}}), as the SDK keeps them in RestError.details. */
function codes(error) {
    const details = (0,esm/* isRestError */.T0)(error) ? error.details : undefined;
    return { code: details?.error?.code ?? ((0,esm/* isRestError */.T0)(error) ? error.code : undefined), inner: details?.error?.innerError?.code };
}
/**
 * A failed call to the vault as the user reads it: what was attempted, Key Vault's status, code and the
 * first line of its message (the rest of a 403's message repeats the caller and the resource), and what
 * to do about it. Never includes a secret value: Key Vault's errors carry none.
 */
function vaultError(operation, context, error) {
    const { description, secretName } = context;
    const status = vaultStatus(error);
    const { code, inner } = codes(error);
    const text = (error instanceof Error ? error.message : String(error)).split(/\r?\n/)[0]?.trim() ?? '';
    const answer = status === undefined ? `got no answer: ${text}` : `answered HTTP ${status}${code ? ` ${code}` : ''}${inner ? ` (${inner})` : ''}: ${text}`;
    const verb = operation === 'read' ? `Reading ${secretName} from` : `Writing ${secretName} to`;
    return new errors/* ActionError */.lZ(`${verb} ${description} failed: the vault ${answer}`, { hint: hintFor({ status, inner, operation }, context), cause: error });
}
function hintFor(failure, context) {
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
        return (`Give the deployer identity the role "Key Vault Secrets Officer" on the vault: ` +
            `az role assignment create --role "Key Vault Secrets Officer" --assignee ${clientId} --scope <vault resource id> ` +
            `(the ID: az keyvault show --name ${vaultName} --query id -o tsv). A new role assignment can take some minutes to apply. ` +
            'A vault that uses access policies instead of Azure RBAC needs the secret permissions Get and Set for the deployer identity.');
    }
    if (status === 409 && inner === 'ObjectIsDeletedButRecoverable') {
        // Soft delete keeps a deleted secret's name until it is recovered or purged (learn.microsoft.com/azure/key-vault/general/soft-delete-overview;
        // commands from learn.microsoft.com/azure/key-vault/general/key-vault-recovery).
        return (`The secret ${secretName} was deleted and the vault keeps it for recovery (soft delete), so its name cannot be written. ` +
            `Recover it (az keyvault secret recover --vault-name ${vaultName} --name ${secretName}) and run again: the run then replaces its value; ` +
            `or purge it for good (az keyvault secret purge --vault-name ${vaultName} --name ${secretName}, which needs the purge permission); ` +
            'or choose another key-vault-secret-name.');
    }
    if (status === 409)
        return `Another operation on ${secretName} is under way (${inner ?? 'Conflict'}); run the workflow again in a minute.`;
    if (status === 429 || status >= 500)
        return 'Key Vault is busy or failing; run the workflow again later.';
    return undefined;
}

;// CONCATENATED MODULE: ./src/keyvault/destination.ts






/**
 * The Key Vault REST API version the client speaks: pinned, so that a newer @azure/keyvault-secrets
 * does not change what goes over the wire unnoticed (learn.microsoft.com/rest/api/keyvault/secrets,
 * 2025-07-01; the emulator answers it).
 */
const SERVICE_VERSION = '2025-07-01';
/**
 * The deployer identity for Key Vault: the same federated sign-in as Graph's (entra/credential.ts).
 * Key Vault's 401 challenge names the vault's tenant, which @azure/keyvault-secrets asks the credential
 * for; the deployer signs in to tenant-id only, so a vault of another tenant refuses the token instead of
 * the run signing in elsewhere. Every token is masked the moment it arrives, as Graph's are.
 */
function vaultCredential(access) {
    const credential = (0,entra_credential/* federatedCredential */.i)(access);
    return {
        async getToken(scopes, options) {
            const token = await credential.getToken(scopes, { ...options, tenantId: undefined });
            if (token)
                access.mask(token.token);
            return token;
        },
    };
}
/**
 * Key Vault as a destination: one secret holds the client secret; each delivery writes a new version
 * with content type "<app>:<client ID>:<key ID>" (as github.com/HELP-Forsikring/entraid-secret-rotator
 * labels its secrets, EntraIDSecretRotator/Models/KeyVaultSecretInfo.cs) and tags clientId and tenantId,
 * so that an agent on the portal host can tell secrets apart, and the client secret's end date as its
 * expiry. Reads when the secret was last written (attributes.updated) before anything changes in Entra:
 * a deployer without access fails the run there.
 */
async function prepareKeyVault(delivery, access) {
    const client = new esm/* SecretClient */._V(delivery.vaultUrl, vaultCredential(access), {
        serviceVersion: SERVICE_VERSION,
        // The challenge names https://vault.azure.net, which the SDK matches against the vault's host; a vault
        // outside the cloud's DNS suffix (allow-custom-endpoints, e.g. the emulator) cannot match it.
        disableChallengeResourceVerification: delivery.customHost,
    });
    const name = delivery.secretName;
    const context = { description: `key vault ${(0,key_vault/* vaultName */._G)(delivery)}`, vaultName: (0,key_vault/* vaultName */._G)(delivery), secretName: name, clientId: access.clientId };
    const readUpdatedAt = () => updatedAt(client, context);
    const secretUpdatedAt = await readUpdatedAt();
    return {
        description: context.description,
        secretName: name,
        ready: `${context.description} can be read by the deployer identity; the client secret goes to its secret ${name}.`,
        secretUpdatedAt,
        deliver: (values) => write(client, { delivery, context }, values),
        readUpdatedAt,
        statusOf: vaultStatus,
    };
}
/**
 * Get Secret's attributes.updated (Unix seconds, learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret)
 * as an ISO time; null when the vault has no such secret (404, a soft-deleted one included). The value
 * comes along and is dropped at once.
 */
async function updatedAt(client, context) {
    let secret;
    try {
        secret = await client.getSecret(context.secretName);
    }
    catch (error) {
        if (vaultStatus(error) === 404)
            return null;
        throw vaultError('read', context, error);
    }
    const updated = secret.properties.updatedOn;
    if (!updated)
        throw new errors/* ActionError */.lZ(`${context.description} answered for ${context.secretName} without attributes.updated, so what it holds cannot be told.`);
    return updated.toISOString();
}
/**
 * One Set Secret (learn.microsoft.com/rest/api/keyvault/secrets/set-secret/set-secret). A refusal (a 4xx
 * other than 408 and 429) certainly wrote nothing; a failure without an answer, or another status, may
 * have written the new version.
 */
async function write(client, target, values) {
    const { delivery, context } = target;
    try {
        const written = await client.setSecret(context.secretName, values.clientSecret, {
            contentType: `${delivery.appName}:${values.clientId}:${values.keyId}`,
            tags: { clientId: values.clientId, tenantId: values.tenantId },
            enabled: true,
            ...(values.endDateTime ? { expiresOn: new Date(values.endDateTime) } : {}),
        });
        return [`${context.secretName}: version ${written.properties.version ?? '?'} written in ${context.description}`];
    }
    catch (error) {
        throw new github_delivery/* DeliveryFailed */._C(refused(vaultStatus(error)) ? 'no' : 'maybe', vaultError('write', context, error));
    }
}


/***/ })

};
