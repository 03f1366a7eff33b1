/**
 * Seals a value for GitHub's secrets API: libsodium's crypto_box_seal with the target's public key,
 * base64 in the ORIGINAL variant (docs.github.com/rest/guides/encrypting-secrets-for-the-rest-api).
 */
export async function sealForGitHub(value: string, publicKeyBase64: string): Promise<string> {
  const sodium = await loadSodium();
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

let loading: ReturnType<typeof load> | undefined;

/** Loads libsodium and its WebAssembly once; called early by delivery so sealing waits for nothing. */
export function loadSodium(): ReturnType<typeof load> {
  loading ??= load();
  return loading;
}

// Loaded only when secrets are delivered: most runs never need libsodium.
async function load() {
  const { default: sodium } = await import('libsodium-wrappers');
  await sodium.ready;
  return sodium;
}
