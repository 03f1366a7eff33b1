export const id = 988;
export const ids = [988,296];
export const modules = {

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  signInToGraph: () => (/* binding */ signInToGraph)
});

// EXTERNAL MODULE: ./src/http/proxy.ts
var proxy = __webpack_require__(7856);
// EXTERNAL MODULE: ./src/settings/clouds.ts
var clouds = __webpack_require__(855);
// EXTERNAL MODULE: ./src/http/https.ts
var https = __webpack_require__(4101);
;// CONCATENATED MODULE: ./src/entra/prefetch-policy.ts
/**
 * A policy for @azure/identity's HTTP pipeline that answers the first GET of the prefetched URL with
 * the prefetched answer, so MSAL's read of the authority metadata costs no round trip of its own. Any
 * other request, a second read, or a prefetch that failed goes to the network as before. A per-call
 * policy runs before the retry and logging policies and the HTTP client
 * (learn.microsoft.com/javascript/api/@azure/core-client/additionalpolicyconfig; @azure/core-rest-pipeline
 * src/pipeline.ts, the phase order).
 */
function prefetchPolicy(prefetch) {
    let taken = false;
    const policy = {
        name: 'intrexxPrefetchedAnswer',
        async sendRequest(request, next) {
            if (taken || request.method !== 'GET' || request.url.toLowerCase() !== prefetch.url.toLowerCase())
                return next(request);
            taken = true;
            const reply = await prefetch.reply;
            return reply ? pipelineResponse(request, reply) : next(request);
        },
    };
    return { policy, position: 'perCall' };
}
/** A reply of the action's transport as the pipeline's response. */
function pipelineResponse(request, reply) {
    return { request, status: reply.status, headers: headersOf(reply.headers.entries()), bodyAsText: reply.text };
}
/** @azure/core-rest-pipeline's HttpHeaders over a reply's headers (names are case-insensitive). */
function headersOf(entries) {
    const map = new Map(entries.map(([name, value]) => [name.toLowerCase(), value]));
    const headers = {
        get: (name) => map.get(name.toLowerCase()),
        has: (name) => map.has(name.toLowerCase()),
        set: (name, value) => void map.set(name.toLowerCase(), String(value)),
        delete: (name) => void map.delete(name.toLowerCase()),
        toJSON: () => Object.fromEntries(map),
        [Symbol.iterator]: () => map.entries(),
    };
    return headers;
}

;// CONCATENATED MODULE: ./src/entra/identity-http.ts


/**
 * The HTTP client of @azure/identity's pipeline (learn.microsoft.com/javascript/api/@azure/core-client/
 * commonclientoptions#@azure-core-client-commonclientoptions-httpclient): the pipeline's policies
 * (retries, logging, redirects) stay, only the last hop is the action's own transport. So identity's
 * requests share the keep-alive connections of the action's other requests to the same host (the
 * metadata read on a custom authority host, the later check of a new secret), and the entry point
 * learns when the token request has left (`onSent`), the moment to load the rest of the action.
 */
function identityHttpClient(onSent) {
    return {
        async sendRequest(request) {
            try {
                return pipelineResponse(request, await (0,https/* send */.tN)(httpRequest(request, onSent)));
            }
            catch (error) {
                throw asRestError(error, request);
            }
        },
    };
}
/**
 * A failure without an answer as the default client reports it: a RestError with the system error
 * code, which the pipeline's retry policy retries for ECONNRESET, ETIMEDOUT, ECONNREFUSED and
 * ENOTFOUND (@typespec/ts-http-runtime src/retryStrategies/exponentialRetryStrategy.ts, isSystemError)
 * and passes on at once otherwise (src/policies/retryPolicy.ts). `isRestError` accepts the name
 * (src/restError.ts). A body cut off counts as a reset connection, a timeout as ETIMEDOUT: repeating
 * a token request only mints another token.
 */
function asRestError(error, request) {
    if (!(error instanceof https/* NoAnswer */.W_) && !(error instanceof https/* BodyCutOff */.eA))
        return error;
    const code = error instanceof https/* BodyCutOff */.eA ? 'ECONNRESET' : error.code === 'Timeout' ? 'ETIMEDOUT' : error.code;
    if (code === 'Aborted')
        return error;
    return Object.assign(new Error(`${code}: ${error.message}`, { cause: error }), { name: 'RestError', code, request });
}
function httpRequest(request, onSent) {
    if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') {
        throw new Error(`unsupported request body for ${request.method} ${request.url}: the action sends only text`);
    }
    const headers = request.headers.toJSON();
    // decompressResponsePolicy asks for gzip; this client reads the body as it comes, so it asks for none
    // (toJSON gives the names lower-cased).
    delete headers['accept-encoding'];
    return {
        method: request.method,
        url: request.url,
        headers,
        body: request.body ?? undefined,
        timeoutMs: request.timeout > 0 ? request.timeout : undefined,
        signal: request.abortSignal,
        onSent,
    };
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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

;// CONCATENATED MODULE: ./src/entra/sign-in-error.ts



/**
 * AADSTS codes of a federated credential that does not match the presented token
 * (learn.microsoft.com/entra/identity-platform/reference-error-codes; github.com/Azure/login/issues/453, #482, #517).
 */
const FEDERATION_MISMATCH = new Set(['70021', '700211', '700212', '700213', '7002138']);
/** AADSTS90002 "Tenant '…' not found" (github.com/Azure/azure-cli/issues/22145); 900023 "Specified tenant identifier … is neither a valid DNS name, nor a valid external domain". */
const UNKNOWN_TENANT = new Set(['90002', '900023']);
/**
 * Codes that say the tenant or the resource lives in another cloud than the authority asked:
 * 90038 "Tenant '…' request is being redirected to the National Cloud 'microsoftonline.us'"
 * (github.com/tieto/sipe/issues/182), 90043 "Confidential Client is not supported in Cross Cloud
 * request" (github.com/hkamel/sonar-auth-aad/issues/34), 90051 "Invalid national Cloud ID"
 * (github.com/MicrosoftDocs/azure-docs/issues/25942), 900439 "Confidential Client requests are not
 * supported on the public endpoint … for tenants in the Azure Government cloud"
 * (github.com/Yvand/EntraCP/issues/95; code in learn.microsoft.com/entra/identity-platform/reference-error-codes,
 * USGClientNotSupportedOnPublicEndpoint), 500011 "The resource principal named https://graph… was
 * not found in the tenant", the Graph of another cloud (github.com/Azure/Azure-DataFactory/issues/293).
 */
const WRONG_CLOUD = new Set(['90038', '90043', '90051', '900439', '500011']);
/** Node's codes for a host that cannot be reached or whose certificate is not trusted. */
const UNREACHABLE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID)\b|certificate/i;
/** The text of an error and of every cause below it, with MSAL's errorCode and errorMessage. */
function errorChainText(error) {
    const parts = [];
    let current = error;
    for (let depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
        if (typeof current !== 'object') {
            parts.push(String(current));
            break;
        }
        const e = current;
        for (const v of [e.code, e.errorCode, e.message, e.errorMessage])
            if (typeof v === 'string' && v !== '')
                parts.push(v);
        current = e.cause;
    }
    return parts.join('\n');
}
/**
 * Turns a failed token request into a message that names the cause, with a hint. MSAL hides why
 * discovery failed: Authority.getEndpointMetadataFromNetwork returns null on any failure and the
 * caller throws endpoints_resolution_error without a cause (github.com/AzureAD/microsoft-authentication-library-for-js,
 * lib/msal-common/src/authority/Authority.ts), so the discovery document is then read once more here.
 */
async function signInError(error, failure) {
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    const text = errorChainText(error);
    const known = await diagnose(text, error, failure);
    if (known)
        return known;
    if (/endpoints_resolution_error|openid_config_error/.test(text)) {
        const probed = await probeDiscovery(failure);
        const diagnosed = typeof probed === 'string' ? await diagnose(probed, error, failure) : probed;
        if (diagnosed)
            return diagnosed;
    }
    const { settings } = failure;
    const firstLine = (/AADSTS\d+:[^\r\n]*/.exec(text)?.[0] ?? text.split('\n')[0] ?? '').trim();
    return new errors/* ActionError */.lZ(`Failed to sign in to Microsoft Graph as ${settings.deployerClientId} in tenant ${settings.tenantId} at ${settings.cloud.authorityHost}: ${firstLine}`, { cause: error });
}
async function diagnose(text, error, failure) {
    const { settings } = failure;
    const code = /AADSTS(\d+)/.exec(text)?.[1];
    const firstLine = (/AADSTS\d+:[^\r\n]*/.exec(text)?.[0] ?? text.split('\n')[0] ?? '').trim();
    const where = `tenant ${settings.tenantId} at ${settings.cloud.authorityHost}`;
    if (code && FEDERATION_MISMATCH.has(code))
        return federationMismatch(failure, firstLine, error);
    if (code === '700016') {
        return new errors/* ActionError */.lZ(`Entra ID does not know the deployer identity ${settings.deployerClientId} in ${where}: ${firstLine}`, {
            hint: `Check client-id (the deployer app registration or managed identity), tenant-id and cloud (now ${settings.cloud.name}): the app must be registered in that tenant, in that cloud.`,
            cause: error,
        });
    }
    if (code && UNKNOWN_TENANT.has(code)) {
        return new errors/* ActionError */.lZ(`Unknown tenant: Entra ID at ${settings.cloud.authorityHost} has no tenant ${settings.tenantId}: ${firstLine}`, {
            hint: 'Set tenant-id to the directory (tenant) ID that holds the deployer identity: `az account show --query tenantId -o tsv` prints it ' +
                'for the signed-in Azure CLI account, and the Microsoft Entra admin center shows it as Tenant ID on the Overview page. ' +
                `If the tenant is in another cloud, set cloud (now ${settings.cloud.name}).`,
            cause: error,
        });
    }
    if (code && WRONG_CLOUD.has(code)) {
        return new errors/* ActionError */.lZ(`Wrong cloud: ${where} answered that the tenant or its resources are in another cloud than ${settings.cloud.name}: ${firstLine}`, {
            hint: 'Set cloud to the cloud of the tenant (AzureCloud, AzureUSGovernment or AzureChinaCloud); the deployer identity must be registered in that cloud.',
            cause: error,
        });
    }
    // A host error only where Entra gave no AADSTS code (AADSTS texts may mention certificates).
    const unreachable = code ? null : UNREACHABLE.exec(text);
    if (unreachable) {
        const detail = text.split('\n').find((l) => UNREACHABLE.test(l)) ?? unreachable[0];
        const certificate = /CERT|certificate|UNABLE_TO_/i.test(detail);
        return new errors/* ActionError */.lZ(`Cannot reach the Entra authority ${settings.cloud.authorityHost}: ${detail}`, {
            hint: certificate
                ? 'The host\'s TLS certificate is not trusted: behind a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS to the proxy\'s CA certificate (PEM); otherwise check authority-host.'
                : `Check cloud (now ${settings.cloud.name}) and authority-host, DNS and the firewall; behind a proxy, set NODE_USE_ENV_PROXY=1 with HTTPS_PROXY (Node 24.5 or later). AZURE_LOG_LEVEL=verbose shows MSAL's own log.`,
            cause: error,
        });
    }
    return undefined;
}
/** The discovery document's answer as text to diagnose, or an error when it cannot be diagnosed further. */
async function probeDiscovery(failure) {
    const { settings } = failure;
    const url = `${settings.cloud.authorityHost}/${encodeURIComponent(settings.tenantId)}/v2.0/.well-known/openid-configuration`;
    try {
        const answer = await (failure.probe ?? fetchDiscovery)(url);
        if (answer.status >= 200 && answer.status < 300)
            return undefined;
        const described = (() => {
            try {
                return String(JSON.parse(answer.body).error_description ?? answer.body);
            }
            catch {
                return answer.body;
            }
        })();
        return `HTTP ${answer.status}: ${described.slice(0, 500)}`;
    }
    catch (probeError) {
        return errorChainText(probeError);
    }
}
const fetchDiscovery = async (url) => {
    const reply = await (0,https/* send */.tN)({ method: 'GET', url, timeoutMs: 10_000 });
    return { status: reply.status, body: reply.text };
};
async function federationMismatch(failure, firstLine, error) {
    const { settings, idToken } = failure;
    const claims = decodeClaims(await idToken().catch(() => ''));
    const iss = String(claims.iss ?? '?');
    const sub = String(claims.sub ?? '?');
    const aud = String(Array.isArray(claims.aud) ? claims.aud.join(',') : claims.aud ?? '?');
    return new errors/* ActionError */.lZ(`Entra ID rejected the GitHub OIDC token for the deployer identity ${settings.deployerClientId} in tenant ${settings.tenantId} at ${settings.cloud.authorityHost}: ${firstLine}\n` +
        `The token presented: iss=${iss} sub=${sub} aud=${aud}`, {
        hint: `Add a federated credential to the deployer identity with exactly this issuer, subject and audience (matched case-sensitively): ` +
            `az ad app federated-credential create --id ${settings.deployerClientId} --parameters ` +
            `'{"name":"github-${sub.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 100)}","issuer":"${iss}","subject":"${sub}","audiences":["${aud}"]}'`,
        cause: error,
    });
}

;// CONCATENATED MODULE: ./src/entra/token-source.ts
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A token reused until shortly before it expires; each new one is masked the moment it arrives. */
function createTokenSource(options) {
    const now = options.now ?? Date.now;
    const margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
    let cached;
    return async () => {
        if (cached && cached.expiresOnTimestamp - now() > margin)
            return cached.token;
        const issued = await options.fetch();
        if (issued.token !== cached?.token)
            options.mask(issued.token);
        cached = { token: issued.token, expiresOnTimestamp: issued.expiresOnTimestamp };
        return issued.token;
    };
}

;// CONCATENATED MODULE: ./src/entra/sign-in.ts






/**
 * Exchanges the GitHub OIDC token for a Graph token (workload identity federation), once; the
 * token is reused until shortly before it expires. `mask` gets every new token, the first and each
 * refresh, before anything else sees it. `onTokenRequestSent` is told once the first token request
 * has left (at once where a proxy keeps identity on its own HTTP client, see identity-http.ts).
 */
async function signInToGraph(settings, early, mask, onTokenRequestSent) {
    const { idToken, authorityMetadata } = early;
    dropUnusedFormData();
    // The OIDC token is requested while MSAL loads; a job without id-token: write fails here, plainly.
    const [{ ClientAssertionCredential }] = await Promise.all([__webpack_require__.e(/* import() */ 76).then(__webpack_require__.bind(__webpack_require__, 2076)), idToken()]);
    const ownClient = !(0,proxy/* proxyConfigured */.$)(process.env);
    if (!ownClient)
        onTokenRequestSent?.();
    const credential = new ClientAssertionCredential(settings.tenantId, settings.deployerClientId, idToken, {
        authorityHost: settings.cloud.authorityHost,
        // Instance discovery asks login.microsoftonline.com about the host; only Microsoft's hosts are known there.
        disableInstanceDiscovery: !(0,clouds/* isMicrosoftAuthority */.as)(settings.cloud.authorityHost),
        // MSAL's first request, the authority metadata, was sent beside the OIDC token (early-requests.ts).
        additionalPolicies: authorityMetadata ? [prefetchPolicy(authorityMetadata)] : [],
        ...(ownClient ? { httpClient: identityHttpClient(onTokenRequestSent) } : {}),
    });
    const scope = (0,clouds/* graphScope */.H1)(settings.cloud);
    const getAccessToken = createTokenSource({
        mask,
        fetch: async () => {
            try {
                return await credential.getToken(scope);
            }
            catch (error) {
                throw await signInError(error, { settings, idToken });
            }
        },
    });
    await getAccessToken();
    return { getAccessToken };
}
/**
 * Node defines FormData, like fetch's Request, Response and Headers, as a global that loads Node's
 * bundled undici the first time anything touches it (nodejs/node lib/internal/bootstrap/web/
 * exposed-window-or-worker.js, exposeLazyInterfaces): about 20 ms of a run. @azure/identity's HTTP
 * pipeline touches it on every request only to ask whether the body is one (`typeof FormData !==
 * "undefined" && body instanceof FormData`, @typespec/ts-http-runtime src/formData.ts, used by
 * formDataPolicy). No request of the action has a form-data body, so the global goes before the
 * first one; removing it does not load it.
 */
function dropUnusedFormData() {
    delete globalThis.FormData;
}


/***/ }),

/***/ 6988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/https.ts
var https = __webpack_require__(4101);
;// CONCATENATED MODULE: ./src/retry.ts
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        // An abort ends the wait and clears its timer, so nothing holds the process open afterwards.
        const stop = () => {
            clearTimeout(timer);
            resolve();
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', stop);
            resolve();
        }, ms);
        signal?.addEventListener('abort', stop, { once: true });
    }),
    random: () => Math.random(),
};
const DEFAULT_LIMITS = { maxAttempts: 8, maxElapsedMs: 180_000, baseDelayMs: 1_000, maxDelayMs: 30_000 };
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
            if (!decision.retry || n >= limits.maxAttempts || context.signal?.aborted)
                throw error;
            const backoff = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (n - 1));
            const jittered = Math.round(backoff * (0.5 + clock.random() / 2));
            const delay = Math.max(decision.afterMs ?? 0, jittered);
            if (clock.now() - started + delay > limits.maxElapsedMs)
                throw error;
            context.warn(`${context.operation}: ${decision.reason}; attempt ${n} of ${limits.maxAttempts} failed, retrying in ${(delay / 1000).toFixed(1)} s`);
            await clock.sleep(delay, context.signal);
            if (context.signal?.aborted)
                throw error;
        }
    }
}

// EXTERNAL MODULE: ./src/settings/clouds.ts
var clouds = __webpack_require__(855);
;// CONCATENATED MODULE: ./src/entra/secret-check.ts




/**
 * While a new secret propagates, the token endpoint answers AADSTS7000215 (invalid secret) for a
 * few seconds (~4–18 s, microsoft-graph-docs#17966); a just-created application or service
 * principal can also be unknown there for a while (AADSTS700016, AADSTS7000229).
 */
const PROPAGATING = new Set(['7000215', '700016', '7000229']);
class SecretCheckFailed extends errors/* ActionError */.lZ {
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
async function waitUntilSecretWorks(check) {
    const { settings, clientId, secret, warn, clock, signal } = check;
    const timeoutSeconds = settings.secret.verifyTimeoutSeconds;
    const url = `${settings.cloud.authorityHost}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/token`;
    let attempts = 0;
    await withRetry({
        operation: 'sign in with the new client secret',
        classify: (error) => error instanceof SecretCheckFailed && (error.code === undefined || PROPAGATING.has(error.code))
            ? { retry: true, reason: error.code ? `not yet propagated (AADSTS${error.code})` : error.message }
            : { retry: false },
        warn,
        clock,
        signal,
        limits: { maxAttempts: 60, maxElapsedMs: timeoutSeconds * 1000, baseDelayMs: 1_000, maxDelayMs: 8_000 },
    }, async () => {
        attempts++;
        let reply;
        try {
            reply = await (0,https/* send */.tN)({
                method: 'POST',
                url,
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams({ client_id: clientId, client_secret: secret, grant_type: 'client_credentials', scope: (0,clouds/* graphScope */.H1)(settings.cloud) }).toString(),
                signal,
            });
        }
        catch (error) {
            throw new SecretCheckFailed(`no answer from ${url} (${error.message})`, undefined);
        }
        if (reply.status >= 200 && reply.status < 300)
            return;
        const parsed = (0,https/* jsonOrText */.BG)(reply.text);
        const body = (typeof parsed === 'object' && parsed !== null ? parsed : {});
        const code = body.error_codes?.[0]?.toString() ?? /AADSTS(\d+)/.exec(body.error_description ?? '')?.[1];
        const description = (body.error_description ?? `HTTP ${reply.status}`).split(/\r?\n/)[0] ?? '';
        throw new SecretCheckFailed(description, code ?? (reply.status >= 500 ? undefined : `HTTP${reply.status}`));
    });
    return attempts;
}

// EXTERNAL MODULE: ./src/entra/sign-in.ts + 5 modules
var sign_in = __webpack_require__(4296);
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
/** The code of a reply whose status came but whose body was cut off (outcome unknown). */
const RESPONSE_CUT_OFF = 'ResponseCutOff';
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
    if (error.code === RESPONSE_CUT_OFF) {
        // The answer was lost on the way, as with no response at all.
        return options.idempotent ? { retry: true, reason: `the answer was cut off (HTTP ${error.status})`, afterMs } : { retry: false };
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

;// CONCATENATED MODULE: ./src/graph/calls.ts


/** Runs an attempt under the one retry policy, with Graph's idea of which failures are transient. */
function retrying(context, operation, transient, attempt) {
    const { warn, clock, limits } = context;
    return withRetry({ operation, classify: (error) => classifyGraphError(error, transient), warn, clock, limits }, attempt);
}
/** One Graph request, repeated while its failures are transient. */
function call(context, request, transient) {
    return retrying(context, request.operation, transient, () => context.http.send(request));
}
/** A GET, safe to repeat; `justCreated` also waits out replication of an object this run created. */
async function read(context, operation, path, justCreated = false) {
    const reply = await call(context, { operation, method: 'GET', path }, { idempotent: true, justCreated });
    return reply.body;
}

;// CONCATENATED MODULE: ./src/graph/odata.ts
/**
 * An OData string literal for a URL: single quotes doubled (OData v4.0 ABNF, rule SQUOTE-in-string:
 * docs.oasis-open.org/odata/odata/v4.0/errata03/os/complete/abnf/odata-abnf-construction-rules.txt),
 * then percent-encoded, as Graph asks of every query value (learn.microsoft.com/graph/query-parameters,
 * "Encoding query parameters").
 */
function odataString(value) {
    return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}

;// CONCATENATED MODULE: ./src/graph/types.ts
/**
 * The parts of Graph v1.0 resources the action reads and writes, as the v1.0 schema defines them
 * (github.com/microsoftgraph/msgraph-metadata, clean_v10_metadata/cleanMetadata.xml: EntityType
 * application, webApplication, passwordCredential, servicePrincipal).
 */
/** Exactly the application properties the action needs, so every read is one small $select. */
const APPLICATION_FIELDS = [
    'id',
    'appId',
    'displayName',
    'uniqueName',
    'signInAudience',
    'isFallbackPublicClient',
    'web',
    'api',
    'passwordCredentials',
    'requiredResourceAccess',
    'tags',
];
/** appId of Microsoft Graph, the same in every cloud. */
const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

;// CONCATENATED MODULE: ./src/graph/applications.ts




const SELECT = `$select=${APPLICATION_FIELDS.join(',')}`;
const byUniqueNamePath = (uniqueName) => `/applications(uniqueName=${odataString(uniqueName)})`;
const displayNameFilter = (displayName) => `$filter=${encodeURIComponent('displayName eq ')}${odataString(displayName)}`;
function createApplications(context) {
    return {
        lookup: (uniqueName, displayName, legacyUniqueName) => lookup(context, uniqueName, displayName, legacyUniqueName),
        getApplication: (id, opts = {}) => read(context, `read application ${id}`, `/applications/${id}?${SELECT}`, opts.justCreated),
        getByUniqueName: (uniqueName, opts = {}) => read(context, `read application with uniqueName '${uniqueName}'`, `${byUniqueNamePath(uniqueName)}?${SELECT}`, opts.justCreated),
        async upsertByUniqueName(uniqueName, body) {
            // Safe to repeat: when an application has the uniqueName, the upsert updates it (204) instead
            // of creating another (201) (learn.microsoft.com/graph/api/application-upsert).
            const reply = await call(context, { operation: `create application with uniqueName '${uniqueName}'`, method: 'PATCH', path: byUniqueNamePath(uniqueName), headers: { Prefer: 'create-if-missing' }, body }, { idempotent: true });
            if (reply.status === 201 && reply.body)
                return { created: true, application: reply.body };
            return { created: false };
        },
        async updateApplication(id, patch, opts = {}) {
            // A PATCH sets properties to fixed values, so repeating it is harmless.
            await call(context, { operation: `update application ${id}`, method: 'PATCH', path: `/applications/${id}`, body: patch }, { idempotent: true, justCreated: opts.justCreated ?? false });
        },
        ownership: (applicationId, deployerClientId) => ownership(context, applicationId, deployerClientId),
    };
}
const byKey = (uniqueName) => ({ operation: `read application with uniqueName '${uniqueName}'`, method: 'GET', path: `${byUniqueNamePath(uniqueName)}?${SELECT}` });
/** An application read by key: a 404 is an answer (none has it); any other failure fails the attempt. */
function keyed(outcome) {
    if (outcome instanceof GraphRequestError) {
        if (isNotFound(outcome))
            return undefined;
        throw outcome;
    }
    return outcome?.body;
}
async function lookup(context, uniqueName, displayName, legacyUniqueName) {
    const byKeyCall = byKey(uniqueName);
    const byNameCall = { operation: `list applications named '${displayName}'`, method: 'GET', path: `/applications?${displayNameFilter(displayName)}&${SELECT}&$top=999` };
    const spByNameCall = {
        operation: `list service principals named '${displayName}'`,
        method: 'GET',
        path: `/servicePrincipals?${displayNameFilter(displayName)}&$select=id,appId&$top=999`,
    };
    const found = await retrying(context, 'look up the app registration', { idempotent: true }, async () => {
        const [byKeyOutcome, byName, spByName, byLegacy] = await context.http.batch([
            byKeyCall,
            byNameCall,
            spByNameCall,
            ...(legacyUniqueName ? [byKey(legacyUniqueName)] : []),
        ]);
        // A throttled or failed member fails the attempt; a 404 by uniqueName is an answer.
        const byUniqueName = keyed(byKeyOutcome);
        const byLegacyUniqueName = keyed(byLegacy);
        if (byName instanceof GraphRequestError)
            throw byName;
        if (spByName instanceof GraphRequestError)
            throw spByName;
        return { byUniqueName, byLegacyUniqueName, page: byName.body, servicePrincipals: spByName.body };
    });
    const byDisplayName = [...(found.page?.value ?? [])];
    for (let next = found.page?.['@odata.nextLink']; next;) {
        const more = await read(context, byNameCall.operation, next);
        byDisplayName.push(...more.value);
        next = more['@odata.nextLink'];
    }
    // Further pages of service principals are not followed: a miss costs one direct read later.
    return {
        byUniqueName: found.byUniqueName,
        ...(legacyUniqueName ? { byLegacyUniqueName: found.byLegacyUniqueName } : {}),
        byDisplayName,
        servicePrincipalsByDisplayName: found.servicePrincipals?.value ?? [],
    };
}
async function ownership(context, applicationId, deployerClientId) {
    // Both reads in one round trip. Application.ReadWrite.OwnedBy is among the permissions that may
    // list an application's owners (learn.microsoft.com/graph/api/application-list-owners); that it
    // may for applications the caller does not own is UNCONFIRMED (the docs do not say either way).
    const [owners, deployer] = await context.http.batch([
        { operation: `read owners of application ${applicationId}`, method: 'GET', path: `/applications/${applicationId}/owners?$select=id` },
        { operation: `read the deployer's service principal`, method: 'GET', path: `/servicePrincipals(appId='${encodeURIComponent(deployerClientId)}')?$select=id` },
    ]);
    if (owners instanceof GraphRequestError)
        throw owners;
    const deployerObjectId = deployer instanceof GraphRequestError ? undefined : deployer.body?.id;
    const ownerIds = (owners.body?.value ?? []).map((o) => o.id);
    return { owned: deployerObjectId !== undefined && ownerIds.includes(deployerObjectId), deployerObjectId };
}

;// CONCATENATED MODULE: ./src/graph/consent.ts



function createConsent(context) {
    return {
        graphPermissionCatalog: () => read(context, 'read the permissions Microsoft Graph publishes', `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')?$select=id,appId,oauth2PermissionScopes,appRoles`),
        grantAppRole: (clientServicePrincipalId, resourceId, appRoleId) => grantAppRole(context, { clientId: clientServicePrincipalId, resourceId }, appRoleId),
        grantDelegated: (clientServicePrincipalId, resourceId, scopes) => grantDelegated(context, { clientId: clientServicePrincipalId, resourceId }, scopes),
    };
}
async function grantAppRole(context, parties, appRoleId) {
    const { clientId, resourceId } = parties;
    try {
        await call(context, { operation: `grant app role ${appRoleId}`, method: 'POST', path: `/servicePrincipals/${resourceId}/appRoleAssignedTo`, body: { principalId: clientId, resourceId, appRoleId } }, { idempotent: false, justCreated: true });
    }
    catch (error) {
        // Already granted: "Permission being assigned already exists on the object".
        if (error instanceof GraphRequestError && (error.status === 409 || /already exists/i.test(error.graphMessage)))
            return;
        throw error;
    }
}
async function grantDelegated(context, parties, scopes) {
    const { clientId, resourceId } = parties;
    const existing = await read(context, 'read delegated permission grants', `/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${clientId}' and resourceId eq '${resourceId}'`)}`);
    const grant = existing.value[0];
    if (!grant) {
        await call(context, { operation: 'grant admin consent for delegated permissions', method: 'POST', path: '/oauth2PermissionGrants', body: { clientId, consentType: 'AllPrincipals', resourceId, scope: scopes.join(' ') } }, { idempotent: false, justCreated: true });
        return;
    }
    const granted = grant.scope.split(' ').filter(Boolean);
    const merged = [...new Set([...granted, ...scopes])];
    if (merged.length === granted.length)
        return;
    await call(context, { operation: 'extend admin consent for delegated permissions', method: 'PATCH', path: `/oauth2PermissionGrants/${grant.id}`, body: { scope: merged.join(' ') } }, { idempotent: true });
}

;// CONCATENATED MODULE: ./src/graph/passwords.ts



/** A $batch holds at most 20 requests (learn.microsoft.com/graph/json-batching). */
const BATCH_LIMIT = 20;
function createPasswords(context) {
    return {
        addPassword: (applicationId, displayName, endDateTime, opts = {}) => addPassword(context, applicationId, { baseDisplayName: displayName, endDateTime, justCreated: opts.justCreated ?? false }),
        removePassword: (applicationId, keyId) => removePassword(context, applicationId, keyId),
        removePasswords: (applicationId, keyIds) => removePasswords(context, applicationId, keyIds),
    };
}
/**
 * POST addPassword answers with the only copy of the secret's value: "There is no way to retrieve
 * this password in the future" (learn.microsoft.com/graph/api/application-addpassword). Orphans of
 * an unknown outcome are removed before the next attempt, so repeating is safe.
 */
function addPassword(context, applicationId, password) {
    const { baseDisplayName, endDateTime, justCreated } = password;
    return retrying(context, `add a client secret to application ${applicationId}`, { idempotent: true, justCreated }, async () => {
        // A marker per attempt: an attempt whose answer was lost can be found and removed.
        const displayName = `${baseDisplayName} ${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
        try {
            const reply = await context.http.send({
                operation: `add a client secret to application ${applicationId}`,
                method: 'POST',
                path: `/applications/${applicationId}/addPassword`,
                body: { passwordCredential: { displayName, endDateTime } },
            });
            const credential = reply.body;
            if (!credential?.secretText)
                throw new GraphRequestError({ operation: 'add a client secret', status: reply.status, code: 'NoSecretText', message: 'the answer carried no secretText', outcomeUnknown: true });
            context.mask(credential.secretText);
            return credential;
        }
        catch (error) {
            if (error instanceof GraphRequestError && error.outcomeUnknown)
                await removeOrphan(context, applicationId, { displayName, justCreated });
            throw error;
        }
    });
}
/** After an addPassword whose outcome is unknown: a secret with that marker has a lost value, so it goes. */
async function removeOrphan(context, applicationId, attempt) {
    const { displayName, justCreated } = attempt;
    const app = await read(context, `read client secrets of application ${applicationId}`, `/applications/${applicationId}?$select=id,passwordCredentials`, justCreated);
    for (const credential of app.passwordCredentials) {
        if (credential.displayName === displayName) {
            context.warn(`Removing client secret ${credential.keyId} ("${displayName}"): it was added, but its value was lost with the answer.`);
            await removePassword(context, applicationId, credential.keyId);
        }
    }
}
const removeCall = (applicationId, keyId) => ({
    operation: `remove client secret ${keyId} from application ${applicationId}`,
    method: 'POST',
    path: `/applications/${applicationId}/removePassword`,
    body: { keyId },
});
async function removePassword(context, applicationId, keyId) {
    try {
        await call(context, removeCall(applicationId, keyId), { idempotent: true });
    }
    catch (error) {
        // Already gone (a repeated attempt whose first try succeeded, or removed by hand): the goal holds.
        if (error instanceof GraphRequestError && (error.status === 404 || (error.status === 400 && /keyId|credential/i.test(error.graphMessage))))
            return;
        throw error;
    }
}
async function removePasswords(context, applicationId, keyIds) {
    if (keyIds.length <= 1) {
        for (const keyId of keyIds)
            await removePassword(context, applicationId, keyId);
        return;
    }
    // One object, several writes: in sequence inside the batch, so they do not collide (409).
    const batched = keyIds.slice(0, BATCH_LIMIT);
    const calls = batched.map((keyId) => removeCall(applicationId, keyId));
    let replies;
    try {
        replies = await context.http.batch(calls, { sequential: true });
    }
    catch {
        replies = calls.map(() => undefined);
    }
    // Whatever the batch did not settle is removed one by one, with the usual retries.
    const unsettled = batched.filter((_, i) => replies[i] === undefined || replies[i] instanceof GraphRequestError);
    for (const keyId of [...unsettled, ...keyIds.slice(BATCH_LIMIT)])
        await removePassword(context, applicationId, keyId);
}

;// CONCATENATED MODULE: ./src/graph/service-principals.ts


const byAppIdPath = (appId) => `/servicePrincipals(appId='${encodeURIComponent(appId)}')?$select=id,appId`;
const readOperation = (appId) => `read the service principal of application ${appId}`;
function createServicePrincipals(context) {
    return {
        async findServicePrincipal(appId) {
            try {
                return await read(context, readOperation(appId), byAppIdPath(appId));
            }
            catch (error) {
                if (isNotFound(error))
                    return undefined;
                throw error;
            }
        },
        createServicePrincipal: (appId, opts = {}) => createServicePrincipal(context, appId, opts.justCreated ?? false),
    };
}
async function createServicePrincipal(context, appId, justCreated) {
    const operation = `create the service principal of application ${appId}`;
    try {
        const reply = await call(context, { operation, method: 'POST', path: '/servicePrincipals', body: { appId } }, 
        // Too early after the application's creation Graph answers 403 Authorization_RequestDenied ("the
        // backing application of the service principal being created must in the local tenant") or 404:
        // github.com/hashicorp/terraform-provider-azuread/issues/992 (403),
        // github.com/hashicorp/terraform-provider-azuread/issues/1811 (404).
        { idempotent: false, justCreated, replicationStatuses: [403, 404] });
        if (!reply.body)
            throw new GraphRequestError({ operation, status: reply.status, code: 'EmptyBody', message: 'no body' });
        return reply.body;
    }
    catch (error) {
        // Another run created it first (or our first attempt's answer was lost): it exists, which is the goal.
        if (error instanceof GraphRequestError && (error.status === 409 || (error.status === 400 && /already exists/i.test(error.graphMessage)) || error.outcomeUnknown)) {
            // It may itself be inside its replication window: a 404 here means "not yet", not "absent".
            return await read(context, readOperation(appId), byAppIdPath(appId), true);
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/graph/directory.ts





function createDirectory(options) {
    return {
        ...createApplications(options),
        ...createPasswords(options),
        ...createServicePrincipals(options),
        ...createConsent(options),
    };
}

// EXTERNAL MODULE: ./node_modules/@microsoft/microsoft-graph-client/lib/src/index.js
var src = __webpack_require__(1899);
;// CONCATENATED MODULE: ./src/graph/graph-middleware.ts

/**
 * The client's AuthenticationHandler, minus its header helpers: those test `request instanceof
 * Request` (msgraph-sdk-javascript src/middleware/MiddlewareUtil.ts), and touching the global Request
 * loads Node's fetch implementation (../http/https.ts). Like that handler, it attaches the token
 * only to https URLs on the Graph host (src/middleware/AuthenticationHandler.ts, isGraphURL and
 * isCustomHost), so a URL from an answer never carries it elsewhere.
 */
class BearerToken {
    next;
    host;
    getAccessToken;
    constructor(host, getAccessToken) {
        this.host = host;
        this.getAccessToken = getAccessToken;
    }
    async execute(context) {
        const url = new URL(String(context.request));
        if (url.protocol === 'https:' && url.host === this.host) {
            const options = (context.options ??= {});
            options.headers = { ...options.headers, Authorization: `Bearer ${await this.getAccessToken()}` };
        }
        await this.next?.execute(context);
    }
    setNext(next) {
        this.next = next;
    }
}
/**
 * The client's HTTPMessageHandler over node:https instead of fetch. A failed connection keeps its
 * cause (the client wraps a thrown error into a GraphError that keeps only name and message), and a
 * body cut off after the status line becomes a response whose text() rejects, as fetch's would.
 */
class HttpsHandler {
    async execute(context) {
        const options = context.options ?? {};
        if (options.body !== undefined && options.body !== null && typeof options.body !== 'string') {
            throw new Error(`unsupported request body for ${String(options.method)} ${String(context.request)}: the action sends only JSON text`);
        }
        const request = {
            method: (options.method ?? 'GET'),
            url: String(context.request),
            headers: options.headers,
            body: options.body ?? undefined,
            signal: options.signal ?? undefined,
        };
        let response;
        try {
            const reply = await (0,https/* send */.tN)(request);
            response = { ok: reply.status >= 200 && reply.status < 300, status: reply.status, headers: reply.headers, text: () => Promise.resolve(reply.text) };
        }
        catch (error) {
            if (!(error instanceof https/* BodyCutOff */.eA))
                throw error;
            response = { ok: error.status >= 200 && error.status < 300, status: error.status, headers: error.headers, text: () => Promise.reject(error) };
        }
        context.response = response;
    }
}

;// CONCATENATED MODULE: ./src/graph/graph-http.ts




/**
 * Graph over the official client with a middleware chain of our own: authentication and the HTTP
 * call, without the client's RetryHandler. That handler repeats POSTs such as addPassword with the
 * same body on 429/503/504, which can mint a secret whose value is lost: in the client 3.0.7
 * (github.com/microsoftgraph/msgraph-sdk-javascript, src/middleware/RetryHandler.ts), isBuffered()
 * holds for every POST/PATCH/PUT that is not application/octet-stream. Retries live in
 * ../retry.ts, where each caller decides what is safe to repeat.
 */
function createGraphHttp(graphEndpoint, getAccessToken) {
    const client = src/* Client */.Kj.initWithMiddleware({
        baseUrl: graphEndpoint,
        defaultVersion: 'v1.0',
        middleware: [new BearerToken(new URL(graphEndpoint).host, getAccessToken), new HttpsHandler()],
    });
    const send = async (call) => {
        let request = client.api(call.path).responseType(src/* ResponseType */.yl.RAW);
        for (const [name, value] of Object.entries(call.headers ?? {}))
            request = request.header(name, value);
        let response;
        try {
            response = (await dispatch(request, call));
        }
        catch (error) {
            throw networkError(call, error);
        }
        let text;
        try {
            text = await response.text();
        }
        catch (error) {
            // The status line came, the body did not (the connection ended mid-body). The request may have taken effect.
            throw cutOff(call, response, error instanceof https/* BodyCutOff */.eA ? error.detail : error instanceof Error ? error.message : String(error));
        }
        const body = (0,https/* jsonOrText */.BG)(text);
        if (!response.ok)
            throw replyError(call, response.status, body, response.headers);
        // A 2xx whose JSON does not parse was cut off too: the only copy of a new secret would be lost in it.
        if (typeof body === 'string' && /json/i.test(response.headers.get('content-type') ?? ''))
            throw cutOff(call, response, 'the JSON body ended early');
        return { status: response.status, body: body };
    };
    const batch = async (batchCalls, options = {}) => {
        const calls = batchCalls;
        // Graph runs batched requests in any order unless each depends on the one before
        // (learn.microsoft.com/graph/json-batching).
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
        const outcomes = calls.map((call, index) => {
            const answer = responses.find((r) => r.id === String(index + 1));
            if (!answer) {
                return new GraphRequestError({ operation: call.operation, status: 0, code: 'BatchResponseMissing', message: 'the $batch answer had no response for this request', outcomeUnknown: true });
            }
            if (answer.status >= 200 && answer.status < 300)
                return { status: answer.status, body: answer.body };
            return replyError(call, answer.status, answer.body, new https/* ReplyHeaders */.FX(answer.headers ?? {}));
        });
        // The one unchecked step, as in send: each body is taken to be of the type its caller declared.
        return outcomes;
    };
    return { send, batch };
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
/** A reply whose body was cut off: its outcome is unknown, like a request without an answer. */
function cutOff(call, response, detail) {
    return new GraphRequestError({
        operation: call.operation,
        status: response.status,
        code: RESPONSE_CUT_OFF,
        message: `the answer's body was cut off (${detail})`,
        requestId: response.headers.get('request-id') ?? undefined,
        outcomeUnknown: true,
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

;// CONCATENATED MODULE: ./src/github/rest.ts

/** An answer other than 2xx, shaped like Octokit's RequestError: status, and the response's lower-case headers and data. */
class GitHubRequestError extends Error {
    status;
    response;
    constructor(status, headers, data) {
        super(data?.message?.toString() ?? `HTTP ${status}`);
        this.name = 'HttpError';
        this.status = status;
        this.response = { status, headers, data };
    }
}
/**
 * "You should assume that any request may result in a redirect": 301 permanent, 302 and 307 temporary,
 * others per the HTTP specification (docs.github.com/rest/using-the-rest-api/best-practices-for-using-
 * the-rest-api#follow-redirects), e.g. for a renamed or transferred repository; Octokit's fetch followed
 * them. Followed with the same method and body, and only within the API's own origin, so that the
 * token never goes anywhere else.
 */
const REDIRECTS = new Set([301, 302, 307, 308]);
const MAX_REDIRECTS = 3;
async function gitHubRequest(call) {
    const origin = new URL(call.apiUrl).origin;
    let url = `${call.apiUrl.replace(/\/+$/, '')}${call.path}`;
    for (let hops = 0;; hops++) {
        const reply = await sendOnce(call, url);
        const location = reply.headers.get('location');
        if (REDIRECTS.has(reply.status) && location && hops < MAX_REDIRECTS) {
            const next = new URL(location, url);
            if (next.origin === origin) {
                url = next.href;
                continue;
            }
        }
        const data = (0,https/* jsonOrText */.BG)(reply.text);
        if (reply.status < 200 || reply.status > 299)
            throw new GitHubRequestError(reply.status, Object.fromEntries(reply.headers.entries()), data);
        return { status: reply.status, data: data };
    }
}
function sendOnce(call, url) {
    return (0,https/* send */.tN)({
        method: call.method,
        url,
        headers: {
            // docs.github.com/rest/authentication/authenticating-to-the-rest-api: "Bearer" for every kind of token.
            authorization: `Bearer ${call.token}`,
            accept: 'application/vnd.github+json',
            // docs.github.com/rest/about-the-rest-api/api-versions
            'x-github-api-version': '2022-11-28',
            // GitHub refuses a request without one (docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent).
            'user-agent': https/* USER_AGENT */._O,
            ...(call.body ? { 'content-type': 'application/json' } : {}),
        },
        body: call.body ? JSON.stringify(call.body) : undefined,
    });
}

// EXTERNAL MODULE: ./src/settings/token-permissions.ts
var token_permissions = __webpack_require__(9389);
;// CONCATENATED MODULE: ./src/github/secrets-api.ts




const SECRETS_TOKEN_HINT = `GITHUB_TOKEN can never write Actions secrets. Pass github-token: ${token_permissions/* TOKEN_REQUIREMENT */.S}.`;
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
    const { owner, repo } = delivery.repository;
    const description = destinationDescription(delivery);
    const base = delivery.target === 'organization'
        ? `/orgs/${encodeURIComponent(owner)}/actions/secrets`
        : delivery.target === 'environment'
            ? `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/environments/${encodeURIComponent(delivery.environment ?? '')}/secrets`
            : `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/secrets`;
    const request = async (operation, method, path, body) => {
        try {
            return await gitHubRequest({ apiUrl, token: delivery.token, method, path, body });
        }
        catch (error) {
            throw gitHubError(operation, delivery, description, error);
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
        async updatedAt(name) {
            // GET …/secrets/{name} answers name, created_at and updated_at (docs.github.com/rest/actions/secrets).
            try {
                return (await request(`read the metadata of secret ${name} in ${description}`, 'GET', `${base}/${encodeURIComponent(name)}`)).data.updated_at;
            }
            catch (error) {
                if (gitHubStatus(error) === 404)
                    return null;
                throw error;
            }
        },
    };
}
function gitHubError(operation, delivery, description, error) {
    const status = error.status;
    const message = (error.response?.data?.message ?? error.message ?? String(error)).split('\n')[0];
    const headers = error.response?.headers;
    // GitHub's ID of the request, which GitHub Support asks for (docs.github.com/rest/using-the-rest-api/
    // troubleshooting-the-rest-api); Octokit hands response headers over with lower-case names.
    const requestId = headers?.['x-github-request-id'];
    const text = `Failed to ${operation}: ${status ? `HTTP ${status}` : 'no response'}: ${message}${requestId ? ` (x-github-request-id ${requestId})` : ''}`;
    if (status === 403 || status === 401) {
        // GitHub names the permission a request lacked in this header (docs.github.com/rest/authentication/
        // permissions-required-for-fine-grained-personal-access-tokens, "X-Accepted-GitHub-Permissions").
        const accepted = headers?.['x-accepted-github-permissions'];
        const hint = `${SECRETS_TOKEN_HINT} For ${description} that is ${token_permissions/* TOKEN_PERMISSIONS */.V[delivery.target]}` +
            `${accepted ? ` (GitHub asks for: ${accepted})` : ''}, and the token must cover it: a fine-grained token's ` +
            'repository access or resource owner, or the GitHub App\'s installation.';
        return new errors/* ActionError */.lZ(text, { hint, cause: error });
    }
    if (status === 404) {
        // GitHub answers 404 rather than 403 where a token may not see a private repository
        // (docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api, "404 error for an existing repository").
        return new errors/* ActionError */.lZ(text, {
            hint: `Check that ${description} exists and that the token can see it: a fine-grained token's repository access must include ` +
                'the repository, a GitHub App must be installed on it (GitHub answers 404, not 403, for what a token cannot see); ' +
                'an environment must be created first.',
            cause: error,
        });
    }
    return new errors/* ActionError */.lZ(text, { cause: error });
}
/** The HTTP status GitHub answered with, from an error or any of its causes. */
function gitHubStatus(error) {
    for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
        const status = e.status;
        if (typeof status === 'number')
            return status;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/github/seal.ts
/**
 * Seals a value for GitHub's secrets API: libsodium's crypto_box_seal with the target's public key,
 * base64 in the ORIGINAL variant (docs.github.com/rest/guides/encrypting-secrets-for-the-rest-api).
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

;// CONCATENATED MODULE: ./src/secret/deliver.ts



/**
 * Reads the destination's public key and what its client-secret secret looks like now. Started while
 * Graph works, and awaited before a secret is made, so a token that cannot write secrets fails the
 * run before anything changes in Entra.
 */
async function prepareDelivery(delivery, apiUrl) {
    loadSodium().catch(() => undefined);
    const destination = await createSecretsDestination(delivery, apiUrl);
    const [publicKey, secretUpdatedAt] = await Promise.all([destination.publicKey(), destination.updatedAt(delivery.names.clientSecret)]);
    return { destination, names: delivery.names, publicKey, secretUpdatedAt };
}
/** Thrown by deliverToGitHub: whether the client-secret write may have landed decides what may be undone. */
class DeliveryFailed extends errors/* ActionError */.lZ {
    secretWritten;
    constructor(secretWritten, cause) {
        super(cause instanceof Error ? cause.message : String(cause), { cause });
        this.name = 'DeliveryFailed';
        this.secretWritten = secretWritten;
    }
}
/**
 * Writes client ID and tenant ID, then the client secret last: a failure before it leaves the
 * destination's secret untouched, so the portal keeps a pair that works. Resolves to one line per
 * secret for the log.
 */
async function deliverToGitHub(prepared, values) {
    const { destination, publicKey, names } = prepared;
    const write = async (name, value) => `${name}: ${await destination.write(name, await sealForGitHub(value, publicKey.key), publicKey.key_id)} in ${destination.description}`;
    let lines;
    try {
        lines = await Promise.all([write(names.clientId, values.clientId), write(names.tenantId, values.tenantId)]);
    }
    catch (error) {
        throw new DeliveryFailed('no', error);
    }
    try {
        lines.push(await write(names.clientSecret, values.clientSecret));
    }
    catch (error) {
        throw new DeliveryFailed('maybe', error);
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/context.ts





const defaultServices = {
    signIn: sign_in.signInToGraph,
    directory: (settings, signIn, runtime) => createDirectory({ http: createGraphHttp(settings.cloud.graphEndpoint, signIn.getAccessToken), warn: (m) => runtime.warning(m), mask: (s) => runtime.setSecret(s) }),
    secretsDestination: prepareDelivery,
    secretCheck: waitUntilSecretWorks,
};

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
        case 'set-access-token-version':
            return `set the requested access token version from ${change.from ?? '(unset)'} to ${change.to}, as an audience with personal Microsoft accounts requires`;
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
            return `remove client secret ${change.keyId}${change.expiresAt ? ` (expires ${change.expiresAt})` : ''}: ${change.reason}`;
    }
}

;// CONCATENATED MODULE: ./src/plan/ledger.ts
/**
 * The delivery ledger: which client secret each destination was last given, kept as strings in the
 * application's own `tags` (a Collection(Edm.String) the owner may write with
 * Application.ReadWrite.OwnedBy, learn.microsoft.com/graph/api/resources/application). It lives with
 * the registration, so every workflow that delivers its secrets sees the same ledger, and it needs
 * no permission beyond the one the action already has.
 *
 * One tag per fact, each well under 256 characters (the per-tag limit is UNCONFIRMED; the emulator
 * refuses longer tags):
 *   intrexx-entra-action:<destination>:holds:<keyId>:<delta>     the destination holds this secret
 *   intrexx-entra-action:<destination>:pending:<keyId>            a delivery of this secret began
 *   intrexx-entra-action:<destination>:retiring:<keyId>:<keyId>   it was replaced by the second one
 *
 * No fact holds a clock reading of its own: times come from the secrets' startDateTime and from
 * GitHub's updated_at. <delta> is updated_at of the destination's client-secret secret minus the
 * held secret's startDateTime, in milliseconds, as read right after the write ("-" for a step
 * output, which GitHub keeps no record of). A later run compares it with updated_at as it finds it:
 * equal means nothing has written the destination since.
 */
const MARKER = 'intrexx-entra-action';
const ID = '[0-9a-f]{12}';
const KEY = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FACT = new RegExp(`^${MARKER}:(${ID}):(?:holds:(${KEY}):(-|-?\\d{1,15})|pending:(${KEY})|retiring:(${KEY}):(${KEY}))$`, 'i');
function parseLedger(tags) {
    const facts = [];
    const otherTags = [];
    for (const tag of tags ?? []) {
        const m = FACT.exec(tag);
        if (!m) {
            otherTags.push(tag);
            continue;
        }
        const destination = (m[1] ?? '').toLowerCase();
        if (m[2])
            facts.push({ kind: 'holds', destination, keyId: m[2].toLowerCase(), delta: m[3] === '-' ? null : Number(m[3]) });
        else if (m[4])
            facts.push({ kind: 'pending', destination, keyId: m[4].toLowerCase() });
        else
            facts.push({ kind: 'retiring', destination, keyId: (m[5] ?? '').toLowerCase(), replacedBy: (m[6] ?? '').toLowerCase() });
    }
    return { facts, otherTags };
}
function factTag(fact) {
    const head = `${MARKER}:${fact.destination}`;
    if (fact.kind === 'holds')
        return `${head}:holds:${fact.keyId}:${fact.delta === null ? '-' : String(fact.delta)}`;
    if (fact.kind === 'pending')
        return `${head}:pending:${fact.keyId}`;
    return `${head}:retiring:${fact.keyId}:${fact.replacedBy}`;
}
/** The tags that store a ledger: the other tags first, then the facts, without duplicates. */
function ledgerTags(ledger) {
    return [...new Set([...ledger.otherTags, ...ledger.facts.map(factTag)])];
}
/** Drops facts about secrets that no longer exist: they protect nothing and would only grow the ledger. */
function withoutDangling(ledger, credentials) {
    const exists = new Set(credentials.map((c) => c.keyId.toLowerCase()));
    return { ...ledger, facts: ledger.facts.filter((f) => exists.has(f.keyId)) };
}
/**
 * The label (displayName) of the secrets one invocation makes: the destination, the workflow run and
 * attempt, and a nonce per invocation; addPassword appends a nonce per request attempt.
 */
function secretLabel(destination, run) {
    return `${MARKER} ${destination} run ${run.id}.${run.attempt} ${run.invocation}`;
}
const LABEL = new RegExp(`^${MARKER} (?:(${ID}) )?run (\\S+)\\.(\\d+)(?: [0-9a-f]+)*$`, 'i');
/** What a secret's label says, when this action made it; undefined for any other secret. */
function readLabel(displayName) {
    const m = displayName ? LABEL.exec(displayName) : null;
    if (!m)
        return undefined;
    return { destination: m[1]?.toLowerCase(), runId: m[2] ?? '', attempt: Number(m[3]) };
}

;// CONCATENATED MODULE: ./src/plan/plan-application.ts


/**
 * Kept in the application's tags (beside the delivery ledger, src/plan/ledger.ts) once Graph has
 * refused to set uniqueName on this registration (400 "Property 'uniqueName' is read-only and cannot
 * be set."): later runs adopt it by display name and ownership without sending the refused write
 * again. Remembered with the registration rather than found out by a refusal per run, so a rerun
 * makes no failing request and every workflow using the registration sees the same state.
 */
const UNIQUE_NAME_REFUSED_TAG = `${MARKER}:unique-name-refused`;
/**
 * signInAudience values that admit personal Microsoft accounts; for these Graph requires
 * api.requestedAccessTokenVersion 2 in the same write (github.com/Azure/azure-cli/issues/15512,
 * github.com/azure-ad-b2c/Scripts/issues/2, github.com/microsoftgraph/microsoft-graph-docs/issues/21685).
 */
const PERSONAL_AUDIENCES = new Set(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount']);
/**
 * Compares the desired registration with what Graph holds and yields the changes and the single
 * write that applies them. Pure. Redirect URIs and permissions are only ever added: a registration
 * is shared with other Intrexx connectors that add redirect URIs of their own (help.intrexx.com:
 * the Exchange connector's app registration adds /oauth2/token/msexchange, the SharePoint connector
 * /oauth2/token/<connector GUID>).
 */
function planApplication(desired, actual) {
    if (!actual) {
        const changes = [
            { kind: 'create-application', displayName: desired.displayName, uniqueName: desired.uniqueName },
            ...desired.redirectUris.map((uri) => ({ kind: 'add-redirect-uri', uri })),
            { kind: 'enable-public-client-flows' },
            ...permissionChanges(desired.graphPermissions),
            ...(PERSONAL_AUDIENCES.has(desired.signInAudience) ? [{ kind: 'set-access-token-version', from: null, to: 2 }] : []),
        ];
        return {
            changes,
            write: {
                displayName: desired.displayName,
                signInAudience: desired.signInAudience,
                isFallbackPublicClient: true,
                web: { redirectUris: [...desired.redirectUris] },
                ...(PERSONAL_AUDIENCES.has(desired.signInAudience) ? { api: { requestedAccessTokenVersion: 2 } } : {}),
                ...(desired.graphPermissions.length > 0
                    ? { requiredResourceAccess: mergeGraphAccess([], desired.graphPermissions) }
                    : {}),
            },
        };
    }
    const changes = [];
    const write = {};
    if (actual.uniqueName === null && !uniqueNameRefused(actual)) {
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
    const tokenVersion = actual.api?.requestedAccessTokenVersion ?? null;
    if (PERSONAL_AUDIENCES.has(desired.signInAudience) && tokenVersion !== 2) {
        changes.push({ kind: 'set-access-token-version', from: tokenVersion, to: 2 });
        // The whole api object as read, so its other fields (scopes, pre-authorized apps) stay as they are.
        write.api = { ...(actual.api ?? {}), requestedAccessTokenVersion: 2 };
    }
    const graphAccess = actual.requiredResourceAccess.find((r) => r.resourceAppId === MICROSOFT_GRAPH_APP_ID)?.resourceAccess ?? [];
    const missingPermissions = desired.graphPermissions.filter((p) => !graphAccess.some((a) => a.id === p.id && a.type === p.type));
    if (missingPermissions.length > 0) {
        changes.push(...permissionChanges(missingPermissions));
        write.requiredResourceAccess = mergeGraphAccess(actual.requiredResourceAccess, missingPermissions);
    }
    return { changes, write: Object.keys(write).length > 0 ? write : undefined };
}
/** Graph refused uniqueName on this registration before: it is found by display name and ownership. */
function uniqueNameRefused(application) {
    return (application.tags ?? []).includes(UNIQUE_NAME_REFUSED_TAG);
}
function permissionChanges(permissions) {
    return permissions.map((p) => ({ kind: 'add-api-permission', permission: p.name, type: p.type === 'Role' ? 'application' : 'delegated' }));
}
/**
 * The whole `web` object with the new redirect URIs: whether a PATCH of web.redirectUris alone
 * resets the other web fields is UNCONFIRMED (learn.microsoft.com/graph/api/application-update says
 * nothing on partial complex values; the emulator replaces the whole object), so every field read is sent back.
 */
function withRedirectUris(web, redirectUris, added) {
    const settings = web?.redirectUriSettings;
    if (Array.isArray(settings) && settings.length > 0) {
        return { ...(web ?? {}), redirectUris, redirectUriSettings: [...settings, ...added.map((uri) => ({ uri, index: null }))] };
    }
    return { ...(web ?? {}), redirectUris };
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

;// CONCATENATED MODULE: ./src/plan/holding.ts

const DAY_MS = 86_400_000;
/**
 * A run that has made a secret may still be delivering it for this long (delivery, then verification
 * of at most verify-timeout-seconds, 15 minutes): a younger secret that no destination holds yet is
 * left alone.
 */
const IN_FLIGHT_MS = 30 * 60_000;
/** GitHub's updated_at has whole seconds (docs.github.com/rest/actions/secrets): writes within one second look alike. */
const SECOND_MS = 1000;
const keyOf = (c) => c.keyId.toLowerCase();
function startOf(c) {
    const t = c?.startDateTime ? Date.parse(c.startDateTime) : NaN;
    return Number.isNaN(t) ? 0 : t;
}
/** Every keyId some fact of the ledger mentions. */
function referencedKeys(ledger) {
    return new Set(ledger.facts.flatMap((f) => (f.kind === 'retiring' ? [f.keyId, f.replacedBy] : [f.keyId])));
}
/**
 * Which secret the destination holds. Known only when the ledger records one and nothing can have
 * written the destination since: for GitHub, its updated_at is exactly the recorded one, and no other
 * delivery to it began before that write. Anything else is unknown, and an unknown destination may
 * hold any secret made for it. Pure.
 */
function observeHolding(destination, ledger, credentials) {
    const byKey = new Map(credentials.map((c) => [keyOf(c), c]));
    const mine = ledger.facts.filter((f) => f.destination === destination.id);
    const holds = mine.filter((f) => f.kind === 'holds');
    const referenced = referencedKeys(ledger);
    const madeForIt = credentials.filter((c) => readLabel(c.displayName)?.destination === destination.id && !referenced.has(keyOf(c)));
    const pending = mine.flatMap((f) => (f.kind === 'pending' && byKey.has(f.keyId) ? [byKey.get(f.keyId)] : []));
    if (destination.kind === 'github' && destination.secretUpdatedAt === null) {
        return { status: 'none', reason: `${destination.description} has no client secret` };
    }
    if (holds.length === 0) {
        if (destination.kind === 'output' && mine.length === 0 && madeForIt.length === 0) {
            return { status: 'none', reason: 'no client secret was given to the step outputs yet' };
        }
        return { status: 'unknown', reason: `the ledger has no record of the client secret ${destination.description} holds` };
    }
    if (holds.length > 1)
        return { status: 'unknown', reason: `the ledger records ${holds.length} client secrets for ${destination.description}` };
    const fact = holds[0];
    const held = fact ? byKey.get(fact.keyId) : undefined;
    if (!fact || fact.kind !== 'holds' || !held) {
        return { status: 'unknown', reason: `the client secret recorded for ${destination.description} (${fact?.keyId}) no longer exists` };
    }
    if (destination.kind === 'output') {
        // No outside record to compare with: a secret made for it after the held one may have been given out.
        const newer = [...pending, ...madeForIt].find((c) => keyOf(c) !== keyOf(held) && startOf(c) > startOf(held));
        if (newer)
            return { status: 'unknown', reason: `client secret ${newer.keyId} was made for ${destination.description} after the recorded one` };
        return { status: 'known', secret: held, writtenAt: null };
    }
    const updatedAt = Date.parse(destination.secretUpdatedAt ?? '');
    if (fact.delta === null || updatedAt - startOf(held) !== fact.delta) {
        return { status: 'unknown', reason: `${destination.description} was written at ${destination.secretUpdatedAt}, which the ledger does not record` };
    }
    // A delivery that began before the recorded write may have landed within the same second.
    const rivals = [...pending, ...madeForIt.filter((c) => startOf(c) >= startOf(held))];
    const rival = rivals.find((c) => keyOf(c) !== keyOf(held) && startOf(c) < updatedAt + SECOND_MS);
    if (rival)
        return { status: 'unknown', reason: `a delivery of client secret ${rival.keyId} to ${destination.description} began before its last write` };
    return { status: 'known', secret: held, writtenAt: updatedAt };
}
/**
 * A secret made for this destination was certainly never delivered: the destination is known, the
 * secret is younger than its last write, and the run that made it is over (its attempt was followed
 * by a later one of the same workflow run, or it is older than a run can take).
 */
function neverDelivered(credential, holding, run, now) {
    if (holding.status !== 'known' || holding.writtenAt === null)
        return false;
    if (startOf(credential) < holding.writtenAt + SECOND_MS)
        return false;
    const label = readLabel(credential.displayName);
    const earlierAttempt = label !== undefined && label.runId === run.id && label.attempt < Number(run.attempt);
    return earlierAttempt || now.getTime() - startOf(credential) > IN_FLIGHT_MS;
}

;// CONCATENATED MODULE: ./src/plan/retirement.ts


/**
 * What becomes of each secret this action made: it goes only when no destination holds it or may
 * hold it, and every destination it was given to has had it replaced for the grace period and keeps
 * enough newer ones. Undelivered leftovers go first and count for nothing. Secrets made by hand are
 * never judged. Pure.
 */
function judgeSecrets(input, options = {}) {
    const { ledger, credentials, destination, holding, policy, now } = input;
    const byKey = new Map(credentials.map((c) => [keyOf(c), c]));
    const referenced = referencedKeys(ledger);
    const retiring = new Map();
    const addRetiring = (keyId, r) => retiring.set(keyId, [...(retiring.get(keyId) ?? []), r]);
    for (const f of ledger.facts)
        if (f.kind === 'retiring')
            addRetiring(f.keyId, { destination: f.destination, replacedBy: byKey.get(f.replacedBy) });
    // Secrets made for a known destination before the one it holds were replaced by it, recorded or not.
    if (holding.status === 'known') {
        for (const c of credentials) {
            const madeFor = readLabel(c.displayName)?.destination;
            if (madeFor === destination.id && !referenced.has(keyOf(c)) && startOf(c) < startOf(holding.secret))
                addRetiring(keyOf(c), { destination: destination.id, replacedBy: holding.secret });
        }
    }
    const given = deliveredNewestFirst(ledger, retiring, byKey);
    const grace = policy.graceDays * DAY_MS;
    const verdicts = [];
    for (const credential of credentials) {
        const label = readLabel(credential.displayName);
        if (!label)
            continue;
        const key = keyOf(credential);
        if (input.ours && key === input.ours.keyId.toLowerCase())
            continue;
        const verdict = (kind, why) => verdicts.push({ credential, kind, why });
        if (input.ours && credential.displayName?.startsWith(`${input.ours.label} `)) {
            verdict('lost-answer', 'this run added it, but its value was lost with the answer');
            continue;
        }
        const facts = ledger.facts.filter((f) => f.keyId === key);
        const holder = facts.find((f) => f.kind === 'holds');
        if (holder) {
            verdict('kept', `destination ${holder.destination} holds it`);
            continue;
        }
        const undelivered = label.destination === destination.id && neverDelivered(credential, holding, input.run, now);
        const pending = facts.find((f) => f.kind === 'pending' && !(f.destination === destination.id && undelivered));
        if (pending) {
            verdict('kept', `a delivery to destination ${pending.destination} may have given it out`);
            continue;
        }
        if (undelivered && !retiring.has(key)) {
            verdict('leftover', `made by run ${label.runId}.${label.attempt}, never delivered`);
            continue;
        }
        const replaced = retiring.get(key);
        if (!replaced) {
            verdict('kept', label.destination === destination.id ? `${destination.description} may hold it (${holdingNote(holding)})` : `no record says destination ${label.destination ?? '(first release)'} no longer needs it`);
            continue;
        }
        const blocker = replaced.map((r) => retireBlocker(r, credential)).find((b) => b !== undefined);
        if (blocker)
            verdict('kept', blocker);
        else
            verdict('retired', `replaced by ${replaced.map((r) => r.replacedBy?.keyId).join(', ')} more than ${policy.graceDays} days ago`);
    }
    return verdicts;
    function retireBlocker(r, credential) {
        if (!r.replacedBy)
            return `the secret that replaced it at destination ${r.destination} is gone, so its grace period cannot be told`;
        const confirmed = policy.phase === 'retire' && r.destination === destination.id && holding.status === 'known';
        if (confirmed)
            return undefined;
        const ends = startOf(r.replacedBy) + grace;
        if (ends > now.getTime())
            return `replaced at destination ${r.destination}; its grace period runs until ${new Date(ends).toISOString()}`;
        if (options.ignoreKeep)
            return undefined;
        if (policy.keep === 0)
            return 'keep-secrets is 0, which keeps every secret a destination was given';
        const rank = (given.get(r.destination) ?? []).findIndex((c) => keyOf(c) === keyOf(credential));
        if (rank >= 0 && rank < policy.keep)
            return `one of the ${policy.keep} newest secrets destination ${r.destination} was given (keep-secrets)`;
        return undefined;
    }
}
/** Per destination, the secrets it holds and those it was given before, newest first. */
function deliveredNewestFirst(ledger, retiring, byKey) {
    const lists = new Map();
    const add = (destination, c) => {
        if (c)
            lists.set(destination, [...(lists.get(destination) ?? []), c]);
    };
    for (const f of ledger.facts)
        if (f.kind === 'holds')
            add(f.destination, byKey.get(f.keyId));
    for (const [keyId, list] of retiring)
        for (const r of list)
            add(r.destination, byKey.get(keyId));
    for (const [d, list] of lists)
        lists.set(d, [...new Set(list)].sort((a, b) => startOf(b) - startOf(a)));
    return lists;
}
function holdingNote(holding) {
    return holding.status === 'unknown' ? holding.reason : holding.status === 'none' ? holding.reason : `it holds ${holding.secret.keyId}`;
}
/** A secret no destination was ever given: removing it is cleanup, not retirement, in every secret-phase. */
function isGarbage(verdict) {
    return verdict.kind === 'leftover' || verdict.kind === 'lost-answer';
}
/** The removals of a run, leftovers first, oldest first within each kind. */
function removals(verdicts) {
    const order = ['lost-answer', 'leftover', 'retired'];
    return verdicts.filter((v) => v.kind !== 'kept').sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || startOf(a.credential) - startOf(b.credential));
}

;// CONCATENATED MODULE: ./src/plan/secret-plan.ts


/** Entra allows at most two client secrets where personal Microsoft accounts may sign in (learn.microsoft.com/entra/identity-platform/supported-accounts-validation). */
const PERSONAL_SECRET_LIMIT = 2;
const PERSONAL = new Set(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount']);
/** Whether the destination needs a new secret: missing, unknown, expired or within rotate-before-days. Pure. */
function decideRotation(holding, secret, now) {
    if (secret.phase === 'retire')
        return { rotate: false, reason: 'secret-phase is retire' };
    if (secret.rotate === 'always')
        return { rotate: true, reason: 'rotate is always' };
    if (holding.status !== 'known')
        return { rotate: true, reason: holding.reason };
    const held = holding.secret;
    if (!held.endDateTime)
        return { rotate: true, reason: `client secret ${held.keyId} has no expiry date` };
    const daysLeft = (Date.parse(held.endDateTime) - now.getTime()) / DAY_MS;
    if (daysLeft <= 0)
        return { rotate: true, reason: `the client secret it holds (${held.keyId}) expired on ${held.endDateTime}` };
    if (daysLeft <= secret.rotateBeforeDays)
        return { rotate: true, reason: `the client secret it holds (${held.keyId}) expires on ${held.endDateTime}, within ${secret.rotateBeforeDays} days` };
    return { rotate: false, reason: `it holds client secret ${held.keyId}, valid until ${held.endDateTime}, more than rotate-before-days (${secret.rotateBeforeDays}) away` };
}
/** The secret's part of the run: rotate or not, and what goes. Pure. */
function planSecret(settings, state, destination, now) {
    const holding = observeHolding(destination, state.ledger, state.credentials);
    const { rotate, reason } = decideRotation(holding, settings.secret, now);
    const policy = { keep: settings.secret.keep, graceDays: settings.secret.graceDays, phase: settings.secret.phase };
    const input = { ledger: state.ledger, credentials: state.credentials, destination, holding, policy, now, run: settings.run };
    const retire = removals(judgeSecrets(input));
    if (!rotate)
        return { destination, holding, rotate, reason, room: [], retire, blocked: undefined };
    const personal = PERSONAL.has(settings.registration.signInAudience) || PERSONAL.has(state.signInAudience ?? '');
    const excess = state.credentials.length - (PERSONAL_SECRET_LIMIT - 1);
    if (!personal || excess <= 0)
        return { destination, holding, rotate, reason, room: [], retire, blocked: undefined };
    const verdicts = judgeSecrets(input, { ignoreKeep: true });
    const room = removals(verdicts).slice(0, excess);
    if (room.length === excess) {
        return { destination, holding, rotate, reason, room, retire: retire.filter((v) => !room.some((r) => r.credential === v.credential)), blocked: undefined };
    }
    const why = new Map(verdicts.map((v) => [v.credential, v]));
    const stays = state.credentials
        .filter((c) => why.get(c)?.kind === 'kept' || !why.has(c))
        .map((c) => `  - ${c.keyId} ("${c.displayName ?? ''}"): ${why.get(c)?.why ?? 'made by hand; this action never removes it'}`);
    const blocked = `the registration allows personal Microsoft accounts, where Entra ID allows at most ${PERSONAL_SECRET_LIMIT} client secrets; ` +
        `it has ${state.credentials.length}, and these must stay:\n${stays.join('\n')}`;
    return { destination, holding, rotate, reason, room: [], retire: [], blocked };
}

;// CONCATENATED MODULE: ./src/plan/plan-run.ts




function planRun(settings, actual, destination, now) {
    const { registration } = settings;
    const desired = {
        displayName: registration.displayName,
        uniqueName: registration.uniqueName,
        signInAudience: registration.signInAudience,
        redirectUris: registration.redirectUris,
        graphPermissions: actual.permissions,
    };
    const application = planApplication(desired, actual.application);
    const state = {
        credentials: actual.application?.passwordCredentials ?? [],
        ledger: parseLedger(actual.application?.tags),
        signInAudience: actual.application?.signInAudience ?? null,
    };
    const secret = planSecret(settings, state, destination, now);
    const consent = registration.adminConsent && actual.permissions.length > 0;
    const changes = [
        ...application.changes,
        ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' }]),
        ...(consent ? [consentChange(actual)] : []),
        ...secret.room.map(removalChange),
        ...secret.retire.filter((v) => isGarbage(v) && !secret.room.includes(v)).map(removalChange),
        ...(secret.rotate ? [addSecretChange(settings, secret.reason), ...deliverChange(settings)] : []),
        ...(settings.secret.phase === 'rotate' ? [] : secret.retire.filter((v) => !isGarbage(v)).map(removalChange)),
    ];
    return { desired, application, secret, consent, changes };
}
function consentChange(actual) {
    return { kind: 'grant-admin-consent', permissions: actual.permissions.map((p) => p.name) };
}
function addSecretChange(settings, reason) {
    return { kind: 'add-client-secret', lifetimeDays: settings.secret.lifetimeDays, reason };
}
/** Writing to GitHub is a change of its own; the step outputs are set in any case. */
function deliverChange(settings) {
    if (settings.delivery.target === 'none')
        return [];
    const { names } = settings.delivery;
    return [{ kind: 'deliver-secrets', destination: settings.destination.description, names: [names.clientId, names.tenantId, names.clientSecret] }];
}
function removalChange(verdict) {
    const c = verdict.credential;
    return { kind: 'remove-client-secret', keyId: c.keyId, displayName: c.displayName, expiresAt: c.endDateTime, reason: verdict.why };
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
    const title = report.dryRun
        ? 'Intrexx Entra registration: plan (dry run, nothing written)'
        : report.failure
            ? 'Intrexx Entra registration: failed'
            : 'Intrexx Entra registration';
    const failure = report.failure ? ['', '> [!CAUTION]', ...report.failure.split('\n').map((l) => `> ${summary_escape(l)}`)] : [];
    const holdings = report.holdings && report.holdings.length > 0 ? ['', '### What each destination holds', '', ...report.holdings.map((h) => `- ${summary_escape(h)}`)] : [];
    const changes = report.changes.length === 0
        ? '_No changes: the registration already matched._'
        : report.changes.map((c) => `- ${summary_escape(describeChange(c))}`).join('\n');
    return [
        `## ${title}`,
        ...failure,
        '',
        '| | |',
        '|---|---|',
        ...rows.map(([k, v]) => `| ${k} | ${v} |`),
        '',
        `### ${report.dryRun ? 'Planned changes' : report.failure ? 'Changes made before the failure' : 'Changes'}`,
        '',
        changes,
        ...holdings,
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
        holdings: result.holdings,
        failure: result.failure,
    }));
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/file-command.js
var file_command = __webpack_require__(2902);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/summary.js
var summary = __webpack_require__(1170);
;// CONCATENATED MODULE: ./src/actions-core-files.ts
/**
 * @actions/core's output and job-summary files (lib/file-command.js, lib/summary.js), imported by path
 * for the reason actions-core.ts gives; apart from it because they load fs/promises, which the entry
 * point does not need before its first request.
 */



// EXTERNAL MODULE: ./src/actions-core.ts + 1 modules
var actions_core = __webpack_require__(4693);
// EXTERNAL MODULE: ./src/runner-io.ts
var runner_io = __webpack_require__(6842);
;// CONCATENATED MODULE: ./src/runtime.ts




/** The runner's workflow commands and files, as @actions/core's setOutput, info, group and summary write them (lib/core.js). */
function actionsRuntime(env = process.env) {
    return {
        env,
        setOutput: (name, value) => {
            // issueFileCommand reads GITHUB_OUTPUT from process.env itself, as core.setOutput does.
            if (process.env.GITHUB_OUTPUT)
                (0,file_command/* issueFileCommand */.n)('OUTPUT', (0,file_command/* prepareKeyValueMessage */.v)(name, value));
            else {
                process.stdout.write(external_node_os_.EOL);
                (0,actions_core/* issueCommand */.L)('set-output', { name }, value);
            }
        },
        setSecret: runner_io/* maskValue */.QS,
        info: (message) => void process.stdout.write(`${message}${external_node_os_.EOL}`),
        warning: runner_io/* warn */.R8,
        group: async (name, fn) => {
            (0,actions_core/* issue */.s)('group', name);
            try {
                return await fn();
            }
            finally {
                (0,actions_core/* issue */.s)('endgroup');
            }
        },
        writeSummary: async (markdown) => {
            if (!env.GITHUB_STEP_SUMMARY)
                return;
            await summary/* summary */.z.addRaw(markdown, true).write();
        },
        setFailed: runner_io/* failStep */.vy,
        now: () => new Date(),
    };
}

;// CONCATENATED MODULE: ./src/secret/holdings.ts

/**
 * One line per destination: this run's from what the run itself saw, every other one as the ledger
 * records it. Key IDs and dates only, never a value.
 */
function describeHoldings(ctx, progress) {
    const destination = ctx.settings.destination;
    const ledger = progress.last?.ledger ?? parseLedger(ctx.application.tags);
    const credentials = progress.last?.credentials ?? ctx.application.passwordCredentials;
    const lines = [`${destination.description}: ${ours(progress.holding)}`];
    for (const fact of ledger.facts) {
        if (fact.kind !== 'holds' || fact.destination === destination.id)
            continue;
        const secret = credentials.find((c) => c.keyId.toLowerCase() === fact.keyId);
        lines.push(`destination ${fact.destination} (as the ledger records it): ${secret ? secretText(secret) : `client secret ${fact.keyId}, which no longer exists`}`);
    }
    return lines;
}
function ours(h) {
    if (h.kind === 'new')
        return `the new ${secretText(h.secret)}`;
    if (h.kind === 'either')
        return `either the new ${secretText(h.secret)} or what it held before (${describeHolding(h.before)}); both stay valid`;
    return `${describeHolding(h.holding)} (unchanged by this run)`;
}
/** What a destination holds, in the words of the log, the job summary and the errors. */
function describeHolding(h) {
    if (h.status === 'known')
        return secretText(h.secret);
    if (h.status === 'none')
        return 'no client secret';
    return `not known for certain: ${h.reason}`;
}
function secretText(c) {
    return `client secret ${c.keyId}${c.endDateTime ? `, valid until ${c.endDateTime}` : ''}`;
}

;// CONCATENATED MODULE: ./src/plan/record-delivery.ts


/** Before the client-secret write: a delivery of this secret to this destination began. */
function withPending(ledger, destination, keyId) {
    return { ...ledger, facts: [...ledger.facts, { kind: 'pending', destination, keyId: keyId.toLowerCase() }] };
}
/** After a delivery that certainly did not land: the secret goes, and so do its facts. */
function withoutSecret(ledger, keyId) {
    const key = keyId.toLowerCase();
    return { ...ledger, facts: ledger.facts.filter((f) => f.keyId !== key && !(f.kind === 'retiring' && f.replacedBy === key)) };
}
/**
 * The ledger once the destination holds the new secret: what it held, every delivery to it that may
 * have landed earlier, and the secrets made for it that nothing records become "replaced by" the new
 * one, and their grace period starts. So do the first release's secrets, which named no destination.
 *
 * Should another run have delivered to the same destination meanwhile, the later write wins; when
 * the two cannot be told apart (one second, GitHub's resolution), nothing is claimed: the new secret
 * stays pending, so the next run finds the destination unknown, keeps both and rotates. Pure.
 */
function withDelivery(ledger, d) {
    const key = d.keyId.toLowerCase();
    const byKey = new Map(d.credentials.map((c) => [keyOf(c), c]));
    const ours = byKey.get(key);
    const same = (a, b) => a.kind === 'holds' && b.kind === 'holds' && a.keyId === b.keyId && a.delta === b.delta;
    const holdsNow = ledger.facts.filter((f) => f.destination === d.destination && f.kind === 'holds');
    const rivals = holdsNow.filter((f) => !d.heldBefore.some((b) => same(b, f)));
    if (d.delta !== null && ours) {
        const ourWrite = startOf(ours) + d.delta;
        const later = rivals.some((f) => f.kind === 'holds' && (f.delta === null || startOf(byKey.get(f.keyId)) + f.delta + 1000 > ourWrite));
        if (later)
            return { ledger, recorded: false };
    }
    const referenced = referencedKeys(ledger);
    const facts = [];
    const replace = (keyId) => facts.push({ kind: 'retiring', destination: d.destination, keyId, replacedBy: key });
    for (const f of ledger.facts) {
        if (f.destination !== d.destination)
            facts.push(f);
        else if (f.keyId === key)
            continue;
        else if (f.kind === 'holds')
            replace(f.keyId);
        else if (f.kind === 'pending') {
            // A delivery still under way keeps its claim; one from a run long over may have landed before ours.
            if (d.now.getTime() - startOf(byKey.get(f.keyId)) <= IN_FLIGHT_MS)
                facts.push(f);
            else
                replace(f.keyId);
        }
        else if (!byKey.has(f.replacedBy))
            replace(f.keyId);
        else
            facts.push(f);
    }
    for (const c of d.credentials) {
        const label = readLabel(c.displayName);
        const unrecorded = label !== undefined && !referenced.has(keyOf(c)) && keyOf(c) !== key;
        if (unrecorded && (label.destination === d.destination || label.destination === undefined))
            replace(keyOf(c));
    }
    facts.push({ kind: 'holds', destination: d.destination, keyId: key, delta: d.delta });
    const unique = [...new Map(facts.map((f) => [JSON.stringify(f), f])).values()];
    return { ledger: withoutDangling({ ...ledger, facts: unique }, d.credentials), recorded: true };
}

;// CONCATENATED MODULE: ./src/secret/write-outcome.ts

/**
 * GitHub's updated_at has whole seconds (docs.github.com/rest/actions/secrets), and the runner's clock
 * and GitHub's may differ by some seconds: an unchanged updated_at proves that a write did not land
 * only when the previous write was well before this one began.
 */
const CLOCK_MARGIN_MS = 60_000;
/**
 * Whether a failed client-secret write certainly did not land: GitHub refused it (a 4xx other than
 * 408 and 429), or the secret is as it was and a landed write would have changed it. Anything else
 * may have landed. Pure.
 */
function certainlyNotWritten(write) {
    const { status, before, after } = write;
    if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429)
        return true;
    if (after === undefined || after !== before)
        return false;
    return before === null || Date.parse(before) < write.startedAt - CLOCK_MARGIN_MS;
}


;// CONCATENATED MODULE: ./src/secret/ledger-store.ts

/** The application's secrets and ledger as Graph holds them now (another run may have changed both). */
async function readSecretsNow(ctx) {
    const app = await ctx.directory.getApplication(ctx.application.id, { justCreated: ctx.created });
    return { credentials: app.passwordCredentials, ledger: parseLedger(app.tags) };
}
/**
 * Writes the ledger: PATCH replaces the whole tags collection, so the caller builds it from a read
 * made just before (learn.microsoft.com/graph/api/application-update). Repeating it is harmless.
 */
async function writeLedger(ctx, ledger) {
    await ctx.directory.updateApplication(ctx.application.id, { tags: ledgerTags(ledger) }, { justCreated: ctx.created });
}

;// CONCATENATED MODULE: ./src/secret/retire.ts





/**
 * Removes what no destination holds or may hold and whose grace period is over, from the secrets
 * and ledger as they are now (other runs may have changed both). With secret-phase rotate it removes
 * only secrets of this run whose value was lost with an answer.
 */
async function retireSecrets(ctx, progress) {
    const { runtime, settings } = ctx;
    const ours = progress.secret;
    // Without a new secret the state read at the start serves: what was replaced or never delivered then
    // cannot have become held since, as only a new secret is ever delivered.
    const now = ours || progress.last ? await readSecretsNow(ctx) : { credentials: ctx.application.passwordCredentials, ledger: parseLedger(ctx.application.tags) };
    progress.last = now;
    if (ours && !now.credentials.some((c) => keyOf(c) === keyOf(ours))) {
        throw new errors/* ActionError */.lZ(`The client secret ${ours.keyId} this run made is gone: something removed it while this run delivered it, so what was delivered does not work.`, {
            hint: 'Run the workflow again, and check who else removes client secrets of this registration.',
        });
    }
    const destination = { ...settings.destination, secretUpdatedAt: progress.writtenAt ?? ctx.delivery?.secretUpdatedAt ?? null };
    const holding = observeHolding(destination, now.ledger, now.credentials);
    const policy = { keep: settings.secret.keep, graceDays: settings.secret.graceDays, phase: settings.secret.phase };
    const verdicts = judgeSecrets({
        ledger: now.ledger,
        credentials: now.credentials,
        destination,
        holding,
        policy,
        now: ctx.clock(),
        run: settings.run,
        ...(ours ? { ours: { label: ctx.label, keyId: ours.keyId } } : {}),
    });
    if (settings.secret.phase === 'retire' && holding.status !== 'known') {
        runtime.warning(`secret-phase is retire, but what ${destination.description} holds is not known (${holding.reason}); its replaced secrets wait for their grace period.`);
    }
    const doomed = removals(verdicts).filter((v) => settings.secret.phase !== 'rotate' || isGarbage(v));
    for (const v of verdicts)
        if (v.kind === 'kept')
            runtime.info(`Keeping client secret ${v.credential.keyId}: ${v.why}.`);
    if (doomed.length === 0) {
        runtime.info(settings.secret.phase === 'rotate' ? 'secret-phase is rotate: no replaced secret is retired.' : 'No client secret is due for removal.');
        return;
    }
    await removeSecrets(ctx, progress, doomed);
    const remaining = now.credentials.filter((c) => !doomed.some((v) => v.credential === c));
    const cleaned = withoutDangling(now.ledger, remaining);
    progress.last = { credentials: remaining, ledger: cleaned };
    if (cleaned.facts.length !== now.ledger.facts.length) {
        await writeLedger(ctx, cleaned).catch((error) => runtime.warning(`Could not drop the removed secrets from the ledger (${(0,errors/* describeError */.Uc)(error)}); the next write does.`));
    }
}
/** Removes the judged secrets, in one round trip where there are several. */
async function removeSecrets(ctx, progress, verdicts) {
    await ctx.directory.removePasswords(ctx.application.id, verdicts.map((v) => v.credential.keyId));
    for (const v of verdicts) {
        progress.removed(v);
        ctx.runtime.info(`Removed client secret ${v.credential.keyId} ("${v.credential.displayName}"): ${v.why}.`);
    }
}
/** Removes a secret this run made and certainly did not deliver; a failure to do so is reported, not hidden. */
async function removeUndelivered(ctx, keyId) {
    try {
        await ctx.directory.removePassword(ctx.application.id, keyId);
        ctx.runtime.info(`Removed the undelivered client secret ${keyId}.`);
        return true;
    }
    catch (error) {
        ctx.runtime.warning(`Could not remove the undelivered client secret ${keyId}; it is removed by a later run, or remove it by hand: ${(0,errors/* describeError */.Uc)(error)}`);
        return false;
    }
}

;// CONCATENATED MODULE: ./src/secret/deliver-step.ts








/** Gives the new secret to this run's destination and records in the ledger that it holds it. */
async function deliverSecret(ctx, progress, secret) {
    if (ctx.delivery)
        await deliverToDestination(ctx, progress, secret, ctx.delivery);
    else
        await recordStepOutput(ctx, progress, secret);
}
/**
 * GitHub: pending fact, client ID and tenant ID, the client secret last, then its updated_at, then
 * the holds fact. A cancelled run leaves at most a pending fact, which keeps the secret from removal
 * until a later run has seen whether the write landed.
 */
async function deliverToDestination(ctx, progress, secret, prepared) {
    const { runtime, settings } = ctx;
    const destination = settings.destination;
    const name = prepared.names.clientSecret;
    const before = await readSecretsNow(ctx);
    progress.last = before;
    try {
        await writeLedger(ctx, withPending(before.ledger, destination.id, secret.keyId));
    }
    catch (error) {
        await undo(ctx, progress, secret);
        throw new errors/* ActionError */.lZ(`Could not record in the ledger that a delivery to ${destination.description} begins, so nothing was delivered and the new client secret was removed again. ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
    }
    const startedAt = ctx.clock().getTime();
    try {
        const lines = await deliverToGitHub(prepared, { clientId: ctx.application.appId, tenantId: settings.tenantId, clientSecret: secret.secretText });
        lines.forEach((l) => runtime.info(l));
    }
    catch (error) {
        const failure = error instanceof DeliveryFailed ? error : new DeliveryFailed('maybe', error);
        const cause = (0,errors/* describeError */.Uc)(failure.cause);
        const after = failure.secretWritten === 'no' ? prepared.secretUpdatedAt : await prepared.destination.updatedAt(name).catch(() => undefined);
        if (failure.secretWritten === 'no' || certainlyNotWritten({ before: prepared.secretUpdatedAt, after, startedAt, status: gitHubStatus(failure.cause) })) {
            await undo(ctx, progress, secret);
            throw new errors/* ActionError */.lZ(`Delivering to ${destination.description} failed before ${name} changed, so the new client secret ${secret.keyId} was removed again. ${cause}`, { cause: error });
        }
        progress.mayHold(secret);
        throw new errors/* ActionError */.lZ(`Writing ${name} to ${destination.description} failed, but the write may have landed (${after === undefined ? `${name} could not be read back` : after === prepared.secretUpdatedAt ? `${name} looks unchanged, but a write within the same minute could not be told apart` : `${name} changed at ${after}`}), so the new client secret ${secret.keyId} stays. ${cause}`, { hint: 'Run the workflow again: the next run finds the destination unknown, delivers a fresh secret, and retires both after the grace period.', cause: error });
    }
    progress.delivered();
    progress.holding = { kind: 'new', secret };
    let writtenAt;
    try {
        writtenAt = await prepared.destination.updatedAt(name);
    }
    catch (error) {
        runtime.warning(`Delivered, but could not read back when ${name} was written (${(0,errors/* describeError */.Uc)(error)}); the next run will deliver a fresh secret to settle the ledger.`);
        return;
    }
    progress.writtenAt = writtenAt;
    if (writtenAt === null)
        throw new errors/* ActionError */.lZ(`${name} is missing from ${destination.description} right after it was written: something removed it.`);
    try {
        await record(ctx, progress, secret, writtenAt);
    }
    catch (error) {
        // The destination holds the new secret either way; its pending fact keeps it, and the next run settles the ledger.
        runtime.warning(`Delivered, but could not record it in the ledger (${(0,errors/* describeError */.Uc)(error)}); the next run will deliver a fresh secret to settle it.`);
    }
}
/** Step outputs: recorded before they are set, since a later step may use them as soon as this one ends. */
async function recordStepOutput(ctx, progress, secret) {
    try {
        await record(ctx, progress, secret, null);
    }
    catch (error) {
        await undo(ctx, progress, secret);
        throw new errors/* ActionError */.lZ(`Could not record the new client secret in the ledger, so it was removed again and the step outputs get none. ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
    }
    progress.holding = { kind: 'new', secret };
}
/**
 * Writes the holds fact. Its delta is taken against startDateTime as a listing of the secrets shows
 * it, which is what later runs compare with (whether addPassword's answer carries the same precision
 * is not documented).
 */
async function record(ctx, progress, secret, writtenAt) {
    const destination = ctx.settings.destination;
    const heldBefore = parseLedger(ctx.application.tags).facts.filter((f) => f.kind === 'holds' && f.destination === destination.id);
    const fresh = await readSecretsNow(ctx);
    const listed = fresh.credentials.find((c) => keyOf(c) === keyOf(secret)) ?? secret;
    const delta = writtenAt === null ? null : Date.parse(writtenAt) - startOf(listed);
    const { ledger, recorded } = withDelivery(fresh.ledger, { destination: destination.id, keyId: secret.keyId, delta, heldBefore, credentials: fresh.credentials, now: ctx.clock() });
    progress.last = { ...fresh, ledger };
    if (!recorded) {
        progress.mayHold(secret, { status: 'unknown', reason: 'another run delivered to it at the same time' });
        ctx.runtime.warning(`Another run delivered to ${destination.description} at the same time; which write came last cannot be told, so both secrets stay and the next run settles it. Give the workflow a concurrency group to avoid this.`);
        return;
    }
    await writeLedger(ctx, ledger);
    ctx.runtime.info(`Recorded in the ledger: ${destination.description} (destination ${destination.id}) holds ${secret.keyId}.`);
}
async function undo(ctx, progress, secret) {
    if (await removeUndelivered(ctx, secret.keyId))
        progress.undone();
}

;// CONCATENATED MODULE: ./src/secret/progress.ts


/** What the secret's life has done so far: kept up to date, so a failure can report it exactly. */
class SecretProgress {
    changes = [];
    secret;
    /** updated_at of the destination's client-secret secret after this run's write. */
    writtenAt;
    holding;
    /** What the destination held when the run began. */
    before;
    /** The ledger and secrets as last read, for the report. */
    last;
    ctx;
    reason;
    constructor(ctx, before, reason) {
        this.ctx = ctx;
        this.reason = reason;
        this.before = before;
        this.holding = { kind: 'as-before', holding: before };
    }
    /** The destination may hold the new secret or what it held before; both stay. */
    mayHold(secret, before = this.before) {
        this.holding = { kind: 'either', secret, before };
    }
    added(secret) {
        this.secret = secret;
        this.changes.push(addSecretChange(this.ctx.settings, this.reason));
    }
    delivered() {
        this.changes.push(...deliverChange(this.ctx.settings));
    }
    removed(verdict) {
        this.changes.push(removalChange(verdict));
    }
    /** The new secret was removed again: it never left this run. */
    undone() {
        this.secret = undefined;
        const added = this.changes.findIndex((c) => c.kind === 'add-client-secret');
        if (added >= 0)
            this.changes.splice(added, 1);
    }
}
/** A failure in the secret's life, with what each destination holds at that moment. */
class SecretLifecycleFailed extends errors/* ActionError */.lZ {
    progress;
    holdings;
    constructor(error, progress, holdings) {
        const inner = error instanceof errors/* ActionError */.lZ ? error : undefined;
        const text = error instanceof Error ? error.message : String(error);
        super(`${text}\nWhat each destination holds now:\n${holdings.map((h) => `  - ${h}`).join('\n')}`, { hint: inner?.hint, cause: error });
        this.name = 'SecretLifecycleFailed';
        this.progress = progress;
        this.holdings = holdings;
    }
}

;// CONCATENATED MODULE: ./src/secret/lifecycle.ts







/**
 * The client secret's whole life in one place: make room, add, deliver (recording it in the ledger),
 * verify, retire what no destination needs any more. On failure it throws SecretLifecycleFailed,
 * which says what each destination holds; nothing a destination may hold is ever removed.
 */
async function manageClientSecret(ctx, plan) {
    const { runtime } = ctx;
    const progress = new SecretProgress(ctx, plan.holding, plan.reason);
    try {
        if (plan.rotate) {
            // Leftovers go before the new secret exists: once it is delivered they would look replaced by it.
            const first = [...plan.room, ...plan.retire.filter((v) => isGarbage(v) && !plan.room.includes(v))];
            if (first.length > 0)
                await runtime.group('Remove undelivered leftovers and make room', () => removeSecrets(ctx, progress, first));
            const secret = await runtime.group('Add a new client secret', () => addSecret(ctx, progress));
            // Entra takes seconds to make a new secret work everywhere; the delivery, which does not depend
            // on it, goes on meanwhile. Only retiring waits for the outcome.
            const verification = ctx.settings.secret.verify ? startVerification(ctx, secret) : undefined;
            try {
                await runtime.group(`Deliver it to ${ctx.settings.destination.description}`, () => deliverSecret(ctx, progress, secret));
            }
            catch (error) {
                if (verification) {
                    await verification.stop();
                    runtime.info('Stopped signing in with the new client secret: its delivery failed.');
                }
                throw error;
            }
            if (verification)
                await runtime.group('Verify the new client secret', () => verification.outcome());
        }
        else {
            runtime.info(`No new client secret for ${ctx.settings.destination.description}: ${plan.reason}.`);
        }
        await runtime.group('Retire client secrets', () => retireSecrets(ctx, progress));
        return { secret: progress.secret, progress, holdings: describeHoldings(ctx, progress) };
    }
    catch (error) {
        throw new SecretLifecycleFailed(error, progress, describeHoldings(ctx, progress));
    }
}
/** Adds the secret; addPassword masks its value the moment it arrives, before anything can print it. */
async function addSecret(ctx, progress) {
    const { runtime, settings, delivery } = ctx;
    if (delivery)
        runtime.info(`${delivery.destination.description} accepts secrets (public key ${delivery.publicKey.key_id}).`);
    const endDateTime = new Date(ctx.clock().getTime() + settings.secret.lifetimeDays * DAY_MS).toISOString();
    const secret = await ctx.directory.addPassword(ctx.application.id, ctx.label, endDateTime, { justCreated: ctx.created });
    progress.added(secret);
    runtime.info(`Added client secret ${secret.keyId} ("${secret.displayName}"), valid until ${secret.endDateTime}.`);
    return secret;
}
/**
 * Starts signing in with the new secret in the background. Its warnings wait, so that they appear in
 * the verification's own log group rather than in the middle of the delivery's.
 */
function startVerification(ctx, secret) {
    const { settings } = ctx;
    const warnings = [];
    const abort = new AbortController();
    const check = ctx.services.secretCheck({ settings, clientId: ctx.application.appId, secret: secret.secretText, warn: (m) => warnings.push(m), signal: abort.signal });
    const settled = check.then((attempts) => ({ attempts }), (error) => ({ error }));
    return {
        async outcome() {
            const result = await settled;
            warnings.forEach((w) => ctx.runtime.warning(w));
            if ('attempts' in result) {
                ctx.runtime.info(`Signed in with the new client secret (attempt ${result.attempts}).`);
                return;
            }
            throw new errors/* ActionError */.lZ(`The new client secret ${secret.keyId} did not sign in within ${settings.secret.verifyTimeoutSeconds} s (${(0,errors/* describeError */.Uc)(result.error)}). Nothing was removed.`, {
                hint: 'Entra usually needs a few seconds to propagate a new secret; raise verify-timeout-seconds if this repeats.',
                cause: result.error,
            });
        },
        async stop() {
            abort.abort();
            await settled;
        },
    };
}

;// CONCATENATED MODULE: ./src/steps/admin-consent.ts


/**
 * Grants tenant-wide admin consent for the declared Graph permissions when the deployer may
 * (AppRoleAssignment.ReadWrite.All / DelegatedPermissionGrant.ReadWrite.All); otherwise says where
 * an administrator grants it. Consent is never a reason to fail the run.
 */
async function grantAdminConsent(ctx, client, catalog, permissions) {
    const { runtime, settings, directory } = ctx;
    const { servicePrincipalId, clientId } = client;
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

;// CONCATENATED MODULE: ./src/steps/unique-name-refusal.ts


/**
 * Graph's refusal to give an existing registration a uniqueName: a 400 naming the property, e.g.
 * Request_BadRequest "Property 'uniqueName' is read-only and cannot be set." Graph documents
 * uniqueName as settable once on an application created without one
 * (learn.microsoft.com/graph/templates/how-to-reference-existing-resources, "one-time backfill"),
 * yet tenants answer this refusal; a uniqueName taken by another object is a 409, not this.
 */
function isUniqueNameRefusal(error) {
    return error instanceof GraphRequestError && error.status === 400 && /\buniqueName\b/i.test(error.graphMessage) && !/already exists/i.test(error.graphMessage);
}
/** The same write without uniqueName, recording the refusal in the tags so later runs do not send it again. */
function withoutUniqueName(write, existing) {
    const rest = { ...write };
    delete rest.uniqueName;
    // The ledger's tags may be in this write already; otherwise the tags as read.
    const tags = rest.tags ?? existing.tags ?? [];
    return { ...rest, tags: [...new Set([...tags, UNIQUE_NAME_REFUSED_TAG])] };
}
/** The planned changes without the adoption by uniqueName that Graph refused. */
function withoutAdoption(changes) {
    return changes.filter((c) => c.kind !== 'adopt-application');
}
/** The one warning of a refused uniqueName: what adopting without it means for later runs. */
function refusalWarning(application, uniqueName, error) {
    return (`Microsoft Graph refused to set uniqueName ${uniqueName} on the existing app registration "${application.displayName}" ` +
        `(client ID ${application.appId}, object ID ${application.id}): ${error.graphMessage}${error.requestId ? ` (request-id ${error.requestId})` : ''}. ` +
        'The registration was adopted without it: this and later runs find it by its display name and by the deployer identity being ' +
        'one of its owners. Renaming it in the Entra admin center, or removing the deployer as owner, breaks that link (the next run ' +
        'creates a new registration or stops). Setting unique-name does not help: Graph will not store a uniqueName on this registration. ' +
        `The refusal is remembered in its tags (${UNIQUE_NAME_REFUSED_TAG}), so later runs do not send the refused write again; ` +
        'for a registration found by uniqueName, let the action create a new one under another app-name.');
}

;// CONCATENATED MODULE: ./src/steps/apply-registration.ts


/** Executes the registration part of the plan: the plan's one application write (or the create), then the service principal. */
async function applyRegistration(ctx, plan, actual) {
    const result = await applyApplication(ctx, plan.desired, plan.application, actual.application);
    const servicePrincipal = actual.servicePrincipal ?? (await apply_registration_createServicePrincipal(ctx, result.application, result.created));
    const changes = [...result.changes, ...(actual.servicePrincipal ? [] : [{ kind: 'create-service-principal' }])];
    return { application: result.application, created: result.created, servicePrincipal, changes };
}
/** Applies the planned write and reports the changes it applied; it plans again only when another run created the application first. */
async function applyApplication(ctx, desired, planned, existing) {
    const { runtime, directory } = ctx;
    const { write } = planned;
    if (existing) {
        if (!write)
            return { application: existing, created: false, changes: [] };
        try {
            await directory.updateApplication(existing.id, write);
        }
        catch (error) {
            if (typeof write.uniqueName !== 'string' || !isUniqueNameRefusal(error))
                throw error;
            // Adopted without the key: the same write, minus uniqueName, plus the tag that remembers the refusal.
            runtime.warning(refusalWarning(existing, write.uniqueName, error));
            const fallback = withoutUniqueName(write, existing);
            await directory.updateApplication(existing.id, fallback);
            runtime.info(`Updated "${desired.displayName}" without uniqueName.`);
            return { application: { ...existing, ...fallback }, created: false, changes: withoutAdoption(planned.changes) };
        }
        runtime.info(`Updated "${desired.displayName}".`);
        return { application: { ...existing, ...write }, created: false, changes: planned.changes };
    }
    // The upsert by uniqueName is the race-free create: concurrent runs end with one application.
    // Should another run create it first, our body updates it (the same desired state) and we re-plan.
    const result = await directory.upsertByUniqueName(desired.uniqueName, write ?? {});
    if (result.created) {
        const application = result.application;
        runtime.info(`Created "${application.displayName}" (client ID ${application.appId}, object ID ${application.id}).`);
        return { application, created: true, changes: planned.changes };
    }
    runtime.info(`Another run created uniqueName ${desired.uniqueName} at the same time; using that registration.`);
    const application = await directory.getByUniqueName(desired.uniqueName, { justCreated: true });
    const again = planApplication(desired, application);
    if (!again.write)
        return { application, created: false, changes: [] };
    await directory.updateApplication(application.id, again.write, { justCreated: true });
    return { application: { ...application, ...again.write }, created: false, changes: again.changes };
}
async function apply_registration_createServicePrincipal(ctx, application, created) {
    const principal = await ctx.directory.createServicePrincipal(application.appId, { justCreated: created });
    ctx.runtime.info(`Created the service principal ${principal.id}.`);
    return principal;
}

// EXTERNAL MODULE: ./src/settings/read-settings.ts + 7 modules
var read_settings = __webpack_require__(9371);
;// CONCATENATED MODULE: ./src/steps/find-registration.ts


/**
 * Finds the portal's registration: by uniqueName (the key this action sets, or the one the previous
 * release derived from the same app-name), else by display name, where exactly one match that the
 * deployer identity owns is adopted. Reads only.
 */
async function findRegistration(directory, settings, warn) {
    const { uniqueName, legacyUniqueName, displayName } = settings.registration;
    const lookup = await directory.lookup(uniqueName, displayName, legacyUniqueName);
    const { byUniqueName, byLegacyUniqueName, byDisplayName: named, servicePrincipalsByDisplayName } = lookup;
    const principalOf = (app) => servicePrincipalsByDisplayName.find((sp) => sp.appId === app.appId);
    // The previous release created this app-name's registration under the legacy key, so that one wins;
    // an application with the new key is then another portal's ("Portal" derived intrexx-portal before).
    if (byLegacyUniqueName) {
        if (byUniqueName && byUniqueName.id !== byLegacyUniqueName.id) {
            warn(`Two registrations match "${displayName}": uniqueName ${legacyUniqueName} (client ID ${byLegacyUniqueName.appId}), which the previous release derived from this app-name and which is used, and uniqueName ${uniqueName} (client ID ${byUniqueName.appId}). Set unique-name to the one to use.`);
        }
        return { application: byLegacyUniqueName, foundBy: 'unique-name', servicePrincipal: principalOf(byLegacyUniqueName) };
    }
    if (byUniqueName) {
        refuseDerivedKeyCollision(settings, byUniqueName);
        return { application: byUniqueName, foundBy: 'unique-name', servicePrincipal: principalOf(byUniqueName) };
    }
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
/**
 * Since the derived key no longer doubles "intrexx-", two app-names can derive the same one ("Portal"
 * and "Intrexx Portal" both give intrexx-portal). A registration found by a derived key whose display
 * name would have derived another key before is another portal's: renaming it would take it over.
 * A change of case or punctuation derives the same key either way and stays a rename.
 */
function refuseDerivedKeyCollision(settings, found) {
    const { displayName, uniqueName, uniqueNameDerived } = settings.registration;
    if (!uniqueNameDerived || found.displayName === displayName)
        return;
    if ((0,read_settings/* deriveLegacyUniqueName */.NK)(found.displayName) === (0,read_settings/* deriveLegacyUniqueName */.NK)(displayName))
        return;
    throw new errors/* ActionError */.lZ(`The registration with uniqueName ${uniqueName} (client ID ${found.appId}) is named "${found.displayName}", another portal's name that derives the same key as app-name "${displayName}". Nothing was written.`, { hint: `Set unique-name for this portal (e.g. unique-name: ${uniqueName}-2), or, if "${found.displayName}" is this portal under its old name, set unique-name: ${uniqueName} to rename it.` });
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
async function readRegistration(ctx) {
    const { runtime, settings, directory } = ctx;
    const { registration } = settings;
    const [found, catalog] = await Promise.all([
        findRegistration(directory, settings, (m) => runtime.warning(m)),
        registration.apiPermissions.length > 0 ? directory.graphPermissionCatalog() : undefined,
    ]);
    const permissions = catalog ? resolvePermissions(registration.apiPermissions, catalog) : [];
    const app = found.application;
    const servicePrincipal = app ? (found.servicePrincipal ?? (await directory.findServicePrincipal(app.appId))) : undefined;
    runtime.info(app
        ? `Found "${app.displayName}" (client ID ${app.appId}, object ID ${app.id}) by ${found.foundBy}${legacyNote(app.uniqueName, registration.legacyUniqueName)}; service principal ${servicePrincipal ? servicePrincipal.id : 'missing'}.`
        : `No app registration with uniqueName ${registration.uniqueName}${registration.legacyUniqueName ? ` (or ${registration.legacyUniqueName})` : ''} or display name "${registration.displayName}" exists.`);
    return { ...found, catalog, permissions, servicePrincipal };
}
function legacyNote(found, legacy) {
    return legacy !== undefined && found === legacy ? ` ${legacy}, the key the previous release derived from app-name (kept)` : '';
}

;// CONCATENATED MODULE: ./src/main.ts














/** Settings → sign in → read → plan → apply → secret → outputs, one log group per phase. Never throws. */
async function run(settings, early, runtime = actionsRuntime(), services = defaultServices) {
    const report = {};
    try {
        await register({ settings, runtime, services }, early, report);
    }
    catch (error) {
        // What is known is still published, so the job shows what the run had changed before it failed.
        if (report.result)
            await publishFailure(runtime, settings, report.result, error);
        runtime.setFailed((0,errors/* describeError */.Uc)(error));
    }
}
async function register(start, early, report) {
    const { settings, runtime, services } = start;
    // The destination's public key and metadata are read while Entra and Graph work; the plan needs them.
    const delivery = settings.delivery.target !== 'none' ? services.secretsDestination(settings.delivery, runtime.env.GITHUB_API_URL ?? 'https://api.github.com') : undefined;
    delivery?.catch(() => undefined);
    const signIn = await runtime.group('Sign in to Microsoft Graph', async () => {
        const { cloud } = settings;
        runtime.info(`Deployer identity ${settings.deployerClientId}, tenant ${settings.tenantId}, ${cloud.name} (${cloud.authorityHost}, ${cloud.graphEndpoint})`);
        // Every access token, the first and each refresh, is masked the moment it arrives.
        const result = await (early.signIn ?? services.signIn(settings, early, (token) => runtime.setSecret(token)));
        runtime.info('Signed in with the GitHub OIDC token (workload identity federation).');
        return result;
    });
    const label = secretLabel(settings.destination.id, { ...settings.run, invocation: (0,external_node_crypto_.randomBytes)(3).toString('hex') });
    const ctx = { ...start, directory: services.directory(settings, signIn, runtime), label, clock: () => runtime.now() };
    const actual = await runtime.group('Read the app registration', () => readRegistration(ctx));
    const prepared = delivery ? await delivery : undefined;
    const destination = { ...settings.destination, secretUpdatedAt: prepared?.secretUpdatedAt ?? null };
    const plan = planRun(settings, actual, destination, ctx.clock());
    const secretNote = plan.secret.rotate ? undefined : `${settings.destination.description}: ${plan.secret.reason}`;
    await runtime.group('Plan', async () => {
        runtime.info(`Destination ${settings.destination.description} (ledger ID ${settings.destination.id}) holds: ${describeHolding(plan.secret.holding)}.`);
        if (plan.changes.length === 0)
            runtime.info('Nothing to change.');
        plan.changes.forEach((c) => runtime.info(`${settings.dryRun ? 'would ' : ''}${describeChange(c)}`));
        if (secretNote)
            runtime.info(`No new client secret: ${secretNote}.`);
    });
    report.result = { application: actual.application, created: false, changes: [], secret: undefined, secretNote, holdings: [] };
    if (plan.secret.blocked && !settings.dryRun) {
        throw new errors/* ActionError */.lZ(`Cannot add a new client secret: ${plan.secret.blocked}`, {
            hint: 'Wait until a grace period ends, run with secret-phase: retire once the portal uses the secret it holds now, or remove a hand-made secret.',
        });
    }
    if (settings.dryRun) {
        await publish(runtime, settings, { ...report.result, changes: plan.changes });
        runtime.info('Dry run: nothing was written.');
        return;
    }
    const applied = await runtime.group('Apply the registration', () => applyRegistration(ctx, plan, actual));
    const changes = [...applied.changes];
    report.result = { application: applied.application, created: applied.created, changes, secret: undefined, secretNote, holdings: [] };
    const { catalog } = actual;
    if (plan.consent && catalog) {
        await runtime.group('Grant admin consent', async () => {
            const granted = await grantAdminConsent(ctx, { servicePrincipalId: applied.servicePrincipal.id, clientId: applied.application.appId }, catalog, actual.permissions);
            if (granted)
                changes.push(consentChange(actual));
        });
    }
    try {
        const outcome = await manageClientSecret({ ...ctx, delivery: prepared, application: applied.application, created: applied.created }, plan.secret);
        changes.push(...outcome.progress.changes);
        report.result = { ...report.result, secret: outcome.secret, holdings: outcome.holdings };
    }
    catch (error) {
        if (error instanceof SecretLifecycleFailed) {
            changes.push(...error.progress.changes);
            report.result = { ...report.result, secret: error.progress.secret, holdings: error.holdings };
        }
        throw error;
    }
    await publish(runtime, settings, report.result);
}
async function publishFailure(runtime, settings, result, error) {
    try {
        await publish(runtime, settings, { ...result, failure: (0,errors/* describeError */.Uc)(error) });
    }
    catch (publishError) {
        runtime.warning(`Could not write the outputs and job summary of the failed run: ${(0,errors/* describeError */.Uc)(publishError)}`);
    }
}


/***/ })

};
