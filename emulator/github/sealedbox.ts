import sodium from 'libsodium-wrappers';
import { randomInt } from 'node:crypto';

// Real X25519 sealed boxes (libsodium crypto_box_seal), as GitHub's secrets API uses them
// ("Encrypting secrets for the REST API", docs.github.com). Keys are base64 in the ORIGINAL variant.

export interface BoxKey {
  /** Looks like GitHub's: a long decimal string. */
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  publicKeyBase64: string;
}

export async function sodiumReady(): Promise<void> {
  await sodium.ready;
}

/** Requires sodiumReady() to have resolved. */
export function newBoxKey(): BoxKey {
  const kp = sodium.crypto_box_keypair();
  const keyId = String(randomInt(1, 9)) + Array.from({ length: 18 }, () => String(randomInt(0, 10))).join('');
  return { keyId, publicKey: kp.publicKey, privateKey: kp.privateKey, publicKeyBase64: sodium.to_base64(kp.publicKey, sodium.base64_variants.ORIGINAL) };
}

/** Opens a base64 (ORIGINAL) sealed box; undefined when it is not one for this key. */
export function openSealed(key: BoxKey, sealedBase64: string): Uint8Array | undefined {
  try {
    const cipher = sodium.from_base64(sealedBase64, sodium.base64_variants.ORIGINAL);
    return sodium.crypto_box_seal_open(cipher, key.publicKey, key.privateKey);
  } catch {
    return undefined;
  }
}

export const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
