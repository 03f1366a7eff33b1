import { fail } from './errors.ts';
import { unmodelled } from './unmodelled.ts';

// OData's string literals and the part of $filter the emulated endpoints accept
// (learn.microsoft.com/graph/filter-query-parameter, learn.microsoft.com/graph/aad-advanced-queries).

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

export interface FilterOptions {
  /** ConsistencyLevel: eventual and $count=true were both sent (the "advanced query parameters"). */
  advanced?: boolean;
  /** String-collection properties that `any(x:x eq '…')` may test, e.g. identifierUris. */
  collections?: readonly string[];
}

/**
 * The message Graph gives when an operator needs the advanced query parameters, documented for
 * endsWith in learn.microsoft.com/graph/aad-advanced-queries ("Error handling for advanced queries");
 * the same wording for `ne` and `not` is UNCONFIRMED (the page says they too need the parameters).
 */
export const needsAdvanced = (op: string): never =>
  fail(400, 'Request_UnsupportedQuery', `Operator '${op}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`);

/**
 * `$filter`: eq, ne, in, startswith, not, `any(x:x eq '…')` on string collections, and/or (and binds
 * tighter). `in` works wherever eq does; ne and not need the advanced query parameters; endsWith
 * needs them and then only mail, otherMails, userPrincipalName and proxyAddresses support it, none
 * of them on applications or service principals (learn.microsoft.com/graph/aad-advanced-queries).
 * Directory string comparisons ignore case (Entra's default collation; UNCONFIRMED for uniqueName).
 */
export function parseFilter(filter: string, allowed: readonly string[], typeName: string, opts: FilterOptions = {}): Predicate {
  let i = 0;
  const s = filter;
  const syntax = (what = 'syntax error'): never => fail(400, 'BadRequest', `Invalid filter clause: ${what} at position ${i} in '${filter}'.`);
  const ws = (): void => {
    while (s[i] === ' ') i++;
  };
  const expect = (c: string): void => {
    ws();
    if (s[i] !== c) syntax(`'${c}' expected`);
    i++;
  };
  const ident = (): string => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) return syntax();
    i += m[0].length;
    return m[0];
  };
  const literal = (): string | null => {
    ws();
    if (/^null\b/.test(s.slice(i))) {
      i += 4;
      return null;
    }
    if (s[i] !== "'") syntax();
    const lit = readLiteral(s, i);
    i = lit.end;
    return lit.value;
  };
  const unsupported = (name: string): never =>
    fail(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${name}' of resource '${typeName}'.`);
  const collections = opts.collections ?? [];
  const property = (name: string): string => (allowed.includes(name) ? name : unsupported(name));
  const norm = (v: unknown): string | null => (typeof v === 'string' ? v.toLowerCase() : null);
  const lower = (v: string | null): string | null => (v === null ? null : v.toLowerCase());
  const peekWord = (w: string): boolean => new RegExp(`^\\s*${w}\\b`, 'i').test(s.slice(i));

  const stringFunction = (fn: string, subject: (o: Record<string, unknown>) => unknown): Predicate => {
    expect(',');
    const arg = lower(literal()) ?? '';
    expect(')');
    if (fn === 'startswith') return (o) => (norm(subject(o)) ?? '').startsWith(arg);
    return (o) => (norm(subject(o)) ?? '').endsWith(arg);
  };

  const anyLambda = (prop: string): Predicate => {
    // prop/any(x:x eq 'v') — learn.microsoft.com/graph/filter-query-parameter#filter-using-lambda-operators
    if (!collections.includes(prop)) unsupported(prop);
    expect('(');
    const v = ident();
    expect(':');
    const subject = ident();
    if (subject !== v) syntax(`'${v}' expected`);
    const op = ident().toLowerCase();
    if (op !== 'eq') unmodelled(`Lambda operator '${op}' in any() on '${prop}'`);
    const want = lower(literal());
    expect(')');
    return (o) => Array.isArray(o[prop]) && (o[prop] as unknown[]).some((x) => norm(x) === want);
  };

  const primary = (): Predicate => {
    ws();
    if (s[i] === '(') {
      i++;
      const p = orExpr();
      expect(')');
      return p;
    }
    const word = ident();
    ws();
    const fn = word.toLowerCase();
    if ((fn === 'startswith' || fn === 'endswith') && s[i] === '(') {
      if (fn === 'endswith' && !opts.advanced) needsAdvanced('endsWith');
      i++;
      const prop = ident();
      if (fn === 'endswith') unsupported(prop);
      property(prop);
      return stringFunction(fn, (o) => o[prop]);
    }
    if (s[i] === '/') {
      i++;
      if (ident().toLowerCase() !== 'any') unmodelled(`Lambda operator in '${filter}'`);
      return anyLambda(word);
    }
    if (collections.includes(word) && !allowed.includes(word)) unsupported(word);
    const prop = property(word);
    const op = ident().toLowerCase();
    if (op === 'in') {
      expect('(');
      const values: (string | null)[] = [];
      do values.push(lower(literal()));
      while ((ws(), s[i] === ',') && ++i);
      expect(')');
      return (o) => values.includes(norm(o[prop]));
    }
    if (op === 'ne' && !opts.advanced) needsAdvanced('ne');
    if (op !== 'eq' && op !== 'ne') fail(400, 'Request_UnsupportedQuery', `Unsupported query operator '${op}'.`);
    const want = lower(literal());
    return op === 'eq' ? (o) => norm(o[prop]) === want : (o) => norm(o[prop]) !== want;
  };

  const unary = (): Predicate => {
    if (peekWord('not')) {
      if (!opts.advanced) needsAdvanced('not');
      ident();
      const p = unary();
      return (o) => !p(o);
    }
    return primary();
  };
  const andExpr = (): Predicate => {
    let left = unary();
    while (peekWord('and')) {
      ident();
      const l = left;
      const r = unary();
      left = (o) => l(o) && r(o);
    }
    return left;
  };
  const orExpr = (): Predicate => {
    let left = andExpr();
    while (peekWord('or')) {
      ident();
      const l = left;
      const r = andExpr();
      left = (o) => l(o) || r(o);
    }
    return left;
  };
  const p = orExpr();
  ws();
  if (i !== s.length) syntax();
  return p;
}
