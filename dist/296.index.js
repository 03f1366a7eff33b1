export const id = 296;
export const ids = [296];
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


/***/ })

};
