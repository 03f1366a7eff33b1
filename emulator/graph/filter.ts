import { fail } from './errors.ts';

// OData's string literals and the part of $filter the emulated endpoints accept.

/** Parses a quoted OData string literal starting at s[i] === "'"; '' is an escaped quote. */
export function readLiteral(s: string, i: number): { value: string; end: number } {
  let value = '';
  let j = i + 1;
  for (;;) {
    if (j >= s.length) fail(400, 'BadRequest', 'Unterminated string literal in the request URL.');
    const c = s[j];
    if (c === "'") {
      if (s[j + 1] === "'") {
        value += "'";
        j += 2;
        continue;
      }
      return { value, end: j + 1 };
    }
    value += c;
    j++;
  }
}

export type Predicate = (obj: Record<string, unknown>) => boolean;

/**
 * `$filter` with eq / startswith on the given string properties, joined by `and`/`or`.
 * Directory string comparisons ignore case (Entra's default collation; UNCONFIRMED for uniqueName).
 */
export function parseFilter(filter: string, allowed: readonly string[], typeName: string): Predicate {
  let i = 0;
  const s = filter;
  const ws = (): void => {
    while (s[i] === ' ') i++;
  };
  const ident = (): string => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_/]*/.exec(s.slice(i));
    if (!m) fail(400, 'BadRequest', `Invalid filter clause: syntax error at position ${i} in '${filter}'.`);
    i += m[0].length;
    return m[0];
  };
  const literal = (): string | null => {
    ws();
    if (s.startsWith('null', i)) {
      i += 4;
      return null;
    }
    if (s[i] !== "'") fail(400, 'BadRequest', `Invalid filter clause: syntax error at position ${i} in '${filter}'.`);
    const lit = readLiteral(s, i);
    i = lit.end;
    return lit.value;
  };
  const property = (name: string): string => {
    if (!allowed.includes(name)) fail(400, 'Request_UnsupportedQuery', 'Unsupported or invalid query filter clause specified for property \'' + name + "' of resource '" + typeName + "'.");
    return name;
  };
  const norm = (v: unknown): string | null => (typeof v === 'string' ? v.toLowerCase() : null);
  const clause = (): Predicate => {
    ws();
    if (s[i] === '(') {
      i++;
      const p = expr();
      ws();
      if (s[i] !== ')') fail(400, 'BadRequest', `Invalid filter clause: ')' expected at position ${i} in '${filter}'.`);
      i++;
      return p;
    }
    const word = ident();
    ws();
    if (word.toLowerCase() === 'startswith' && s[i] === '(') {
      i++;
      const prop = property(ident());
      ws();
      if (s[i] !== ',') fail(400, 'BadRequest', `Invalid filter clause: ',' expected at position ${i} in '${filter}'.`);
      i++;
      const lit = literal();
      ws();
      if (s[i] !== ')') fail(400, 'BadRequest', `Invalid filter clause: ')' expected at position ${i} in '${filter}'.`);
      i++;
      const prefix = (lit ?? '').toLowerCase();
      return (o) => (norm(o[prop]) ?? '').startsWith(prefix);
    }
    const prop = property(word);
    const op = ident().toLowerCase();
    if (op !== 'eq' && op !== 'ne') fail(400, 'Request_UnsupportedQuery', `Unsupported query operator '${op}'.`);
    const lit = literal();
    const want = lit === null ? null : lit.toLowerCase();
    return op === 'eq' ? (o) => norm(o[prop]) === want : (o) => norm(o[prop]) !== want;
  };
  const expr = (): Predicate => {
    let left = clause();
    for (;;) {
      ws();
      const m = /^(and|or)\b/i.exec(s.slice(i));
      if (!m) return left;
      i += m[0].length;
      const right = clause();
      const l = left;
      left = m[0].toLowerCase() === 'and' ? (o) => l(o) && right(o) : (o) => l(o) || right(o);
    }
  };
  const p = expr();
  ws();
  if (i !== s.length) fail(400, 'BadRequest', `Invalid filter clause: syntax error at position ${i} in '${filter}'.`);
  return p;
}
