/**
 * The Intrexx integrations a registration serves, and the Web redirect URI paths Intrexx's online
 * help documents for each (appended to every portal base URL). Only documented paths are here:
 *
 * - office365: <base>/service/oauth2/authorize, the Office 365 connector / data source
 *   (help.intrexx.com/intrexx/steady/en-us/Content/OH/help.3.microsoft365-add-new-data-source.html).
 * - exchange: <base>/service/oauth2/authorize and <base>/oauth2/token/msexchange, both shown on
 *   help.intrexx.com/intrexx/silent/en-us/Content/OH/integration-connector-exchange-authentication-oauth2-app-registration.html
 * - sso[:<provider>]: <base>/oauth2/login/<provider>, "azure" in the help's example
 *   (help.intrexx.com/intrexx/steady/en-us/Content/OH/id-provider-store-redirect-url.html).
 * - sso-legacy: <base>/login/oic/authenticate, the om.cfg login module
 *   (help.intrexx.com/intrexx/silent/en-us/Content/OH/id-provider-store-redirect-url.html,
 *   github.com/UnitedPlanet/intrexx-sample-oauth2-oidc-login-module).
 * - sharepoint:<GUID>: <base>/oauth2/token/<GUID> as the page defines it, and
 *   <base>/service/oauth2/token/<GUID> as its own example shows it; both are registered
 *   (help.intrexx.com/intrexx/steady/en-us/Content/OH/connectors/sharepoint/integration-connector-sharepoint-terminology.html).
 */
export const INTEGRATION_USAGE = 'office365, exchange, sso, sso:<provider name>, sso-legacy or sharepoint:<connector GUID>';

export const DEFAULT_INTEGRATION = 'office365';

/** The provider name the help's example uses, taken when sso has none. */
export const DEFAULT_SSO_PROVIDER = 'azure';

/**
 * Intrexx GUIDs are 160 random bits written as 40 hexadecimal characters, e.g.
 * 926B444D13B87CE9EEA22BBF9EDAA27A8C7DFE4D (Intrexx glossary, "GUID":
 * www.up-download.de/up/docs/intrexx-onlinehelp/8100/en/helpfiles/help.1.glossar.html); a connector's
 * own <guid> has that form too (github.com/UnitedPlanet/intrexx-sample-connector-api, README).
 * Kept exactly as given: redirect URIs are case-sensitive in Entra.
 */
export const INTREXX_GUID = /^[0-9A-Fa-f]{40}$/;
const EXAMPLE_GUID = 'F27302911D5DA4E8FE7A500D3F4E1E699BDF0592';

/**
 * The help does not say which characters a provider name may hold. Keep to URL-safe ones that need no
 * escaping in a path segment (RFC 3986 unreserved, www.rfc-editor.org/rfc/rfc3986#section-2.3, without
 * "~"), and not only dots, which would be the "." or ".." path segments.
 */
const PROVIDER_NAME = /^(?!\.+$)[A-Za-z0-9._-]+$/;

interface Entry {
  readonly argument: 'none' | 'optional' | 'required';
  /** The paths for an argument already checked; a problem text when the argument is not valid. */
  readonly paths: (argument: string) => string[] | { problem: string };
}

const CATALOGUE: Readonly<Record<string, Entry>> = {
  office365: { argument: 'none', paths: () => ['/service/oauth2/authorize'] },
  exchange: { argument: 'none', paths: () => ['/service/oauth2/authorize', '/oauth2/token/msexchange'] },
  sso: {
    argument: 'optional',
    paths: (provider) =>
      PROVIDER_NAME.test(provider)
        ? [`/oauth2/login/${provider}`]
        : { problem: `"sso:${provider}" has an invalid provider name: use letters, digits, '-', '_' or '.' as in the provider's name in Intrexx (e.g. sso:${DEFAULT_SSO_PROVIDER})` },
  },
  'sso-legacy': { argument: 'none', paths: () => ['/login/oic/authenticate'] },
  sharepoint: {
    argument: 'required',
    paths: (guid) =>
      INTREXX_GUID.test(guid)
        ? [`/oauth2/token/${guid}`, `/service/oauth2/token/${guid}`]
        : { problem: `"sharepoint:${guid}" is not a connector GUID: expected the 40 hexadecimal characters Intrexx shows (e.g. sharepoint:${EXAMPLE_GUID}); it has ${guid.length}` },
  },
};

export interface Integrations {
  /** The integrations as given, one per entry (office365 when none was). */
  readonly names: readonly string[];
  /** Their redirect URI paths, deduplicated, in order. */
  readonly paths: readonly string[];
  /** What is wrong, one text per bad entry, without the input's name. */
  readonly problems: readonly string[];
}

/** Reads the integrations input: entries separated by new lines or commas, names in any case. Pure. */
export function readIntegrations(text: string): Integrations {
  const entries = text
    .split(/[\r\n,]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const names = entries.length > 0 ? entries : [DEFAULT_INTEGRATION];
  const paths: string[] = [];
  const problems: string[] = [];
  for (const entry of names) {
    const result = pathsOf(entry);
    if ('problem' in result) problems.push(result.problem);
    else for (const path of result.paths) if (!paths.includes(path)) paths.push(path);
  }
  return { names, paths, problems };
}

function pathsOf(entry: string): { paths: string[] } | { problem: string } {
  const colon = entry.indexOf(':');
  const name = (colon < 0 ? entry : entry.slice(0, colon)).trim().toLowerCase();
  const argument = colon < 0 ? undefined : entry.slice(colon + 1).trim();
  const spec = Object.hasOwn(CATALOGUE, name) ? CATALOGUE[name] : undefined;
  if (!spec) return { problem: `"${entry}" is not an integration (expected ${INTEGRATION_USAGE})` };
  if (spec.argument === 'none' && argument !== undefined) return { problem: `"${entry}" takes nothing after the colon (expected ${name})` };
  if (spec.argument === 'required' && !argument) {
    return { problem: `"${entry}" needs the connector's GUID: ${name}:<GUID>, the 40 hexadecimal characters Intrexx shows (e.g. ${name}:${EXAMPLE_GUID})` };
  }
  if (argument === '') return { problem: `"${entry}" needs a provider name after the colon, or no colon for ${name}:${DEFAULT_SSO_PROVIDER}` };
  const result = spec.paths(argument ?? DEFAULT_SSO_PROVIDER);
  return Array.isArray(result) ? { paths: result } : result;
}

/**
 * The catalogue's paths as patterns, each with the integration that adds it. A portal-base-url ending in
 * one is a redirect URI already, not a base: the action would append the path a second time.
 */
const REDIRECT_PATH_PATTERNS: readonly { readonly pattern: RegExp; readonly integration: string }[] = [
  { pattern: /\/service\/oauth2\/authorize$/i, integration: 'office365 and exchange' },
  { pattern: /\/oauth2\/token\/msexchange$/i, integration: 'exchange' },
  { pattern: /(?:\/service)?\/oauth2\/token\/[0-9A-Fa-f]{40}$/, integration: 'sharepoint' },
  { pattern: /\/oauth2\/login\/[^/]+$/i, integration: 'sso' },
  { pattern: /\/login\/oic\/authenticate$/i, integration: 'sso-legacy' },
];

/** The integration redirect path a URL path ends in (as written), and the integration that adds it; undefined when none. */
export function integrationPathAtEnd(path: string): { path: string; integration: string } | undefined {
  for (const { pattern, integration } of REDIRECT_PATH_PATTERNS) {
    const match = pattern.exec(path);
    if (match) return { path: match[0], integration };
  }
  return undefined;
}
