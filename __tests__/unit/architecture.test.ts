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

describe('architecture', () => {
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
