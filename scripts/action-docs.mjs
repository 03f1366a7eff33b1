#!/usr/bin/env node
// Writes the parts of README.md that come from other files, so they cannot drift:
//   <!-- inputs:start -->  … <!-- inputs:end -->     table of action.yml inputs
//   <!-- outputs:start --> … <!-- outputs:end -->    table of action.yml outputs
//   <!-- example:NAME:start --> … <!-- example:NAME:end -->   examples/NAME as a yaml code block
// The examples are validated by `npm run lint:workflows`; copying them in here means the README's
// copyable workflows are exactly the validated ones.
//
// Usage: node scripts/action-docs.mjs          rewrite README.md
//        node scripts/action-docs.mjs --check  exit 1 when README.md differs from what would be written
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Escapes text for one cell of a GitHub-flavoured markdown table. */
function cell(text) {
  return String(text)
    .replace(/\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

/** A default value as inline code; a multi-line default (one item per line) shows one item per line. */
function code(value) {
  return String(value)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => (line.includes('`') ? `\`\` ${line} \`\`` : `\`${line}\``).replace(/\|/g, '\\|'))
    .join('<br>');
}

export function inputsTable(action) {
  const rows = ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |'];
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const required = input?.required === true ? 'yes' : 'no';
    const hasDefault = input?.default !== undefined && input?.default !== null && String(input.default) !== '';
    const def = hasDefault ? code(input.default) : '';
    rows.push(`| \`${name}\` | ${required} | ${def} | ${cell(input?.description ?? '')} |`);
  }
  return rows.join('\n');
}

export function outputsTable(action) {
  const rows = ['| Output | Description |', '| --- | --- |'];
  for (const [name, output] of Object.entries(action.outputs ?? {})) {
    rows.push(`| \`${name}\` | ${cell(output?.description ?? '')} |`);
  }
  return rows.join('\n');
}

function exampleBlock(name) {
  const file = join(root, 'examples', name);
  if (!existsSync(file)) throw new Error(`README.md embeds examples/${name}, which does not exist.`);
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '');
  return ['```yaml', `# examples/${name}`, text, '```'].join('\n');
}

/** Replaces the text between `<!-- KEY:start -->` and `<!-- KEY:end -->`; returns null when the markers are absent. */
function replaceSection(readme, key, body) {
  const start = `<!-- ${key}:start -->`;
  const end = `<!-- ${key}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 && to < 0) return null;
  if (from < 0 || to < 0 || to < from) {
    throw new Error(`README.md: markers "${start}" and "${end}" must both be present, in that order.`);
  }
  return `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`;
}

export function render(readme, action) {
  let out = readme.replace(/\r\n/g, '\n');
  for (const [key, body] of [
    ['inputs', inputsTable(action)],
    ['outputs', outputsTable(action)],
  ]) {
    const next = replaceSection(out, key, body);
    if (next === null) throw new Error(`README.md lacks the markers <!-- ${key}:start --> and <!-- ${key}:end -->.`);
    out = next;
  }
  const examples = [...out.matchAll(/<!-- example:([\w.-]+):start -->/g)].map((m) => m[1]);
  for (const name of examples) out = replaceSection(out, `example:${name}`, exampleBlock(name));
  return out;
}

/** The names of the sections whose content differs between two renderings, for the drift message. */
function driftedSections(current, expected) {
  const keys = ['inputs', 'outputs', ...[...expected.matchAll(/<!-- (example:[\w.-]+):start -->/g)].map((m) => m[1])];
  const section = (text, key) => {
    const a = text.indexOf(`<!-- ${key}:start -->`);
    const b = text.indexOf(`<!-- ${key}:end -->`);
    return a < 0 || b < 0 ? null : text.slice(a, b);
  };
  const drifted = keys.filter((key) => section(current, key) !== section(expected, key));
  return drifted.length > 0 ? drifted : ['text outside the generated sections (line endings)'];
}

function main(argv) {
  const check = argv.includes('--check');
  const actionPath = join(root, 'action.yml');
  const readmePath = join(root, 'README.md');
  const action = parse(readFileSync(actionPath, 'utf8'));
  const current = readFileSync(readmePath, 'utf8');
  const expected = render(current, action);
  if (current === expected) {
    if (check) console.log('README.md is up to date with action.yml and examples/.');
    return 0;
  }
  if (check) {
    console.error(
      `README.md is out of date (${driftedSections(current, expected).join(', ')} differ from action.yml / examples/).\n` +
        'Run `npm run docs` and commit README.md.',
    );
    return 1;
  }
  writeFileSync(readmePath, expected);
  console.log('README.md updated from action.yml and examples/.');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`action-docs: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
