import { InputError } from '../../src/errors.ts';
import { defaultSecretName, keyVaultWarnings } from '../../src/settings/key-vault.ts';
import { readSettings, type InputReader } from '../../src/settings/read-settings.ts';
import type { Settings } from '../../src/settings/settings.ts';

// secrets-target key-vault: key-vault-url and key-vault-secret-name are checked before any request, and
// name the ledger's destination.

const REQUIRED: Readonly<Record<string, string>> = {
  'tenant-id': '11111111-2222-3333-4444-555555555555',
  'client-id': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  'app-name': 'Intrexx Portal',
  'portal-base-url': 'https://portal.example.com',
};
const KV = { 'secrets-target': 'key-vault', 'key-vault-url': 'https://contoso-kv.vault.azure.net' };

const reader = (overrides: Record<string, string>): InputReader => (name) => ({ ...REQUIRED, ...overrides })[name] ?? '';
const settingsFor = (overrides: Record<string, string>): Settings => readSettings(reader(overrides), {});

function problemsFor(overrides: Record<string, string>): readonly string[] {
  try {
    readSettings(reader(overrides), {});
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error(`readSettings accepted ${JSON.stringify(overrides)}`);
}

test.each<[string, Record<string, string>, string]>([
  ['key-vault-url missing', { 'secrets-target': 'key-vault' }, 'key-vault-url: is required when secrets-target is key-vault (expected https://<vault-name>.vault.azure.net)'],
  ['over http', { ...KV, 'key-vault-url': 'http://contoso-kv.vault.azure.net' }, 'key-vault-url: "http://contoso-kv.vault.azure.net" is not a vault URL: expected https://<vault-name>.vault.azure.net, https and without a path'],
  ['with a path', { ...KV, 'key-vault-url': 'https://contoso-kv.vault.azure.net/secrets/x' }, 'without a path'],
  ['with a query', { ...KV, 'key-vault-url': 'https://contoso-kv.vault.azure.net/?api-version=7.4' }, 'without a path'],
  ['not a URL', { ...KV, 'key-vault-url': 'contoso-kv' }, 'is not a vault URL'],
  ['a vault name too short', { ...KV, 'key-vault-url': 'https://kv.vault.azure.net' }, 'key-vault-url: "kv" is not a key vault name: 3 to 24 letters, digits and single hyphens'],
  ['a vault name with two hyphens', { ...KV, 'key-vault-url': 'https://contoso--kv.vault.azure.net' }, '"contoso--kv" is not a key vault name'],
  ['a vault name starting with a digit', { ...KV, 'key-vault-url': 'https://1contoso.vault.azure.net' }, 'is not a key vault name'],
  ['a vault name of 25 characters', { ...KV, 'key-vault-url': `https://${'a'.repeat(25)}.vault.azure.net` }, 'is not a key vault name'],
  ['another cloud\'s vault', { ...KV, 'key-vault-url': 'https://contoso-kv.vault.azure.cn' }, 'key-vault-url: "https://contoso-kv.vault.azure.cn" is not a key vault of AzureCloud (expected https://<vault-name>.vault.azure.net, or another cloud with cloud); to send the Key Vault access token and the client secret to another host, set allow-custom-endpoints: true'],
  ['a look-alike host', { ...KV, 'key-vault-url': 'https://contoso-kv.vault.azure.net.evil.example' }, 'set allow-custom-endpoints: true'],
  ['the vault host on another port', { ...KV, 'key-vault-url': 'https://contoso-kv.vault.azure.net:8443' }, 'set allow-custom-endpoints: true'],
  ['a US Government vault in AzureCloud', { ...KV, 'key-vault-url': 'https://contoso-kv.vault.usgovcloudapi.net' }, 'is not a key vault of AzureCloud'],
  ['a public vault in AzureChinaCloud', { ...KV, cloud: 'AzureChinaCloud' }, 'is not a key vault of AzureChinaCloud (expected https://<vault-name>.vault.azure.cn'],
  ['a secret name with an underscore', { ...KV, 'key-vault-secret-name': 'portal_secret' }, 'key-vault-secret-name: "portal_secret" is not a Key Vault secret name: 1 to 127 letters, digits and hyphens'],
  ['a secret name of 128 characters', { ...KV, 'key-vault-secret-name': 'a'.repeat(128) }, 'is not a Key Vault secret name'],
  ['key-vault-url with secrets-target none', { 'key-vault-url': 'https://contoso-kv.vault.azure.net' }, 'key-vault-url: has no effect with secrets-target none'],
  ['key-vault-secret-name with secrets-target repository', { 'secrets-target': 'repository', 'github-token': 'x', 'secrets-repository': 'o/r', 'key-vault-secret-name': 's' }, 'key-vault-secret-name: has no effect with secrets-target repository'],
  ['github-token with secrets-target key-vault', { ...KV, 'github-token': 'x' }, 'github-token: has no effect with secrets-target key-vault'],
])('%s', (_, inputs, expected) => {
  expect(problemsFor(inputs).join('\n')).toContain(expected);
});

test.each<[string, Record<string, string>, string, string]>([
  ['a public vault', KV, 'https://contoso-kv.vault.azure.net', 'key-vault:contoso-kv.vault.azure.net:intrexx-portal-client-secret'],
  ['in any case, with a trailing slash', { ...KV, 'key-vault-url': 'https://Contoso-KV.vault.azure.net/', 'key-vault-secret-name': 'Portal-Secret' }, 'https://contoso-kv.vault.azure.net', 'key-vault:contoso-kv.vault.azure.net:portal-secret'],
  ['a US Government vault', { ...KV, cloud: 'AzureUSGovernment', 'key-vault-url': 'https://contoso-kv.vault.usgovcloudapi.net' }, 'https://contoso-kv.vault.usgovcloudapi.net', 'key-vault:contoso-kv.vault.usgovcloudapi.net:intrexx-portal-client-secret'],
  ['a China vault', { ...KV, cloud: 'AzureChinaCloud', 'key-vault-url': 'https://contoso-kv.vault.azure.cn' }, 'https://contoso-kv.vault.azure.cn', 'key-vault:contoso-kv.vault.azure.cn:intrexx-portal-client-secret'],
  ['a custom host with allow-custom-endpoints', { ...KV, 'key-vault-url': 'https://127.0.0.1:8443', 'allow-custom-endpoints': 'true' }, 'https://127.0.0.1:8443', 'key-vault:127.0.0.1:8443:intrexx-portal-client-secret'],
])('%s: the vault URL and the ledger identity', (_, inputs, vaultUrl, identity) => {
  const settings = settingsFor(inputs);
  expect(settings.delivery).toMatchObject({ target: 'key-vault', vaultUrl, appName: 'intrexx-portal' });
  expect(settings.destination).toMatchObject({ kind: 'key-vault', identity });
  expect(settings.destination.id).toMatch(/^[0-9a-f]{12}$/);
});

test('the destination is named for people by vault and secret; a custom host is warned about', () => {
  expect(settingsFor(KV).destination.description).toBe('key vault contoso-kv (secret intrexx-portal-client-secret)');
  expect(keyVaultWarnings(settingsFor(KV).delivery)).toEqual([]);
  const custom = settingsFor({ ...KV, 'key-vault-url': 'https://127.0.0.1:8443', 'allow-custom-endpoints': 'true' });
  expect(custom.destination.description).toBe('key vault 127.0.0.1:8443 (secret intrexx-portal-client-secret)');
  expect(keyVaultWarnings(custom.delivery)).toEqual(['key-vault-url is https://127.0.0.1:8443, not a key vault of the cloud (allow-custom-endpoints is true): it receives the Key Vault access token and the client secret.']);
});

test('two secret names or two vaults are two destinations', () => {
  const ids = [KV, { ...KV, 'key-vault-secret-name': 'other' }, { ...KV, 'key-vault-url': 'https://fabrikam-kv.vault.azure.net' }].map((i) => settingsFor(i).destination.id);
  expect(new Set(ids).size).toBe(3);
});

test('the default secret name comes from the unique name and always follows Key Vault\'s rule', () => {
  expect(defaultSecretName('intrexx-portal')).toBe('intrexx-portal-client-secret');
  expect(defaultSecretName('intrexx.portal_v2')).toBe('intrexx-portal-v2-client-secret');
  const long = defaultSecretName(`a${'b'.repeat(119)}`);
  expect(long).toHaveLength(127);
  expect(long).toMatch(/^[0-9a-zA-Z-]{1,127}$/);
  expect(long.endsWith('-client-secret')).toBe(true);
  expect(settingsFor({ ...KV, 'unique-name': 'crm.portal' }).delivery).toMatchObject({ secretName: 'crm-portal-client-secret', appName: 'crm.portal' });
});
