/** Attribute values: decoding what the file holds, escaping what the writer puts there. */

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The value a parser would see: predefined entities and character references decoded. */
export function decodeValue(raw: string): string {
  return raw.replace(/&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? whole;
  });
}

/**
 * A value escaped for an attribute quoted with `quote`: `&`, `<` and `>` always, and the quote
 * character itself (&quot; or &apos;), so the value cannot end the attribute early. Line breaks and
 * tabs become character references, because a parser would turn them into spaces.
 */
export function escapeValue(value: string, quote: '"' | "'"): string {
  return value.replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return quote === '"' ? '&quot;' : c;
      case "'":
        return quote === "'" ? '&apos;' : c;
      default:
        return `&#${c.charCodeAt(0)};`;
    }
  });
}
