/**
 * Whether a value the file holds now looks like something other than plain text.
 *
 * Whether the Portal Manager of Intrexx 11.4 and later stores client IDs and secrets encrypted is not
 * documented. If it does, a plain value written over an encrypted one may never be read, or be read
 * as garbage, so the writer refuses to overwrite a value that does not look like plain text. The
 * rules (documented in intrexx/README.md) are deliberately wide; each one names what it saw:
 *
 * 1. an encryption marker at the start: `{word}` (as in `{enc}`, `{AES}`, `{cipher}`), `ENC(`, or
 *    `enc:` / `encrypted:` / `crypt:`;
 * 2. a character outside printable ASCII: Entra client secrets are printable ASCII;
 * 3. more than 48 characters of only base64, base64url or hex characters: Entra client secrets
 *    created today are 40 characters and contain `~`, older ones had 32 to 44 (observed; Microsoft
 *    documents no format), so a longer blob of that alphabet is not one;
 * 4. a hex string of 32 characters or more, or padded base64 that is not 44 characters long (the one
 *    padded shape older Entra secrets had): the usual encodings of ciphertext.
 *
 * The reasons never quote the value. Placeholders such as `<CLIENT-SECRET>` or `####YOUR_CLIENT_SECRET####` and empty values pass.
 */
export function encryptedLook(value: string): string | undefined {
  if (/^(\{[A-Za-z0-9_.-]{1,32}\}|ENC\(|(?:enc|encrypted|crypt):)/i.test(value)) {
    return 'it starts with a marker of encrypted values ({…}, ENC(…), enc:)';
  }
  if (/[^\x20-\x7e]/.test(value)) return 'it contains characters outside printable ASCII, which no Entra client secret has';
  if (value.length > 48 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    return `it is ${value.length} characters of base64 or hex, longer than any Entra client secret`;
  }
  if (value.length >= 32 && /^[0-9A-Fa-f]+$/.test(value)) return `it is a ${value.length}-character hex string`;
  if (/^[A-Za-z0-9+/]+={1,2}$/.test(value) && value.length !== 44) return `it is ${value.length} characters of padded base64`;
  return undefined;
}
