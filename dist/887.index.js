export const id = 887;
export const ids = [887];
export const modules = {

/***/ 4887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/settings/clouds.ts
var clouds = __webpack_require__(855);
;// CONCATENATED MODULE: ./src/entra/jwt-claims.ts
/** The claims of a JWT, decoded without verification: only to tell the user what a token said. */
function decodeClaims(jwt) {
    const payload = jwt.split('.')[1];
    if (!payload)
        return {};
    try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? claims : {};
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/entra/sign-in.ts



/** AADSTS codes of a federated credential that does not match the presented token (FACTS §3). */
const FEDERATION_MISMATCH = new Set(['70021', '700211', '700212', '700213', '7002138']);
const REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * Exchanges the GitHub OIDC token for a Graph token (workload identity federation), once; the
 * token is reused until shortly before it expires.
 */
async function signInToGraph(settings, idToken) {
    // The OIDC token is requested while MSAL loads; a job without id-token: write fails here, plainly.
    const [{ ClientAssertionCredential }] = await Promise.all([__webpack_require__.e(/* import() */ 76).then(__webpack_require__.bind(__webpack_require__, 2076)), idToken()]);
    const credential = new ClientAssertionCredential(settings.tenantId, settings.deployerClientId, idToken, {
        authorityHost: settings.cloud.authorityHost,
        // Instance discovery asks login.microsoftonline.com about the host; only Microsoft's hosts are known there.
        disableInstanceDiscovery: !(0,clouds/* isMicrosoftAuthority */.as)(settings.cloud.authorityHost),
    });
    const scope = (0,clouds/* graphScope */.H1)(settings.cloud);
    let cached;
    const getAccessToken = async () => {
        if (cached && cached.expiresOnTimestamp - Date.now() > REFRESH_MARGIN_MS)
            return cached.token;
        try {
            const token = await credential.getToken(scope);
            cached = { token: token.token, expiresOnTimestamp: token.expiresOnTimestamp };
            return token.token;
        }
        catch (error) {
            throw await signInError(settings, idToken, error);
        }
    };
    await getAccessToken();
    return { getAccessToken };
}
async function signInError(settings, idToken, error) {
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    const text = error instanceof Error ? error.message : String(error);
    const code = /AADSTS(\d+)/.exec(text)?.[1];
    const firstLine = (/AADSTS\d+:[^\r\n]*/.exec(text)?.[0] ?? text.split('\n')[0] ?? '').trim();
    const where = `tenant ${settings.tenantId} at ${settings.cloud.authorityHost}`;
    if (code && FEDERATION_MISMATCH.has(code)) {
        const claims = decodeClaims(await idToken().catch(() => ''));
        const iss = String(claims.iss ?? '?');
        const sub = String(claims.sub ?? '?');
        const aud = String(Array.isArray(claims.aud) ? claims.aud.join(',') : claims.aud ?? '?');
        return new errors/* ActionError */.lZ(`Entra ID rejected the GitHub OIDC token for the deployer identity ${settings.deployerClientId} in ${where}: ${firstLine}\n` +
            `The token presented: iss=${iss} sub=${sub} aud=${aud}`, {
            hint: `Add a federated credential to the deployer identity with exactly this issuer, subject and audience (matched case-sensitively): ` +
                `az ad app federated-credential create --id ${settings.deployerClientId} --parameters ` +
                `'{"name":"github-${sub.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 100)}","issuer":"${iss}","subject":"${sub}","audiences":["${aud}"]}'`,
            cause: error,
        });
    }
    if (code === '700016') {
        return new errors/* ActionError */.lZ(`Entra ID does not know the deployer identity ${settings.deployerClientId} in ${where}: ${firstLine}`, {
            hint: 'Check client-id (the deployer app registration or managed identity), tenant-id and cloud: the app must be registered in that tenant and cloud.',
            cause: error,
        });
    }
    if (code === '90002' || code === '900023') {
        return new errors/* ActionError */.lZ(`Entra ID does not know tenant ${settings.tenantId} at ${settings.cloud.authorityHost}: ${firstLine}`, {
            hint: 'Check tenant-id (the directory ID or a verified domain) and cloud.',
            cause: error,
        });
    }
    if (/endpoints_resolution_error|ENOTFOUND|ECONNREFUSED|certificate/i.test(text)) {
        return new errors/* ActionError */.lZ(`Could not reach the Entra authority ${settings.cloud.authorityHost} for ${where}: ${text.split('\n')[0]}`, {
            hint: 'Check cloud and authority-host; behind a proxy, set HTTPS_PROXY. AZURE_LOG_LEVEL=verbose shows the underlying error.',
            cause: error,
        });
    }
    return new errors/* ActionError */.lZ(`Failed to sign in to Microsoft Graph as ${settings.deployerClientId} in ${where}: ${firstLine || text}`, { cause: error });
}

;// CONCATENATED MODULE: ./src/retry.ts
const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
};
const DEFAULT_LIMITS = { maxAttempts: 8, maxElapsedMs: 180_000, baseDelayMs: 1_000, maxDelayMs: 30_000 };
class RetriesExhausted extends (/* unused pure expression or super */ null && (Error)) {
}
async function withRetry(context, attempt) {
    const clock = context.clock ?? systemClock;
    const limits = { ...DEFAULT_LIMITS, ...context.limits };
    const started = clock.now();
    for (let n = 1;; n++) {
        try {
            return await attempt(n);
        }
        catch (error) {
            const decision = context.classify(error);
            if (!decision.retry || n >= limits.maxAttempts)
                throw error;
            const backoff = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (n - 1));
            const jittered = Math.round(backoff * (0.5 + clock.random() / 2));
            const delay = Math.max(decision.afterMs ?? 0, jittered);
            if (clock.now() - started + delay > limits.maxElapsedMs)
                throw error;
            context.warn(`${context.operation}: ${decision.reason}; attempt ${n} of ${limits.maxAttempts} failed, retrying in ${(delay / 1000).toFixed(1)} s`);
            await clock.sleep(delay);
        }
    }
}

;// CONCATENATED MODULE: ./src/graph/graph-error.ts

/**
 * A Graph request that failed, with what a user needs to act on it: the operation and object,
 * HTTP status, Graph's error code and message, and the request-id Microsoft support asks for.
 * Graph's error body: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}
 * (learn.microsoft.com/graph/errors); some gateway errors have no body.
 */
class GraphRequestError extends errors/* ActionError */.lZ {
    status;
    code;
    graphMessage;
    requestId;
    retryAfterSeconds;
    /** True when the request may or may not have taken effect (no answer, or a gateway error). */
    outcomeUnknown;
    constructor(init) {
        const statusText = init.status === 0 ? 'no response' : `HTTP ${init.status}`;
        const requestId = init.requestId ? ` (request-id ${init.requestId})` : '';
        super(`Failed to ${init.operation}: ${statusText} ${init.code}: ${init.message}${requestId}`, {
            ...(init.hint === undefined ? {} : { hint: init.hint }),
            ...(init.cause === undefined ? {} : { cause: init.cause }),
        });
        this.name = 'GraphRequestError';
        this.status = init.status;
        this.code = init.code;
        this.graphMessage = init.message;
        this.requestId = init.requestId;
        this.retryAfterSeconds = init.retryAfterSeconds;
        this.outcomeUnknown = init.outcomeUnknown ?? false;
    }
}
function isNotFound(error) {
    return error instanceof GraphRequestError && error.status === 404;
}

;// CONCATENATED MODULE: ./src/graph/transient.ts

/** Which Graph failures are worth another attempt. Everything not listed fails at once. */
function classifyGraphError(error, options) {
    if (!(error instanceof GraphRequestError))
        return { retry: false };
    const afterMs = error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
    // 429 and 503 are throttling (learn.microsoft.com/graph/throttling); a throttled request was not applied.
    if (error.status === 429)
        return { retry: true, reason: `throttled (HTTP 429 ${error.code})`, afterMs };
    if (error.status === 409 && error.code === 'Directory_ConcurrencyViolation') {
        return { retry: true, reason: 'concurrent change of the same object (409 Directory_ConcurrencyViolation)', afterMs };
    }
    if (options.justCreated && (options.replicationStatuses ?? [404]).includes(error.status)) {
        return { retry: true, reason: `not yet replicated (HTTP ${error.status} ${error.code})`, afterMs };
    }
    if (error.status === 503 || error.status === 504 || error.status === 0 || error.status === 502) {
        // The request may have been applied; only idempotent requests are repeated blindly.
        if (!options.idempotent)
            return { retry: false };
        const what = error.status === 0 ? `no response (${error.code})` : `HTTP ${error.status} ${error.code}`;
        return { retry: true, reason: what, afterMs };
    }
    return { retry: false };
}

;// CONCATENATED MODULE: ./src/graph/types.ts
/** The parts of Graph v1.0 resources the action reads and writes (../shared/reference/graph-application-v1.0.json). */
/** Exactly the application properties the action needs, so every read is one small $select. */
const APPLICATION_FIELDS = [
    'id',
    'appId',
    'displayName',
    'uniqueName',
    'signInAudience',
    'isFallbackPublicClient',
    'web',
    'passwordCredentials',
    'requiredResourceAccess',
];
/** appId of Microsoft Graph, the same in every cloud. */
const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

;// CONCATENATED MODULE: ./src/graph/directory.ts





const SELECT = `$select=${APPLICATION_FIELDS.join(',')}`;
/** OData string literal: single quotes doubled, then percent-encoded for the URL (FACTS §2). */
function odataString(value) {
    return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}
function createDirectory(options) {
    const { http, warn, mask } = options;
    const retrying = (operation, transient, attempt) => withRetry({ operation, classify: (error) => classifyGraphError(error, transient), warn, clock: options.clock, limits: options.limits }, attempt);
    const call = (request, transient) => retrying(request.operation, transient, () => http.send(request));
    const read = async (operation, path, justCreated = false) => {
        const reply = await call({ operation, method: 'GET', path }, { idempotent: true, justCreated });
        return reply.body;
    };
    const getApplication = (id, opts = {}) => read(`read application ${id}`, `/applications/${id}?${SELECT}`, opts.justCreated);
    const removePassword = async (applicationId, keyId) => {
        try {
            await call({ operation: `remove client secret ${keyId} from application ${applicationId}`, method: 'POST', path: `/applications/${applicationId}/removePassword`, body: { keyId } }, { idempotent: true });
        }
        catch (error) {
            // Already gone (a repeated attempt whose first try succeeded, or removed by hand): the goal holds.
            if (error instanceof GraphRequestError && (error.status === 404 || (error.status === 400 && /keyId|credential/i.test(error.graphMessage))))
                return;
            throw error;
        }
    };
    /** After an addPassword whose outcome is unknown: a secret with that marker has a lost value, so it goes. */
    const removeOrphan = async (applicationId, displayName, justCreated) => {
        const app = await read(`read client secrets of application ${applicationId}`, `/applications/${applicationId}?$select=id,passwordCredentials`, justCreated);
        for (const credential of app.passwordCredentials) {
            if (credential.displayName === displayName) {
                warn(`Removing client secret ${credential.keyId} ("${displayName}"): it was added, but its value was lost with the answer.`);
                await removePassword(applicationId, credential.keyId);
            }
        }
    };
    const findServicePrincipal = async (appId) => {
        try {
            return await read(`read the service principal of application ${appId}`, `/servicePrincipals(appId='${encodeURIComponent(appId)}')?$select=id,appId`);
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw error;
        }
    };
    return {
        async lookup(uniqueName, displayName) {
            const byKeyCall = { operation: `read application with uniqueName '${uniqueName}'`, method: 'GET', path: `/applications(uniqueName=${odataString(uniqueName)})?${SELECT}` };
            const byNameCall = {
                operation: `list applications named '${displayName}'`,
                method: 'GET',
                path: `/applications?$filter=${encodeURIComponent('displayName eq ')}${odataString(displayName)}&${SELECT}&$top=999`,
            };
            const spByNameCall = {
                operation: `list service principals named '${displayName}'`,
                method: 'GET',
                path: `/servicePrincipals?$filter=${encodeURIComponent('displayName eq ')}${odataString(displayName)}&$select=id,appId&$top=999`,
            };
            const [byKey, byName, spByName] = await retrying('look up the app registration', { idempotent: true }, async () => {
                const replies = await http.batch([byKeyCall, byNameCall, spByNameCall]);
                // A throttled or failed member fails the attempt; a 404 by uniqueName is an answer.
                for (const reply of replies)
                    if (reply instanceof GraphRequestError && !(reply === replies[0] && isNotFound(reply)))
                        throw reply;
                return replies;
            });
            const byUniqueName = byKey instanceof GraphRequestError ? undefined : byKey?.body;
            const page = byName.body;
            const byDisplayName = [...(page?.value ?? [])];
            for (let next = page?.['@odata.nextLink']; next;) {
                const more = await read(byNameCall.operation, next);
                byDisplayName.push(...more.value);
                next = more['@odata.nextLink'];
            }
            // Further pages of service principals are not followed: a miss costs one direct read later.
            const servicePrincipalsByDisplayName = spByName.body?.value ?? [];
            return { byUniqueName, byDisplayName, servicePrincipalsByDisplayName };
        },
        getApplication,
        getByUniqueName: (uniqueName, opts = {}) => read(`read application with uniqueName '${uniqueName}'`, `/applications(uniqueName=${odataString(uniqueName)})?${SELECT}`, opts.justCreated),
        async upsertByUniqueName(uniqueName, body) {
            // Safe to repeat: a second upsert of the same key updates the one application (FACTS §2).
            const reply = await call({
                operation: `create application with uniqueName '${uniqueName}'`,
                method: 'PATCH',
                path: `/applications(uniqueName=${odataString(uniqueName)})`,
                headers: { Prefer: 'create-if-missing' },
                body,
            }, { idempotent: true });
            if (reply.status === 201 && reply.body)
                return { created: true, application: reply.body };
            return { created: false };
        },
        async updateApplication(id, patch, opts = {}) {
            // A PATCH sets properties to fixed values, so repeating it is harmless.
            await call({ operation: `update application ${id}`, method: 'PATCH', path: `/applications/${id}`, body: patch }, { idempotent: true, justCreated: opts.justCreated ?? false });
        },
        async ownership(applicationId, deployerClientId) {
            // Both reads in one round trip; OwnedBy may read owners of any application (FACTS §2).
            const [owners, deployer] = await http.batch([
                { operation: `read owners of application ${applicationId}`, method: 'GET', path: `/applications/${applicationId}/owners?$select=id` },
                { operation: `read the deployer's service principal`, method: 'GET', path: `/servicePrincipals(appId='${encodeURIComponent(deployerClientId)}')?$select=id` },
            ]);
            if (owners instanceof GraphRequestError)
                throw owners;
            const deployerObjectId = deployer instanceof GraphRequestError ? undefined : deployer?.body?.id;
            const ownerIds = (owners?.body?.value ?? []).map((o) => o.id);
            return { owned: deployerObjectId !== undefined && ownerIds.includes(deployerObjectId), deployerObjectId };
        },
        async addPassword(applicationId, baseDisplayName, endDateTime, opts = {}) {
            const justCreated = opts.justCreated ?? false;
            // Orphans of an unknown outcome are removed before the next attempt, so repeating is safe.
            return retrying(`add a client secret to application ${applicationId}`, { idempotent: true, justCreated }, async () => {
                // A marker per attempt: an attempt whose answer was lost can be found and removed.
                const displayName = `${baseDisplayName} ${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
                try {
                    const reply = await http.send({
                        operation: `add a client secret to application ${applicationId}`,
                        method: 'POST',
                        path: `/applications/${applicationId}/addPassword`,
                        body: { passwordCredential: { displayName, endDateTime } },
                    });
                    const credential = reply.body;
                    if (!credential?.secretText)
                        throw new GraphRequestError({ operation: 'add a client secret', status: reply.status, code: 'NoSecretText', message: 'the answer carried no secretText', outcomeUnknown: true });
                    mask(credential.secretText);
                    return credential;
                }
                catch (error) {
                    if (error instanceof GraphRequestError && error.outcomeUnknown)
                        await removeOrphan(applicationId, displayName, justCreated);
                    throw error;
                }
            });
        },
        removePassword,
        async removePasswords(applicationId, keyIds) {
            if (keyIds.length <= 1) {
                for (const keyId of keyIds)
                    await removePassword(applicationId, keyId);
                return;
            }
            // One object, several writes: in sequence inside the batch, so they do not collide (409).
            const calls = keyIds.slice(0, 20).map((keyId) => ({
                operation: `remove client secret ${keyId} from application ${applicationId}`,
                method: 'POST',
                path: `/applications/${applicationId}/removePassword`,
                body: { keyId },
            }));
            let replies;
            try {
                replies = await http.batch(calls, { sequential: true });
            }
            catch {
                replies = calls.map(() => undefined);
            }
            // Whatever the batch did not settle is removed one by one, with the usual retries.
            const unsettled = keyIds.slice(0, 20).filter((_, i) => replies[i] === undefined || replies[i] instanceof GraphRequestError);
            for (const keyId of [...unsettled, ...keyIds.slice(20)])
                await removePassword(applicationId, keyId);
        },
        findServicePrincipal,
        async createServicePrincipal(appId, opts = {}) {
            try {
                const reply = await call({ operation: `create the service principal of application ${appId}`, method: 'POST', path: '/servicePrincipals', body: { appId } }, 
                // Too early after the application's creation Graph answers 403 ("backing application … must be in the local tenant") or 404.
                { idempotent: false, justCreated: opts.justCreated ?? false, replicationStatuses: [403, 404] });
                if (!reply.body)
                    throw new GraphRequestError({ operation: `create the service principal of application ${appId}`, status: reply.status, code: 'EmptyBody', message: 'no body' });
                return reply.body;
            }
            catch (error) {
                // Another run created it first (or our first attempt's answer was lost): it exists, which is the goal.
                if (error instanceof GraphRequestError && (error.status === 409 || error.status === 400 && /already exists/i.test(error.graphMessage) || error.outcomeUnknown)) {
                    // It may itself be inside its replication window: a 404 here means "not yet", not "absent".
                    return await read(`read the service principal of application ${appId}`, `/servicePrincipals(appId='${encodeURIComponent(appId)}')?$select=id,appId`, true);
                }
                throw error;
            }
        },
        graphPermissionCatalog: () => read('read the permissions Microsoft Graph publishes', `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')?$select=id,appId,oauth2PermissionScopes,appRoles`),
        async grantAppRole(clientServicePrincipalId, resourceId, appRoleId) {
            try {
                await call({ operation: `grant app role ${appRoleId}`, method: 'POST', path: `/servicePrincipals/${resourceId}/appRoleAssignedTo`, body: { principalId: clientServicePrincipalId, resourceId, appRoleId } }, { idempotent: false, justCreated: true });
            }
            catch (error) {
                // Already granted: "Permission being assigned already exists on the object".
                if (error instanceof GraphRequestError && (error.status === 409 || /already exists/i.test(error.graphMessage)))
                    return;
                throw error;
            }
        },
        async grantDelegated(clientServicePrincipalId, resourceId, scopes) {
            const existing = await read('read delegated permission grants', `/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${clientServicePrincipalId}' and resourceId eq '${resourceId}'`)}`);
            const grant = existing.value[0];
            if (!grant) {
                await call({ operation: 'grant admin consent for delegated permissions', method: 'POST', path: '/oauth2PermissionGrants', body: { clientId: clientServicePrincipalId, consentType: 'AllPrincipals', resourceId, scope: scopes.join(' ') } }, { idempotent: false, justCreated: true });
                return;
            }
            const merged = [...new Set([...grant.scope.split(' ').filter(Boolean), ...scopes])];
            if (merged.length === grant.scope.split(' ').filter(Boolean).length)
                return;
            await call({ operation: 'extend admin consent for delegated permissions', method: 'PATCH', path: `/oauth2PermissionGrants/${grant.id}`, body: { scope: merged.join(' ') } }, { idempotent: true });
        },
    };
}

// EXTERNAL MODULE: ./node_modules/@microsoft/microsoft-graph-client/lib/src/index.js
var src = __webpack_require__(1899);
;// CONCATENATED MODULE: ./src/graph/graph-http.ts


const REQUEST_TIMEOUT_MS = 30_000;
/**
 * Graph over the official client with a middleware chain of our own: authentication and the HTTP
 * call, without the client's RetryHandler. That handler repeats POSTs such as addPassword with the
 * same body (FACTS §2), which can mint a secret whose value is lost; retries live in ../retry.ts,
 * where each caller decides what is safe to repeat.
 */
function createGraphHttp(graphEndpoint, getAccessToken) {
    const authProvider = { getAccessToken };
    const host = new URL(graphEndpoint).hostname;
    const client = src/* Client */.Kj.initWithMiddleware({
        baseUrl: graphEndpoint,
        defaultVersion: 'v1.0',
        // The auth handler attaches the token only to Microsoft Graph hosts and these (FACTS §5).
        customHosts: new Set([host]),
        middleware: [new src/* AuthenticationHandler */.zA(authProvider), new FetchHandler()],
    });
    const send = async (call) => {
        let request = client
            .api(call.path)
            .responseType(src/* ResponseType */.yl.RAW)
            .option('signal', AbortSignal.timeout(REQUEST_TIMEOUT_MS));
        for (const [name, value] of Object.entries(call.headers ?? {}))
            request = request.header(name, value);
        let response;
        try {
            response = (await dispatch(request, call));
        }
        catch (error) {
            throw networkError(call, error);
        }
        const text = await response.text();
        const body = text === '' ? undefined : parseJson(text);
        if (!response.ok)
            throw replyError(call, response.status, body, response.headers);
        return { status: response.status, body: body };
    };
    const batch = async (calls, options = {}) => {
        // Graph runs batched requests in any order unless each depends on the one before (learn: json-batching).
        const requests = calls.map((call, index) => ({
            id: String(index + 1),
            method: call.method,
            url: call.path,
            ...(options.sequential && index > 0 ? { dependsOn: [String(index)] } : {}),
            ...(call.body === undefined ? {} : { body: call.body }),
            headers: { ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...call.headers },
        }));
        const reply = await send({
            operation: calls.map((c) => c.operation).join(' and '),
            method: 'POST',
            path: '/$batch',
            body: { requests },
        });
        const responses = reply.body?.responses ?? [];
        return calls.map((call, index) => {
            const answer = responses.find((r) => r.id === String(index + 1));
            if (!answer) {
                return new GraphRequestError({ operation: call.operation, status: 0, code: 'BatchResponseMissing', message: 'the $batch answer had no response for this request', outcomeUnknown: true });
            }
            if (answer.status >= 200 && answer.status < 300)
                return { status: answer.status, body: answer.body };
            return replyError(call, answer.status, answer.body, new Headers(answer.headers ?? {}));
        });
    };
    return { send, batch };
}
/**
 * The client's HTTPMessageHandler, except that a failed connection keeps its cause: the client
 * wraps any thrown error into a GraphError that keeps only name and message.
 */
class FetchHandler {
    async execute(context) {
        try {
            context.response = await fetch(context.request, context.options);
        }
        catch (error) {
            const name = error.name;
            const cause = error.cause;
            const failure = new Error(cause?.code ? `${cause.code}: ${cause.message ?? ''}`.trim() : error.message);
            failure.name = name === 'TimeoutError' || name === 'AbortError' ? 'Timeout' : 'NetworkError';
            throw failure;
        }
    }
}
function dispatch(request, call) {
    switch (call.method) {
        case 'GET':
            return request.get();
        case 'POST':
            return request.post(call.body ?? {});
        case 'PATCH':
            return request.patch(call.body ?? {});
        case 'DELETE':
            return request.delete();
    }
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
function replyError(call, status, body, headers) {
    const error = body?.error;
    const retryAfter = Number(headers.get('retry-after'));
    return new GraphRequestError({
        operation: call.operation,
        status,
        code: error?.code ?? `HTTP${status}`,
        message: error?.message ?? (typeof body === 'string' && body !== '' ? body.slice(0, 300) : 'no error body'),
        requestId: headers.get('request-id') ?? error?.innerError?.['request-id'],
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        // A gateway error can come after the service applied the request.
        outcomeUnknown: status >= 500,
    });
}
/** The client turns a thrown error into a GraphError with statusCode -1 and code = the error's name. */
function networkError(call, error) {
    if (error instanceof GraphRequestError)
        return error;
    const code = error.code ?? 'NetworkError';
    const message = error instanceof Error ? error.message : String(error);
    return new GraphRequestError({ operation: call.operation, status: 0, code, message, outcomeUnknown: true });
}

;// CONCATENATED MODULE: ./src/plan/changes.ts
/** One line, in the user's words, for the log and the job summary. */
function describeChange(change) {
    switch (change.kind) {
        case 'create-application':
            return `create app registration "${change.displayName}" (uniqueName ${change.uniqueName})`;
        case 'adopt-application':
            return `adopt the existing app registration ${change.objectId} (set uniqueName ${change.uniqueName})`;
        case 'rename-application':
            return `rename the app registration from "${change.from}" to "${change.to}"`;
        case 'add-redirect-uri':
            return `add Web redirect URI ${change.uri}`;
        case 'enable-public-client-flows':
            return 'allow public client flows';
        case 'set-sign-in-audience':
            return `set supported account types from ${change.from ?? '(unset)'} to ${change.to}`;
        case 'add-api-permission':
            return `add Microsoft Graph ${change.type} permission ${change.permission}`;
        case 'create-service-principal':
            return 'create the service principal (enterprise application)';
        case 'grant-admin-consent':
            return `grant admin consent for ${change.permissions.join(', ')}`;
        case 'add-client-secret':
            return `add a client secret valid for ${change.lifetimeDays} days (${change.reason})`;
        case 'deliver-secrets':
            return `write ${change.names.join(', ')} to ${change.destination}`;
        case 'remove-client-secret':
            return `remove the older client secret ${change.keyId}${change.expiresAt ? ` (expires ${change.expiresAt})` : ''}`;
    }
}

;// CONCATENATED MODULE: ./src/github/secrets-api.ts

const SECRETS_TOKEN_HINT = 'GITHUB_TOKEN can never write Actions secrets. Pass github-token: a fine-grained personal access token with ' +
    '"Secrets: Read and write" on the repository (for environments also "Environments: Read"; for organization secrets the ' +
    'organization permission "Secrets: Read and write"), or a GitHub App installation token with the same permissions.';
function destinationDescription(delivery) {
    const repo = `${delivery.repository.owner}/${delivery.repository.repo}`;
    if (delivery.target === 'environment')
        return `environment ${delivery.environment} of ${repo}`;
    if (delivery.target === 'organization')
        return `organization ${delivery.repository.owner}`;
    return `repository ${repo}`;
}
/** GitHub's Actions secrets REST API (docs.github.com/rest/actions/secrets) for one destination. */
async function createSecretsDestination(delivery, apiUrl) {
    // Loaded only when secrets are delivered.
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(delivery.token, { baseUrl: apiUrl });
    const { owner, repo } = delivery.repository;
    const description = destinationDescription(delivery);
    const base = delivery.target === 'organization'
        ? `/orgs/${encodeURIComponent(owner)}/actions/secrets`
        : delivery.target === 'environment'
            ? `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/environments/${encodeURIComponent(delivery.environment ?? '')}/secrets`
            : `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/secrets`;
    const request = async (operation, method, url, body) => {
        try {
            const response = await octokit.request({ method, url, ...(body ?? {}) });
            return { status: response.status, data: response.data };
        }
        catch (error) {
            throw gitHubError(operation, description, error);
        }
    };
    let repositoryId;
    const selectedRepositoryIds = async () => {
        repositoryId ??= request(`read repository ${owner}/${repo}`, 'GET', `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`).then((r) => r.data.id);
        return [await repositoryId];
    };
    return {
        description,
        publicKey: async () => (await request(`read the public key of ${description}`, 'GET', `${base}/public-key`)).data,
        async write(name, encryptedValue, keyId) {
            const body = { encrypted_value: encryptedValue, key_id: keyId };
            if (delivery.target === 'organization') {
                body.visibility = delivery.visibility;
                if (delivery.visibility === 'selected')
                    body.selected_repository_ids = await selectedRepositoryIds();
            }
            const { status } = await request(`write secret ${name} to ${description}`, 'PUT', `${base}/${encodeURIComponent(name)}`, body);
            return status === 201 ? 'created' : 'updated';
        },
    };
}
function gitHubError(operation, description, error) {
    const status = error.status;
    const message = (error.response?.data?.message ?? error.message ?? String(error)).split('\n')[0];
    const text = `Failed to ${operation}: ${status ? `HTTP ${status}` : 'no response'}: ${message}`;
    if (status === 403 || status === 401)
        return new errors/* ActionError */.lZ(text, { hint: SECRETS_TOKEN_HINT });
    if (status === 404) {
        return new errors/* ActionError */.lZ(text, {
            hint: `Check that ${description} exists and that the token can see it (a fine-grained token must include this repository; an environment must be created first).`,
        });
    }
    return new errors/* ActionError */.lZ(text);
}

;// CONCATENATED MODULE: ./src/plan/plan-application.ts

/**
 * Compares the desired registration with what Graph holds and yields the changes and the single
 * write that applies them. Pure. Redirect URIs and permissions are only ever added: a registration
 * is shared with other Intrexx connectors that add redirect URIs of their own (FACTS §1).
 */
function planApplication(desired, actual) {
    if (!actual) {
        const changes = [
            { kind: 'create-application', displayName: desired.displayName, uniqueName: desired.uniqueName },
            ...desired.redirectUris.map((uri) => ({ kind: 'add-redirect-uri', uri })),
            { kind: 'enable-public-client-flows' },
            ...permissionChanges(desired.graphPermissions),
        ];
        return {
            changes,
            write: {
                displayName: desired.displayName,
                signInAudience: desired.signInAudience,
                isFallbackPublicClient: true,
                web: { redirectUris: [...desired.redirectUris] },
                ...(desired.graphPermissions.length > 0
                    ? { requiredResourceAccess: mergeGraphAccess([], desired.graphPermissions) }
                    : {}),
            },
        };
    }
    const changes = [];
    const write = {};
    if (actual.uniqueName === null) {
        changes.push({ kind: 'adopt-application', objectId: actual.id, uniqueName: desired.uniqueName });
        write.uniqueName = desired.uniqueName;
    }
    if (actual.displayName !== desired.displayName) {
        changes.push({ kind: 'rename-application', from: actual.displayName, to: desired.displayName });
        write.displayName = desired.displayName;
    }
    const existingUris = actual.web?.redirectUris ?? [];
    const missingUris = desired.redirectUris.filter((uri) => !existingUris.includes(uri));
    if (missingUris.length > 0) {
        changes.push(...missingUris.map((uri) => ({ kind: 'add-redirect-uri', uri })));
        write.web = withRedirectUris(actual.web, [...existingUris, ...missingUris], missingUris);
    }
    if (actual.isFallbackPublicClient !== true) {
        changes.push({ kind: 'enable-public-client-flows' });
        write.isFallbackPublicClient = true;
    }
    if (actual.signInAudience !== desired.signInAudience) {
        changes.push({ kind: 'set-sign-in-audience', from: actual.signInAudience, to: desired.signInAudience });
        write.signInAudience = desired.signInAudience;
    }
    const graphAccess = actual.requiredResourceAccess.find((r) => r.resourceAppId === MICROSOFT_GRAPH_APP_ID)?.resourceAccess ?? [];
    const missingPermissions = desired.graphPermissions.filter((p) => !graphAccess.some((a) => a.id === p.id && a.type === p.type));
    if (missingPermissions.length > 0) {
        changes.push(...permissionChanges(missingPermissions));
        write.requiredResourceAccess = mergeGraphAccess(actual.requiredResourceAccess, missingPermissions);
    }
    return { changes, write: Object.keys(write).length > 0 ? write : undefined };
}
function permissionChanges(permissions) {
    return permissions.map((p) => ({ kind: 'add-api-permission', permission: p.name, type: p.type === 'Role' ? 'application' : 'delegated' }));
}
/**
 * The whole `web` object with the new redirect URIs: whether a PATCH of web.redirectUris alone
 * resets the other web fields is unconfirmed (FACTS §2), so every field read is sent back.
 */
function withRedirectUris(web, redirectUris, added) {
    const result = { ...(web ?? {}), redirectUris };
    if (Array.isArray(web?.redirectUriSettings) && web.redirectUriSettings.length > 0) {
        result.redirectUriSettings = [...web.redirectUriSettings, ...added.map((uri) => ({ uri, index: null }))];
    }
    return result;
}
/** requiredResourceAccess with the permissions added to Microsoft Graph's entry; other resources untouched. */
function mergeGraphAccess(existing, add) {
    const graph = existing.find((r) => r.resourceAppId === MICROSOFT_GRAPH_APP_ID);
    const access = [...(graph?.resourceAccess ?? [])];
    for (const p of add)
        if (!access.some((a) => a.id === p.id && a.type === p.type))
            access.push({ id: p.id, type: p.type });
    const merged = { resourceAppId: MICROSOFT_GRAPH_APP_ID, resourceAccess: access };
    return graph ? existing.map((r) => (r === graph ? merged : r)) : [...existing, merged];
}

;// CONCATENATED MODULE: ./src/plan/rotation.ts
/** Every secret this action makes has a display name starting with this, so it is never confused with a hand-made one. */
const SECRET_MARKER = 'intrexx-entra-action';
/**
 * The label of the secrets one invocation of the action makes: the workflow run and attempt, and a
 * nonce per invocation (one run can invoke the action more than once); addPassword appends a nonce
 * per request attempt.
 */
function runLabel(run) {
    return `${SECRET_MARKER} run ${run.id}.${run.attempt}${run.invocation ? ` ${run.invocation}` : ''}`;
}
function isMadeByAction(credential) {
    return credential.displayName?.startsWith(`${SECRET_MARKER} `) ?? false;
}
const DAY_MS = 86_400_000;
/** Whether this run makes a new client secret (rotate=always, or when-expiring and due). Pure. */
function decideRotation(credentials, policy, now) {
    if (policy.rotate === 'always')
        return { rotate: true, reason: 'rotate is always' };
    const newest = newestFirst(credentials.filter(isMadeByAction))[0];
    if (!newest?.endDateTime)
        return { rotate: true, reason: 'no client secret made by this action exists' };
    const daysLeft = (Date.parse(newest.endDateTime) - now.getTime()) / DAY_MS;
    if (daysLeft > policy.rotateBeforeDays) {
        return {
            rotate: false,
            reason: `client secret ${newest.keyId} stays valid until ${newest.endDateTime}, more than rotate-before-days (${policy.rotateBeforeDays}) away`,
        };
    }
    return {
        rotate: true,
        reason: daysLeft <= 0 ? `the newest client secret made by this action expired on ${newest.endDateTime}` : `the newest client secret made by this action expires on ${newest.endDateTime}, within ${policy.rotateBeforeDays} days`,
    };
}
/**
 * Another run's secret younger than this may still be on its way to its destination (that run's
 * delivery and verification can take up to verify-timeout-seconds, at most 15 minutes): it is kept
 * even beyond keep-secrets, and a later run prunes it.
 */
const IN_FLIGHT_GRACE_MS = 30 * 60_000;
/**
 * The secrets to remove once the new one is delivered and verified. Pure. Only secrets made by this
 * action; never ours, never one newer than ours, never one another run may still be delivering;
 * keep counts ours. Secrets labelled with this run but not ours are orphans of a lost answer and go.
 */
function secretsToRemove(credentials, ours, keep, label, now) {
    const orphans = credentials.filter((c) => c.keyId !== ours.keyId && c.displayName?.startsWith(`${label} `));
    if (keep === 0)
        return orphans;
    const candidates = newestFirst(credentials.filter((c) => isMadeByAction(c) && !orphans.includes(c)));
    const oursTime = time(ours.startDateTime);
    const beyondKeep = candidates
        .slice(keep)
        .filter((c) => c.keyId !== ours.keyId && time(c.startDateTime) <= oursTime && now.getTime() - time(c.startDateTime) > IN_FLIGHT_GRACE_MS);
    return [...orphans, ...beyondKeep];
}
/** What the plan shows before a new secret exists: the ones that will fall beyond keep once it is added. */
function plannedRemovals(credentials, keep, now) {
    if (keep === 0)
        return [];
    return newestFirst(credentials.filter(isMadeByAction))
        .slice(Math.max(0, keep - 1))
        .filter((c) => now.getTime() - time(c.startDateTime) > IN_FLIGHT_GRACE_MS);
}
function newestFirst(credentials) {
    return [...credentials].sort((a, b) => time(b.startDateTime) - time(a.startDateTime) || (b.keyId < a.keyId ? -1 : 1));
}
function time(iso) {
    const t = iso ? Date.parse(iso) : NaN;
    return Number.isNaN(t) ? 0 : t;
}

;// CONCATENATED MODULE: ./src/plan/plan-run.ts



function planRun(settings, actual, now) {
    const { registration } = settings;
    const desired = {
        displayName: registration.displayName,
        uniqueName: registration.uniqueName,
        signInAudience: registration.signInAudience,
        redirectUris: registration.redirectUris,
        graphPermissions: actual.permissions,
    };
    const application = planApplication(desired, actual.application);
    const credentials = actual.application?.passwordCredentials ?? [];
    const rotation = decideRotation(credentials, settings.secret, now);
    const consent = registration.adminConsent && actual.permissions.length > 0;
    const changes = [
        ...application.changes,
        ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' }]),
        ...(consent ? [consentChange(actual)] : []),
        ...(rotation.rotate ? secretChanges(settings, rotation.reason, plannedRemovals(credentials, settings.secret.keep, now)) : []),
    ];
    return { desired, application, rotation, consent, changes };
}
function consentChange(actual) {
    return { kind: 'grant-admin-consent', permissions: actual.permissions.map((p) => p.name) };
}
/** The secret's part of the plan, or of what was done: add, deliver, remove the ones beyond keep-secrets. */
function secretChanges(settings, reason, removals) {
    const changes = [{ kind: 'add-client-secret', lifetimeDays: settings.secret.lifetimeDays, reason }];
    if (settings.delivery.target !== 'none') {
        const { names } = settings.delivery;
        changes.push({ kind: 'deliver-secrets', destination: destinationDescription(settings.delivery), names: [names.clientId, names.tenantId, names.clientSecret] });
    }
    for (const c of removals)
        changes.push({ kind: 'remove-client-secret', keyId: c.keyId, displayName: c.displayName, expiresAt: c.endDateTime });
    return changes;
}

;// CONCATENATED MODULE: ./src/report/summary.ts


/** The job summary: what the registration is and what changed. Never a secret's value. */
function summaryMarkdown(report) {
    const rows = [
        ['Application', summary_escape(report.displayName)],
        ['Client ID', report.clientId ? `\`${report.clientId}\`` : '(not created yet)'],
        ['Tenant ID', `\`${report.tenantId}\``],
        ['Object ID', report.objectId ? `\`${report.objectId}\`` : '(not created yet)'],
        // Inside backticks an entity would show literally; GitHub splits table cells on a bare |.
        ['Redirect URIs', report.redirectUris.map((u) => `\`${u.replace(/\|/g, '\\|')}\``).join('<br>') || '(none)'],
    ];
    if (report.clientId)
        rows.push(['Entra admin center', `[open the registration](${(0,clouds/* registrationLink */.uo)(report.cloud, report.clientId)})`]);
    if (report.secret)
        rows.push(['New client secret', `key ID \`${report.secret.keyId}\`, expires ${report.secret.expiresAt ?? '(unknown)'}`]);
    else if (report.secretNote)
        rows.push(['Client secret', summary_escape(report.secretNote)]);
    const title = report.dryRun ? 'Intrexx Entra registration: plan (dry run, nothing written)' : 'Intrexx Entra registration';
    const changes = report.changes.length === 0
        ? '_No changes: the registration already matched._'
        : report.changes.map((c) => `- ${summary_escape(describeChange(c))}`).join('\n');
    return [
        `## ${title}`,
        '',
        '| | |',
        '|---|---|',
        ...rows.map(([k, v]) => `| ${k} | ${v} |`),
        '',
        `### ${report.dryRun ? 'Planned changes' : 'Changes'}`,
        '',
        changes,
        '',
    ].join('\n');
}
function summary_escape(text) {
    return text.replace(/[|<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

;// CONCATENATED MODULE: ./src/report/outputs.ts

/** Sets the step outputs and writes the job summary. The secret's value goes only to client-secret. */
async function publish(runtime, settings, result) {
    const app = result.application;
    const redirectUris = app?.web?.redirectUris ?? [];
    runtime.setOutput('client-id', app?.appId ?? '');
    runtime.setOutput('tenant-id', settings.tenantId);
    runtime.setOutput('object-id', app?.id ?? '');
    runtime.setOutput('redirect-uris', JSON.stringify(redirectUris));
    // Delivered as GitHub secrets, the value stays out of the step's outputs.
    runtime.setOutput('client-secret', result.secret && settings.delivery.target === 'none' ? result.secret.secretText : '');
    runtime.setOutput('secret-key-id', result.secret?.keyId ?? '');
    runtime.setOutput('secret-expires-at', result.secret?.endDateTime ?? '');
    runtime.setOutput('created', String(result.created));
    runtime.setOutput('changes', JSON.stringify(result.changes));
    await runtime.writeSummary(summaryMarkdown({
        displayName: app?.displayName ?? settings.registration.displayName,
        clientId: app?.appId,
        objectId: app?.id,
        tenantId: settings.tenantId,
        cloud: settings.cloud,
        redirectUris,
        changes: result.changes,
        dryRun: settings.dryRun,
        secret: result.secret ? { keyId: result.secret.keyId, expiresAt: result.secret.endDateTime } : undefined,
        secretNote: result.secretNote,
    }));
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/runtime.ts

function actionsRuntime(env = process.env) {
    return {
        env,
        setOutput: (name, value) => core/* setOutput */.uH(name, value),
        setSecret: (value) => {
            // core.setSecret masks one line; a multi-line value is masked line by line (FACTS §4).
            for (const line of value.split(/\r?\n/))
                if (line !== '')
                    core/* setSecret */.Pq(line);
        },
        info: (message) => core/* info */.pq(message),
        warning: (message) => core/* warning */.$e(message),
        group: (name, fn) => core/* group */.Os(name, fn),
        writeSummary: async (markdown) => {
            if (!env.GITHUB_STEP_SUMMARY)
                return;
            await core/* summary */.z.addRaw(markdown, true).write();
        },
        setFailed: (message) => core/* setFailed */.C1(message),
        now: () => new Date(),
    };
}

;// CONCATENATED MODULE: ./src/steps/admin-consent.ts


/**
 * Grants tenant-wide admin consent for the declared Graph permissions when the deployer may
 * (AppRoleAssignment.ReadWrite.All / DelegatedPermissionGrant.ReadWrite.All); otherwise says where
 * an administrator grants it. Consent is never a reason to fail the run.
 */
async function grantAdminConsent(runtime, settings, directory, servicePrincipalId, clientId, catalog, permissions) {
    const consentUrl = `${settings.cloud.authorityHost}/${settings.tenantId}/adminconsent?client_id=${clientId}`;
    try {
        for (const role of permissions.filter((p) => p.type === 'Role'))
            await directory.grantAppRole(servicePrincipalId, catalog.id, role.id);
        const scopes = permissions.filter((p) => p.type === 'Scope').map((p) => p.name);
        if (scopes.length > 0)
            await directory.grantDelegated(servicePrincipalId, catalog.id, scopes);
        runtime.info(`Granted admin consent for ${permissions.map((p) => p.name).join(', ')}.`);
        return true;
    }
    catch (error) {
        const denied = error instanceof GraphRequestError && error.status === 403;
        runtime.warning(`${denied ? 'The deployer identity may not grant admin consent' : `Granting admin consent failed: ${(0,errors/* describeError */.Uc)(error)}`}. ` +
            `An administrator can grant it here: ${consentUrl}`);
        return false;
    }
}

;// CONCATENATED MODULE: ./src/entra/secret-check.ts


/**
 * While a new secret propagates, the token endpoint answers AADSTS7000215 (invalid secret) for a
 * few seconds (~4–18 s, microsoft-graph-docs#17966); a just-created application or service
 * principal can also be unknown there for a while (AADSTS700016, AADSTS7000229).
 */
const PROPAGATING = new Set(['7000215', '700016', '7000229']);
class SecretCheckFailed extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.name = 'SecretCheckFailed';
        this.code = code;
    }
}
/**
 * Signs in with the new secret (client credentials for Graph, the same cloud and tenant) until it
 * works or the timeout passes. Only the outcome is kept: the access token is discarded.
 */
async function waitUntilSecretWorks(settings, clientId, secret, timeoutSeconds, warn, clock) {
    const url = `${settings.cloud.authorityHost}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/token`;
    let attempts = 0;
    await withRetry({
        operation: 'sign in with the new client secret',
        classify: (error) => error instanceof SecretCheckFailed && (error.code === undefined || PROPAGATING.has(error.code))
            ? { retry: true, reason: error.code ? `not yet propagated (AADSTS${error.code})` : error.message }
            : { retry: false },
        warn,
        clock,
        limits: { maxAttempts: 60, maxElapsedMs: timeoutSeconds * 1000, baseDelayMs: 1_000, maxDelayMs: 8_000 },
    }, async () => {
        attempts++;
        let response;
        try {
            response = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams({ client_id: clientId, client_secret: secret, grant_type: 'client_credentials', scope: (0,clouds/* graphScope */.H1)(settings.cloud) }),
                signal: AbortSignal.timeout(30_000),
            });
        }
        catch (error) {
            throw new SecretCheckFailed(`no answer from ${url} (${error.message})`, undefined);
        }
        if (response.ok)
            return;
        const body = (await response.json().catch(() => ({})));
        const code = body.error_codes?.[0]?.toString() ?? /AADSTS(\d+)/.exec(body.error_description ?? '')?.[1];
        const description = (body.error_description ?? `HTTP ${response.status}`).split(/\r?\n/)[0] ?? '';
        throw new SecretCheckFailed(description, code ?? (response.status >= 500 ? undefined : `HTTP${response.status}`));
    });
    return attempts;
}

;// CONCATENATED MODULE: ./src/github/seal.ts
/**
 * Seals a value for GitHub's secrets API: libsodium's crypto_box_seal with the target's public key,
 * base64 in the ORIGINAL variant (docs.github.com "Encrypting secrets for the REST API", FACTS §4).
 */
async function sealForGitHub(value, publicKeyBase64) {
    const sodium = await loadSodium();
    const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
    const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
    return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
let loading;
/** Loads libsodium and its WebAssembly once; called early by delivery so sealing waits for nothing. */
function loadSodium() {
    loading ??= load();
    return loading;
}
// Loaded only when secrets are delivered: most runs never need libsodium.
async function load() {
    const { default: sodium } = await __webpack_require__.e(/* import() */ 768).then(__webpack_require__.bind(__webpack_require__, 4768));
    await sodium.ready;
    return sodium;
}

;// CONCATENATED MODULE: ./src/steps/deliver-secrets.ts


/**
 * Reads the destination's public key. Started while Graph works, and awaited before a secret is
 * made, so a token that cannot write secrets fails the run before anything changes in Entra.
 */
async function prepareDelivery(delivery, apiUrl) {
    loadSodium().catch(() => undefined);
    const destination = await createSecretsDestination(delivery, apiUrl);
    return { destination, publicKey: await destination.publicKey() };
}
/** Seals and writes the three values at once; resolves to one line per secret for the log. */
async function deliverSecrets(prepared, names, values) {
    const entries = [
        [names.clientId, values.clientId],
        [names.tenantId, values.tenantId],
        [names.clientSecret, values.clientSecret],
    ];
    const { destination, publicKey } = prepared;
    return Promise.all(entries.map(async ([name, value]) => {
        const sealed = await sealForGitHub(value, publicKey.key);
        const result = await destination.write(name, sealed, publicKey.key_id);
        return `${name}: ${result} in ${destination.description}`;
    }));
}

;// CONCATENATED MODULE: ./src/steps/client-secret.ts




/**
 * Adds the new secret (masked inside addPassword, before anything else sees it). When it goes to
 * GitHub, the destination's public key is awaited first, so a token that cannot write secrets
 * fails the run before a secret exists.
 */
async function addClientSecret(runtime, settings, directory, application, created, label, delivery) {
    const prepared = delivery ? await delivery : undefined;
    if (prepared)
        runtime.info(`${prepared.destination.description} accepts secrets (public key ${prepared.publicKey.key_id}).`);
    const endDateTime = new Date(runtime.now().getTime() + settings.secret.lifetimeDays * DAY_MS).toISOString();
    const secret = await directory.addPassword(application.id, label, endDateTime, { justCreated: created });
    runtime.info(`Added client secret ${secret.keyId} ("${secret.displayName}"), valid until ${secret.endDateTime}.`);
    return { secret, prepared };
}
/**
 * The rest of the order that loses nothing: deliver → verify → only then remove older secrets made
 * by this action. A secret that could not be delivered is removed again.
 */
async function deliverVerifyAndPrune(runtime, settings, directory, application, created, label, secret, prepared) {
    let delivered = [];
    if (prepared && settings.delivery.target !== 'none') {
        const names = settings.delivery.names;
        delivered = await runtime.group('Deliver the secrets to GitHub', async () => {
            try {
                const lines = await deliverSecrets(prepared, names, { clientId: application.appId, tenantId: settings.tenantId, clientSecret: secret.secretText });
                lines.forEach((l) => runtime.info(l));
                return lines;
            }
            catch (error) {
                await removeUndelivered(runtime, directory, application.id, secret.keyId);
                throw new errors/* ActionError */.lZ(`Delivering the new client secret to ${prepared.destination.description} failed, so it was removed again; the existing secrets are unchanged. ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
            }
        });
    }
    // The secrets as they are now (other runs', orphans of lost answers), read while the new one is verified.
    const current = directory.getApplication(application.id, { justCreated: created });
    current.catch(() => undefined);
    if (settings.secret.verify) {
        await runtime.group('Verify the new client secret', async () => {
            try {
                const attempts = await waitUntilSecretWorks(settings, application.appId, secret.secretText, settings.secret.verifyTimeoutSeconds, (m) => runtime.warning(m));
                runtime.info(`Signed in with the new client secret (attempt ${attempts}).`);
            }
            catch (error) {
                throw new errors/* ActionError */.lZ(`The new client secret ${secret.keyId} did not sign in within ${settings.secret.verifyTimeoutSeconds} s (${(0,errors/* describeError */.Uc)(error)}). Nothing older was removed${delivered.length > 0 ? '; the new secret was delivered and should start working shortly' : ''}.`, { hint: 'Entra usually needs a few seconds to propagate a new secret; raise verify-timeout-seconds if this repeats.', cause: error });
            }
        });
    }
    const removed = await runtime.group('Remove older client secrets', async () => {
        const credentials = (await current).passwordCredentials;
        if (!credentials.some((c) => c.keyId === secret.keyId)) {
            throw new errors/* ActionError */.lZ(`The client secret ${secret.keyId} this run made is gone: another run removed it while this one was delivering it (it lost the race), so the delivered secret does not work.`, { hint: 'Run the workflow again, and let only one run rotate a registration at a time (a concurrency group on the workflow).' });
        }
        const doomed = secretsToRemove(credentials, secret, settings.secret.keep, label, runtime.now());
        await directory.removePasswords(application.id, doomed.map((c) => c.keyId));
        doomed.forEach((c) => runtime.info(`Removed client secret ${c.keyId} ("${c.displayName}", expires ${c.endDateTime}).`));
        if (doomed.length === 0)
            runtime.info(`Nothing to remove (keep-secrets ${settings.secret.keep}).`);
        return doomed;
    });
    return { secret, delivered, removed };
}
/** Removes a secret this run made but could not deliver; a failure to do so is reported, not hidden. */
async function removeUndelivered(runtime, directory, applicationId, keyId) {
    try {
        await directory.removePassword(applicationId, keyId);
        runtime.info(`Removed the undelivered client secret ${keyId}.`);
    }
    catch (error) {
        runtime.warning(`Could not remove the undelivered client secret ${keyId}; remove it by hand: ${(0,errors/* describeError */.Uc)(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/steps/apply-registration.ts


/**
 * Executes the registration part of the plan: the one application write (or the create), then the
 * service principal and the new secret side by side, since each needs only the application.
 */
async function applyRegistration(runtime, settings, directory, plan, actual, label, delivery) {
    const result = await applyApplication(runtime, directory, plan.desired, actual.application, plan.application.write);
    const [principal, added] = await Promise.allSettled([
        actual.servicePrincipal ?? createServicePrincipal(runtime, directory, result.application, result.created),
        plan.rotation.rotate ? addClientSecret(runtime, settings, directory, result.application, result.created, label, delivery) : undefined,
    ]);
    if (principal.status === 'rejected') {
        // Without a service principal the secret cannot sign in: it goes before it is delivered anywhere.
        if (added.status === 'fulfilled' && added.value)
            await removeUndelivered(runtime, directory, result.application.id, added.value.secret.keyId);
        throw principal.reason;
    }
    if (added.status === 'rejected')
        throw added.reason;
    const changes = [...result.changes, ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' }])];
    return { application: result.application, created: result.created, servicePrincipal: principal.value, added: added.value, changes };
}
async function applyApplication(runtime, directory, desired, existing, write) {
    if (existing) {
        if (!write) {
            runtime.info('The registration already matches.');
            return { application: existing, created: false, changes: [] };
        }
        await directory.updateApplication(existing.id, write);
        runtime.info(`Updated "${desired.displayName}".`);
        return { application: { ...existing, ...write }, created: false, changes: planApplication(desired, existing).changes };
    }
    // The upsert by uniqueName is the race-free create: concurrent runs end with one application.
    // Should another run create it first, our body updates it (the same desired state) and we re-plan.
    const result = await directory.upsertByUniqueName(desired.uniqueName, write ?? {});
    if (result.created) {
        const application = result.application;
        runtime.info(`Created "${application.displayName}" (client ID ${application.appId}, object ID ${application.id}).`);
        return { application, created: true, changes: planApplication(desired, undefined).changes };
    }
    runtime.info(`Another run created uniqueName ${desired.uniqueName} at the same time; using that registration.`);
    const application = await directory.getByUniqueName(desired.uniqueName, { justCreated: true });
    const again = planApplication(desired, application);
    if (!again.write)
        return { application, created: false, changes: [] };
    await directory.updateApplication(application.id, again.write, { justCreated: true });
    return { application: { ...application, ...again.write }, created: false, changes: again.changes };
}
async function createServicePrincipal(runtime, directory, application, created) {
    const principal = await directory.createServicePrincipal(application.appId, { justCreated: created });
    runtime.info(`Created the service principal ${principal.id}.`);
    return principal;
}

;// CONCATENATED MODULE: ./src/steps/find-registration.ts

/**
 * Finds the portal's registration: by uniqueName (the key this action sets), else by display name,
 * where exactly one match that the deployer identity owns is adopted. Reads only.
 */
async function findRegistration(directory, settings, warn) {
    const { uniqueName, displayName } = settings.registration;
    const { byUniqueName, byDisplayName: named, servicePrincipalsByDisplayName } = await directory.lookup(uniqueName, displayName);
    const principalOf = (app) => servicePrincipalsByDisplayName.find((sp) => sp.appId === app.appId);
    if (byUniqueName)
        return { application: byUniqueName, foundBy: 'unique-name', servicePrincipal: principalOf(byUniqueName) };
    if (named.length === 0)
        return { application: undefined, foundBy: undefined, servicePrincipal: undefined };
    if (named.length > 1) {
        const list = named.map((a) => `  - object ID ${a.id}, client ID ${a.appId}${a.uniqueName ? `, uniqueName ${a.uniqueName}` : ''}`).join('\n');
        throw new errors/* ActionError */.lZ(`${named.length} app registrations are named "${displayName}", so none is adopted:\n${list}`, {
            hint: 'Rename or delete the extra registrations, or set unique-name to the uniqueName of the one to use, or choose another app-name.',
        });
    }
    const candidate = named[0];
    const { owned, deployerObjectId } = await directory.ownership(candidate.id, settings.deployerClientId);
    if (!owned) {
        throw new errors/* ActionError */.lZ(`The app registration "${displayName}" (client ID ${candidate.appId}, object ID ${candidate.id}) exists, but the deployer identity ${settings.deployerClientId} is not one of its owners, so it may not change it.`, {
            hint: `Make the deployer identity an owner (an administrator runs once): az ad app owner add --id ${candidate.appId} --owner-object-id ${deployerObjectId ?? '<object ID of the deployer service principal>'}` +
                ' — or choose another app-name to create a new registration.',
        });
    }
    if (candidate.uniqueName !== null && candidate.uniqueName !== uniqueName) {
        warn(`The registration "${displayName}" already has uniqueName ${candidate.uniqueName}; set unique-name: ${candidate.uniqueName} so later runs find it directly.`);
    }
    return { application: candidate, foundBy: 'display-name', servicePrincipal: principalOf(candidate) };
}

;// CONCATENATED MODULE: ./src/steps/resolve-permissions.ts

/**
 * Microsoft Graph permissions by name → their IDs, from what Graph's own service principal
 * publishes: delegated ones are oauth2PermissionScopes (type Scope), application ones appRoles (type Role).
 */
function resolvePermissions(requested, catalog) {
    const unknown = [];
    const resolved = [];
    for (const permission of requested) {
        const match = permission.kind === 'delegated'
            ? catalog.oauth2PermissionScopes.find((s) => s.isEnabled !== false && s.value.toLowerCase() === permission.name.toLowerCase())
            : catalog.appRoles.find((r) => r.isEnabled !== false && r.value?.toLowerCase() === permission.name.toLowerCase());
        const type = permission.kind === 'delegated' ? 'Scope' : 'Role';
        if (!match || !match.value)
            unknown.push(`${permission.kind}:${permission.name}`);
        else if (!resolved.some((p) => p.id === match.id && p.type === type))
            resolved.push({ id: match.id, type, name: match.value });
    }
    if (unknown.length > 0) {
        throw new errors/* ActionError */.lZ(`api-permissions: Microsoft Graph publishes no permission ${unknown.join(', ')}.`, {
            hint: 'Use the names from the Microsoft Graph permissions reference, e.g. User.Read, offline_access, Files.ReadWrite.All; prefix application permissions with "application:".',
        });
    }
    return resolved;
}

;// CONCATENATED MODULE: ./src/steps/read-registration.ts


/** Reads what Entra holds now: everything the planner compares with. Reads only. */
async function readRegistration(runtime, settings, directory) {
    const { registration } = settings;
    const [found, catalog] = await Promise.all([
        findRegistration(directory, settings, (m) => runtime.warning(m)),
        registration.apiPermissions.length > 0 ? directory.graphPermissionCatalog() : undefined,
    ]);
    const permissions = catalog ? resolvePermissions(registration.apiPermissions, catalog) : [];
    const app = found.application;
    const servicePrincipal = app ? (found.servicePrincipal ?? (await directory.findServicePrincipal(app.appId))) : undefined;
    runtime.info(app
        ? `Found "${app.displayName}" (client ID ${app.appId}, object ID ${app.id}) by ${found.foundBy}; service principal ${servicePrincipal ? servicePrincipal.id : 'missing'}.`
        : `No app registration with uniqueName ${registration.uniqueName} or display name "${registration.displayName}" exists.`);
    return { ...found, catalog, permissions, servicePrincipal };
}

;// CONCATENATED MODULE: ./src/main.ts















/** Settings → sign in → read → plan → apply → secret → outputs, one log group per phase. Never throws. */
async function run(settings, idToken, runtime = actionsRuntime()) {
    try {
        await register(runtime, settings, idToken);
    }
    catch (error) {
        runtime.setFailed((0,errors/* describeError */.Uc)(error));
    }
}
async function register(runtime, settings, idToken) {
    // The GitHub public key is read while Entra and Graph work; it is awaited before a secret is made.
    const delivery = settings.delivery.target !== 'none' && !settings.dryRun
        ? prepareDelivery(settings.delivery, runtime.env.GITHUB_API_URL ?? 'https://api.github.com')
        : undefined;
    delivery?.catch(() => undefined);
    const signIn = await runtime.group('Sign in to Microsoft Graph', async () => {
        const { cloud } = settings;
        runtime.info(`Deployer identity ${settings.deployerClientId}, tenant ${settings.tenantId}, ${cloud.name} (${cloud.authorityHost}, ${cloud.graphEndpoint})`);
        const result = await signInToGraph(settings, idToken);
        runtime.setSecret(await result.getAccessToken());
        runtime.info('Signed in with the GitHub OIDC token (workload identity federation).');
        return result;
    });
    const directory = createDirectory({
        http: createGraphHttp(settings.cloud.graphEndpoint, signIn.getAccessToken),
        warn: (m) => runtime.warning(m),
        mask: (s) => runtime.setSecret(s),
    });
    const actual = await runtime.group('Read the app registration', () => readRegistration(runtime, settings, directory));
    const plan = planRun(settings, actual, runtime.now());
    const { rotation } = plan;
    const secretNote = rotation.rotate ? undefined : rotation.reason;
    await runtime.group('Plan', async () => {
        if (plan.changes.length === 0)
            runtime.info('Nothing to change.');
        plan.changes.forEach((c) => runtime.info(`${settings.dryRun ? 'would ' : ''}${describeChange(c)}`));
        if (secretNote)
            runtime.info(`No new client secret: ${secretNote}.`);
    });
    if (settings.dryRun) {
        await publish(runtime, settings, { application: actual.application, created: false, changes: plan.changes, secret: undefined, secretNote });
        runtime.info('Dry run: nothing was written.');
        return;
    }
    const label = runLabel({ ...settings.run, invocation: (0,external_node_crypto_.randomBytes)(3).toString('hex') });
    const applied = await runtime.group('Apply the registration', () => applyRegistration(runtime, settings, directory, plan, actual, label, delivery));
    const changes = [...applied.changes];
    const { catalog } = actual;
    if (plan.consent && catalog) {
        await runtime.group('Grant admin consent', async () => {
            const granted = await grantAdminConsent(runtime, settings, directory, applied.servicePrincipal.id, applied.application.appId, catalog, actual.permissions);
            if (granted)
                changes.push(consentChange(actual));
        });
    }
    let secret;
    if (applied.added) {
        const outcome = await deliverVerifyAndPrune(runtime, settings, directory, applied.application, applied.created, label, applied.added.secret, applied.added.prepared);
        changes.push(...secretChanges(settings, rotation.reason, outcome.removed));
        secret = outcome.secret;
    }
    await publish(runtime, settings, { application: applied.application, created: applied.created, changes, secret, secretNote });
}


/***/ })

};
