import { randomBytes } from 'node:crypto';
import type { Directory, IssuedToken } from '../state.ts';
import type { Handler, InboundRequest, Reply } from '../types.ts';
import { deletedButRecoverable, forbiddenByRbac, kvError, secretNotFound } from './errors.ts';
import { DATA_ACTIONS, KEY_VAULT_RESOURCE, type KeyVaultStore, type SecretVersion, type StoredSecret, type Vault } from './store.ts';

// One vault's data plane, Secrets only: Set Secret, Get Secret (the current version or a given one) and
// Get Secret Versions, as learn.microsoft.com/rest/api/keyvault/secrets documents them
// (set-secret/set-secret, get-secret/get-secret, get-secret-versions/get-secret-versions).

export interface KeyVaultEnv {
  readonly dir: Directory;
  readonly store: KeyVaultStore;
  /** The emulated Entra's authority host: the 401 challenge names it as the vault's authority. */
  readonly authorityHost: () => string;
}

/** The api-versions the emulator answers; the Secrets operations are the same in each (learn.microsoft.com/rest/api/keyvault/secrets, version selector). */
export const API_VERSIONS = ['7.4', '7.5', '2025-07-01'];

/** secret-name: "pattern: ^[0-9a-zA-Z-]+$" (set-secret); "1-127 characters" (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates, object names). */
const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;
/** "Azure Key Vault … secrets … up to 25k bytes" (learn.microsoft.com/azure/key-vault/secrets/about-secrets). */
const MAX_VALUE_BYTES = 25 * 1024;
/** "You can specify up to 15 tags" per object (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates, object tags). */
const MAX_TAGS = 15;
/** Soft delete's default retention, 90 days (learn.microsoft.com/azure/key-vault/general/soft-delete-overview); no purge protection. */
const RECOVERABLE_DAYS = 90;
/** maxresults: "minimum: 1 maximum: 25 … If not specified, the service will return up to 25 results" (get-secret-versions). */
const PAGE = 25;

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** SecretAttributes: times in Unix seconds (set-secret, "SecretAttributes"). */
function attributes(v: SecretVersion): Record<string, unknown> {
  return {
    enabled: v.enabled,
    ...(v.nbfMs !== undefined ? { nbf: seconds(v.nbfMs) } : {}),
    ...(v.expMs !== undefined ? { exp: seconds(v.expMs) } : {}),
    created: seconds(v.createdMs),
    updated: seconds(v.updatedMs),
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: RECOVERABLE_DAYS,
  };
}

/** A SecretItem (get-secret-versions): no value. */
function item(vault: Vault, secret: StoredSecret, v: SecretVersion): Record<string, unknown> {
  return {
    id: `${vault.url}/secrets/${secret.name}/${v.version}`,
    attributes: attributes(v),
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    ...(v.tags !== undefined ? { tags: { ...v.tags } } : {}),
  };
}

/** A SecretBundle (set-secret, get-secret): the item with its value. */
const bundle = (vault: Vault, secret: StoredSecret, v: SecretVersion): Reply => ({ status: 200, body: { value: v.value, ...item(vault, secret, v) } });

/**
 * "The Authorization header is the access token that is required with every call to the Key Vault for
 * data-plane operations. If the header is missing, then the response must be 401", with a
 * WWW-Authenticate challenge naming the authority and the resource, which clients use to get a token
 * (learn.microsoft.com/azure/key-vault/general/authentication-requests-and-responses, learn.microsoft.com/azure/key-vault/general/rest-error-codes).
 * A token for another resource is refused ("The token lacks the correct resource"). AKV codes as users quote them (UNCONFIRMED).
 */
function authenticate(env: KeyVaultEnv, req: InboundRequest): IssuedToken | Reply {
  const headers = { 'WWW-Authenticate': `Bearer authorization="${env.authorityHost()}/${env.dir.tenantId}", resource="${KEY_VAULT_RESOURCE}"` };
  const unauthorized = (message: string): Reply => kvError(401, 'Unauthorized', message, { headers });
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return unauthorized('AKV10000: Request is missing a Bearer or PoP token.');
  const token = env.dir.tokens.get(m[1]);
  if (!token || !env.dir.isTenant(token.tenantId)) return unauthorized('Token validation failed.');
  if (token.expiresAtMs <= Date.now()) return unauthorized('Token validation failed: the token is expired.');
  if (token.resource !== 'keyvault') return unauthorized(`AKV10022: Invalid audience. Expected ${KEY_VAULT_RESOURCE}, found: ${token.audience}.`);
  return token;
}

export function keyVaultHandler(env: KeyVaultEnv, vault: Vault): Handler {
  return (req: InboundRequest): Reply => {
    const token = authenticate(env, req);
    if ('status' in token) return token;
    const apiVersion = req.query.get('api-version');
    // "api-version … Required" (every operation); other versions are not modelled.
    if (!apiVersion) return kvError(400, 'BadParameter', 'The api-version query parameter is required.');
    if (!API_VERSIONS.includes(apiVersion)) return kvError(400, 'BadParameter', `api-version ${apiVersion} (emulator: not modelled; ${API_VERSIONS.join(', ')} are)`, { unmodelled: true });
    const [collection, name = '', third, ...rest] = req.pathname.split('/').filter(Boolean);
    if (collection !== 'secrets' || name === '' || rest.length > 0) return kvError(404, 'NotFound', `${req.method} ${req.pathname} (emulator: not modelled)`, { unmodelled: true });
    if (!SECRET_NAME.test(name)) return kvError(400, 'BadParameter', `The request URI contains an invalid name: ${name}`);
    const operation = req.method === 'PUT' && third === undefined ? 'set' : req.method !== 'GET' ? undefined : third === 'versions' ? 'list' : 'get';
    if (!operation) return kvError(405, 'MethodNotAllowed', `${req.method} ${req.pathname} (emulator: not modelled)`, { unmodelled: true });
    const extra = [...req.query.keys()].filter((k) => k !== 'api-version' && !(operation === 'list' && (k === 'maxresults' || k === '$skiptoken')));
    if (extra.length > 0) return kvError(400, 'BadParameter', `Query parameter(s) ${extra.join(', ')} (emulator: not modelled)`, { unmodelled: true });
    if (!env.store.allows(vault, token.servicePrincipalId, DATA_ACTIONS[operation])) {
      const caller = { appId: token.appId, objectId: token.servicePrincipalId, issuer: `https://sts.windows.net/${token.tenantId}/` };
      return forbiddenByRbac(caller, DATA_ACTIONS[operation], `${vault.resourceId}/secrets/${name}`);
    }
    const secret = vault.secrets.get(name.toLowerCase());
    if (operation === 'set') return setSecret(vault, name, req.body);
    if (operation === 'list') return listVersions(vault, secret, req);
    return getSecret(vault, secret, { name, version: third });
  };
}

/** Set Secret: a new version, the current one from now on (set-secret: "If the named secret already exists, Azure Key Vault creates a new version"). */
function setSecret(vault: Vault, name: string, raw: Buffer): Reply {
  let body: { value?: unknown; contentType?: unknown; tags?: unknown; attributes?: { enabled?: unknown; nbf?: unknown; exp?: unknown } };
  try {
    body = JSON.parse(raw.toString('utf8')) as typeof body;
  } catch {
    return kvError(400, 'BadParameter', 'The request body is not valid JSON.');
  }
  const { value, contentType, tags, attributes: attrs = {} } = body ?? {};
  if (typeof value !== 'string') return kvError(400, 'BadParameter', 'Property value is required.');
  if (Buffer.byteLength(value) > MAX_VALUE_BYTES) return kvError(400, 'BadParameter', `The secret value is ${Buffer.byteLength(value)} bytes; at most ${MAX_VALUE_BYTES} are allowed.`);
  if (contentType !== undefined && typeof contentType !== 'string') return kvError(400, 'BadParameter', 'contentType must be a string.');
  const tagList = tags === undefined || tags === null ? undefined : Object.entries(tags as Record<string, unknown>);
  if (tagList && (tagList.length > MAX_TAGS || tagList.some(([, t]) => typeof t !== 'string'))) return kvError(400, 'BadParameter', `tags: at most ${MAX_TAGS} tags with string values.`);
  const secret = vault.secrets.get(name.toLowerCase()) ?? { name, versions: [] };
  if (secret.deletedMs !== undefined) return deletedButRecoverable(secret.name);
  const now = Date.now();
  const time = (t: unknown): number | undefined => (typeof t === 'number' ? t * 1000 : undefined);
  const version: SecretVersion = {
    version: randomBytes(16).toString('hex'),
    value,
    contentType,
    tags: tagList ? (Object.fromEntries(tagList) as Record<string, string>) : undefined,
    enabled: attrs.enabled !== false,
    createdMs: now,
    updatedMs: now,
    expMs: time(attrs.exp),
    nbfMs: time(attrs.nbf),
  };
  secret.versions.push(version);
  vault.secrets.set(name.toLowerCase(), secret);
  return bundle(vault, secret, version);
}

/** Get Secret: the current version without a version segment, else that version; a soft-deleted secret is not found. */
function getSecret(vault: Vault, secret: StoredSecret | undefined, wanted: { name: string; version: string | undefined }): Reply {
  const live = secret?.deletedMs === undefined ? secret : undefined;
  const { name, version } = wanted;
  const found = version === undefined ? live?.versions.at(-1) : live?.versions.find((v) => v.version === version.toLowerCase());
  if (!live || !found) return secretNotFound(version === undefined ? name : `${name}/${version}`);
  // A disabled secret's value is not given out (UNCONFIRMED wording).
  if (!found.enabled) return kvError(403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', { inner: 'SecretDisabled' });
  return bundle(vault, live, found);
}

/** Get Secret Versions: SecretItems, up to maxresults per page, then a nextLink. A name without versions lists none (UNCONFIRMED). */
function listVersions(vault: Vault, secret: StoredSecret | undefined, req: InboundRequest): Reply {
  const max = Number(req.query.get('maxresults') ?? PAGE);
  if (!Number.isInteger(max) || max < 1 || max > PAGE) return kvError(400, 'BadParameter', `maxresults must be between 1 and ${PAGE}.`);
  const start = Number(req.query.get('$skiptoken') ?? 0) || 0;
  const all = secret && secret.deletedMs === undefined ? secret.versions : [];
  const page = all.slice(start, start + max);
  const more = start + max < all.length;
  const next = more && secret ? `${vault.url}/secrets/${secret.name}/versions?api-version=${req.query.get('api-version')}&$skiptoken=${start + max}&maxresults=${max}` : null;
  return { status: 200, body: { value: secret ? page.map((v) => item(vault, secret, v)) : [], nextLink: next } };
}
