import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as a JWK with kid/use/alg, as a JWKS endpoint publishes it. */
  jwk: Record<string, unknown>;
}

export function makeSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  // GitHub publishes kid values that are thumbprints; a SHA-256 over the modulus is close enough in shape.
  const kid = createHash('sha256').update(String(jwk.n)).digest('hex').slice(0, 40).toUpperCase();
  return { kid, privateKey, publicKey, jwk: { ...jwk, kid, use: 'sig', alg: 'RS256' } };
}

const keysOfThisProcess = new Map<string, SigningKey>();

/**
 * The signing key of a role ('oidc', 'entra') for every emulator this process starts. An RSA-2048 key
 * takes 50 to 300 ms to make on a busy 2-core machine, and the test suite starts an emulator per test:
 * each emulator keeps its own tenant, IDs, TLS certificate and state, and shares only these keys.
 */
export function processSigningKey(role: string): SigningKey {
  let key = keysOfThisProcess.get(role);
  if (!key) keysOfThisProcess.set(role, (key = makeSigningKey()));
  return key;
}

const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signJwt(key: SigningKey, claims: Record<string, unknown>, extraHeader: Record<string, unknown> = {}): string {
  const head = b64url({ typ: 'JWT', alg: 'RS256', kid: key.kid, ...extraHeader });
  const body = b64url(claims);
  const sig = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key.privateKey).toString('base64url');
  return `${head}.${body}.${sig}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits and decodes a compact JWS without verifying it; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2] ?? '', 'base64url') };
  } catch {
    return undefined;
  }
}

/** RS256 verification against a JWKS (by kid). */
export function verifyJwtSignature(jwt: DecodedJwt, jwks: Record<string, unknown>[]): boolean {
  if (jwt.header.alg !== 'RS256') return false;
  const jwk = jwks.find((k) => k.kid === jwt.header.kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  return verify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
