/**
 * The writer's README against its action.yml, and the shape of its code: a pure planner, @actions/core
 * behind one file, a thin entry point.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers.ts';

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const action = parse(readFileSync(path.join(ROOT, 'intrexx', 'action.yml'), 'utf8')) as ActionYaml;
const readme = readFileSync(path.join(ROOT, 'intrexx', 'README.md'), 'utf8');
const cell = (text: string) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');

function section(name: string): string {
  const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme);
  return match?.[1] ?? `(no ${name}:start/${name}:end markers in intrexx/README.md)`;
}

describe('intrexx/action.yml and intrexx/README.md', () => {
  test('the action runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  test('the README input table is action.yml, row for row', () => {
    const rows = Object.entries(action.inputs).map(
      ([name, spec]) => `| \`${name}\` | ${spec.required ? 'yes' : 'no'} |${spec.default ? ` \`${spec.default}\` ` : ' '}| ${cell(spec.description.trim())} |`,
    );
    expect(section('inputs')).toBe(['| input | required | default | description |', '|---|---|---|---|', ...rows, ''].join('\n'));
  });

  test('the README output table is action.yml, row for row', () => {
    const rows = Object.entries(action.outputs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description.trim())} |`);
    expect(section('outputs')).toBe(['| output | description |', '|---|---|', ...rows, ''].join('\n'));
  });

  test('every input the README examples pass to the writer exists', () => {
    const examples = [...readme.matchAll(/uses: [^\n]*\/intrexx@\S+\n\s+with:\n((?:\s{10,}[^\n]+\n)+)/g)].map((m) => m[1] as string);
    expect(examples.length).toBeGreaterThan(0);
    const used = examples.flatMap((block) => [...block.matchAll(/^\s+([a-z-]+):/gm)].map((m) => m[1] as string));
    expect(used.filter((name) => !(name in action.inputs))).toEqual([]);
    const env = [...readme.matchAll(/'?INPUT_([A-Z-]+)=/g)].map((m) => (m[1] as string).toLowerCase());
    expect(env.filter((name) => !(name in action.inputs))).toEqual([]);
  });

  test('the README says what is not confirmed and how to check encryption on a test portal', () => {
    expect(readme).toContain('## What is not confirmed');
    expect(readme).toContain('## Are the values stored encrypted?');
    expect(readme).toMatch(/How to check on a test portal/);
  });
});

describe('the shape of src/intrexx', () => {
  const SRC = path.join(ROOT, 'src', 'intrexx');
  const files = readdirSync(SRC).filter((f) => f.endsWith('.ts'));
  const source = (file: string) => readFileSync(path.join(SRC, file), 'utf8');
  const imports = (file: string) => [...source(file).matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gm)].map((m) => m[1] as string);

  /** The files a file imports, directly or not. */
  function closure(file: string, seen = new Set<string>()): Set<string> {
    for (const spec of imports(file)) {
      const target = spec.startsWith('./') ? spec.slice(2) : spec;
      if (!seen.has(target)) {
        seen.add(target);
        if (spec.startsWith('./')) closure(target, seen);
      }
    }
    return seen;
  }

  test('the planner is pure: it reaches no file system, process, network or runner code', () => {
    const reached = [...closure('plan.ts')];
    expect(reached.filter((t) => /^(node:(fs|child_process|http|https|net)|@actions\/)|^(apply|main|runtime|restart|wait|target-file)\.ts$/.test(t.replace(/^node:fs\/promises$/, 'node:fs')))).toEqual([]);
  });

  test('@actions/core is imported by its package name, in runtime.ts only', () => {
    const users = files.filter((f) => imports(f).some((spec) => spec.includes('@actions/') || spec.includes('node_modules')));
    expect(users).toEqual(['runtime.ts']);
    expect(imports('runtime.ts')).toContain('@actions/core');
  });

  test('index.ts only starts the run', () => {
    const code = source('index.ts').split('\n').filter((line) => line.trim() && !line.trim().startsWith('//'));
    expect(code).toEqual(["import { run } from './main.ts';", 'await run();']);
  });
});
