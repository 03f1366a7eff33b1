/**
 * The shape of the code, checked: small files, short parameter lists, a pure planner, no import
 * cycles (type-only imports included). What a stranger relies on when changing the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

const SOURCES = [...files('src'), ...files('emulator')];
const parsed = new Map(SOURCES.map((f) => [f, ts.createSourceFile(f, readFileSync(path.join(ROOT, f), 'utf8'), ts.ScriptTarget.Latest, true)]));

/** Relative imports and re-exports of a file, resolved to repository paths (type-only ones included). */
function imports(file: string): string[] {
  const source = parsed.get(file);
  if (!source) return [];
  const targets: string[] = [];
  const visit = (node: ts.Node) => {
    const spec = (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
    if (spec?.startsWith('.')) targets.push(path.normalize(path.join(path.dirname(file), spec)));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return targets;
}

/**
 * How a comment points at the team's working notes, which live beside the repository and never reach
 * its readers: a section of the facts file, or the shared folder. Built from parts, so that this file
 * does not match itself.
 */
const OUTSIDE_MARKERS = [['FACTS', '§'].join(' '), ['..', 'shared', ''].join('/')];

/** Every module specifier a file imports, re-exports or loads with import(). */
function specifiers(file: string): string[] {
  const source = parsed.get(file);
  if (!source) return [];
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The packages the action is built on (the project's chosen packages), each used through its public entry. */
const CHOSEN = ['@actions/core', '@actions/github', '@azure/identity', '@azure/keyvault-secrets', '@microsoft/microsoft-graph-client'];

describe('architecture', () => {
  test('package.json lists the chosen packages as dependencies, and @vercel/ncc and jest for the build', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const name of CHOSEN) expect(Object.keys(pkg.dependencies)).toContain(name);
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['@vercel/ncc', 'jest']));
  });

  test('src/ imports each chosen package through its public entry, and nothing by path into node_modules', () => {
    const bare = SOURCES.filter((f) => f.startsWith('src')).flatMap((f) => specifiers(f).filter((s) => !s.startsWith('.') && !s.startsWith('node:')).map((s) => ({ f, s })));
    expect(bare.filter(({ s }) => s.includes('node_modules')).map(({ f, s }) => `${f} → ${s}`)).toEqual([]);
    expect(SOURCES.flatMap((f) => specifiers(f).filter((s) => s.includes('node_modules')).map((s) => `${f} → ${s}`))).toEqual([]);
    // A deep import ('@actions/core/lib/…') depends on a package's file layout, which a minor version may change.
    const deep = bare.filter(({ s }) => CHOSEN.some((name) => s.startsWith(`${name}/`)));
    expect(deep.map(({ f, s }) => `${f} → ${s}`)).toEqual([]);
    for (const name of CHOSEN) expect(bare.some(({ s }) => s === name)).toBe(true);
  });

  test.each(SOURCES)('%s has at most 250 lines', (file) => {
    expect(readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1).toBeLessThanOrEqual(250);
  });

  test('no function in src/ takes more than 4 parameters', () => {
    const offenders: string[] = [];
    for (const file of SOURCES.filter((f) => f.startsWith('src'))) {
      const source = parsed.get(file) as ts.SourceFile;
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && node.parameters.length > 4) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          offenders.push(`${file}:${line + 1} (${node.parameters.length} parameters)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });

  test('src/plan imports only graph/types, settings/ and itself', () => {
    const allowed = (target: string) => target.startsWith('src/plan/') || target === 'src/graph/types.ts' || target.startsWith('src/settings/');
    const offenders = files('src/plan').flatMap((f) => imports(f).filter((t) => !allowed(t)).map((t) => `${f} → ${t}`));
    expect(offenders).toEqual([]);
  });

  test.each(['src', 'emulator'])('no import cycles in %s/, type-only imports included', (dir) => {
    const graph = new Map(SOURCES.filter((f) => f.startsWith(`${dir}/`)).map((f) => [f, imports(f)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) walk(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) walk(file, []);
    expect(cycles).toEqual([]);
  });

  test('no comment points to a document outside the repository', () => {
    const outside = [...SOURCES, ...files('scripts'), ...files('__tests__')].filter((f) => {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      return OUTSIDE_MARKERS.some((marker) => text.includes(marker));
    });
    expect(outside).toEqual([]);
  });
});
