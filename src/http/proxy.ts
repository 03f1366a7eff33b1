/**
 * Whether a proxy variable is set as @azure/core-rest-pipeline's proxyPolicy reads them (HTTPS_PROXY,
 * ALL_PROXY, HTTP_PROXY, either case; @typespec/ts-http-runtime src/policies/proxyPolicy.ts). The
 * action's own transport uses a proxy only with NODE_USE_ENV_PROXY=1 (https.ts), so with one set
 * @azure/identity keeps its own HTTP client, which honours them (entra/sign-in.ts).
 */
export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['HTTPS_PROXY', 'ALL_PROXY', 'HTTP_PROXY'].some((name) => env[name] || env[name.toLowerCase()]);
}
