/**
 * How a configuration file's bytes are held while it is edited: as latin1, one character per byte.
 * Every byte sequence survives a latin1 decode and encode unchanged, so a UTF-8 BOM, umlauts in
 * comments and the line endings come back exactly as they were; the markup the scanner reads is
 * ASCII in every encoding the writer accepts, and the values it writes are ASCII too.
 */

/** `utf-8`: the XML default. `single-byte`: an ASCII-compatible one-byte encoding such as ISO-8859-1. */
export type Charset = 'utf-8' | 'single-byte';

export interface FileText {
  /** The file's bytes, one latin1 character each: offsets in it are byte offsets. */
  readonly text: string;
  readonly charset: Charset;
}

export const UTF8_BOM = '\u00ef\u00bb\u00bf';

const DECLARED = /^<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z0-9._-]+)\1/;
const SINGLE_BYTE = new Set(['iso-8859-1', 'latin1', 'iso-8859-15', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);

/** The bytes as text the scanner can read, or a sentence saying why they cannot be edited safely. */
export function fileText(bytes: Uint8Array): FileText | string {
  const [b0, b1] = bytes;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || b0 === 0 || b1 === 0) {
    return 'the file is UTF-16 (or binary); the writer edits UTF-8 and single-byte files only.';
  }
  const text = Buffer.from(bytes).toString('latin1');
  const body = text.startsWith(UTF8_BOM) ? text.slice(UTF8_BOM.length) : text;
  const declared = DECLARED.exec(body)?.[2]?.toLowerCase();
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8') return { text, charset: 'utf-8' };
  if (text.startsWith(UTF8_BOM)) return `the file starts with a UTF-8 byte order mark but declares encoding "${declared}".`;
  if (SINGLE_BYTE.has(declared)) return { text, charset: 'single-byte' };
  return `the file declares encoding "${declared}"; the writer edits UTF-8 and ISO-8859-1 files only.`;
}

/** A value as its bytes would appear in the file's latin1 view, for comparing names and values. */
export function inFile(value: string, charset: Charset): string {
  return charset === 'utf-8' ? Buffer.from(value, 'utf8').toString('latin1') : value;
}
