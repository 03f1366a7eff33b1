import { randomBytes, randomInt, randomUUID } from 'node:crypto';

export const guid = (): string => randomUUID();

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A random string of `length` characters drawn from `alphabet` (uniform, no modulo bias). */
export function randomString(length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Entra's timestamp format in error bodies, e.g. '2024-03-01 07:41:07Z' (see Azure/azure-workload-identity#1200). */
export const entraTimestamp = (d = new Date()): string => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');

/** Graph's innerError.date format, e.g. '2022-12-22T08:00:18' (no fraction, no zone). */
export const graphDate = (d = new Date()): string => d.toISOString().replace(/\.\d+Z$/, '');
