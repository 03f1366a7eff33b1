import { fail } from './errors.ts';

// The slices of OData v4 URL syntax the emulated endpoints need: path segments with key predicates
// (`applications(uniqueName='a''b')`), $filter, $select, $top and $skiptoken paging.

export interface Segment {
  name: string;
  /** `(appId='x')` → { appId: 'x' }; `('x')` → { '': 'x' }. */
  keys?: Record<string, string>;
}

/** Parses a quoted OData string literal starting at s[i] === "'"; '' is an escaped quote. */
function readLiteral(s: string, i: number): { value: string; end: number } {
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

/** Splits a decoded path into segments, honouring quotes in key predicates (a key may contain '/'). */
export function parsePath(path: string): Segment[] {
  const segs: Segment[] = [];
  let i = path.startsWith('/') ? 1 : 0;
  while (i < path.length) {
    let name = '';
    while (i < path.length && path[i] !== '/' && path[i] !== '(') name += path[i++];
    const seg: Segment = { name };
    if (path[i] === '(') {
      i++;
      const keys: Record<string, string> = {};
      while (i < path.length && path[i] !== ')') {
        let key = '';
        while (i < path.length && path[i] !== '=' && path[i] !== "'" && path[i] !== ')') key += path[i++];
        if (path[i] === '=') i++;
        if (path[i] === "'") {
          const lit = readLiteral(path, i);
          keys[key.trim()] = lit.value;
          i = lit.end;
        } else {
          let raw = '';
          while (i < path.length && path[i] !== ',' && path[i] !== ')') raw += path[i++];
          keys[key.trim()] = raw.trim();
        }
        if (path[i] === ',') i++;
      }
      if (path[i] !== ')') fail(400, 'BadRequest', 'Bad Request - Error in query syntax.');
      i++;
      seg.keys = keys;
    }
    segs.push(seg);
    if (path[i] === '/') i++;
    else if (i < path.length) fail(400, 'BadRequest', 'Bad Request - Error in query syntax.');
  }
  return segs;
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

/** `$select=a,b`: unknown names are a 400, as OData answers them. */
export function parseSelect(select: string | null, known: Record<string, unknown>, typeName: string): string[] | undefined {
  if (!select) return undefined;
  const names = select.split(',').map((n) => n.trim()).filter(Boolean);
  for (const n of names) {
    if (!(n in known)) fail(400, 'BadRequest', `Could not find a property named '${n}' on type 'microsoft.graph.${typeName}'.`);
  }
  return names;
}

export function project(obj: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select) return obj;
  const out: Record<string, unknown> = {};
  for (const n of select) out[n] = obj[n];
  return out;
}

/** Page size: default 100, `$top` 1..999 (FACTS §2). */
export function pageSize(top: string | null): number {
  if (top === null) return 100;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1 || n > 999) fail(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
  return n;
}

export const encodeSkipToken = (offset: number): string => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

export function decodeSkipToken(token: string | null): number {
  if (!token) return 0;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && v.o >= 0) return v.o;
  } catch {
    // fall through
  }
  return fail(400, 'Request_BadRequest', 'Invalid $skiptoken value.');
}
