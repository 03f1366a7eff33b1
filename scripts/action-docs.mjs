#!/usr/bin/env node
// Keeps the files that restate action.yml in step with it:
//   README.md     <!-- inputs:start -->  … <!-- inputs:end -->     table of action.yml inputs
//                 <!-- outputs:start --> … <!-- outputs:end -->    table of action.yml outputs
//   .env.example  one `INPUT_<NAME>=` line per input of action.yml (the runner's variable names), no others
// The example workflows in examples/ are linked from the README, not copied into it.
//
// Usage: node scripts/action-docs.mjs          rewrite the README tables; add the .env.example lines of new
//                                              inputs (with action.yml's default) and drop those of removed ones
//        node scripts/action-docs.mjs --check  exit 1 when README.md or .env.example is out of step
import { readFileSync, writeFileSync } from 'node:fs';
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
  return out;
}

/** The names of the sections whose content differs between two renderings, for the drift message. */
function driftedSections(current, expected) {
  const keys = ['inputs', 'outputs'];
  const section = (text, key) => {
    const a = text.indexOf(`<!-- ${key}:start -->`);
    const b = text.indexOf(`<!-- ${key}:end -->`);
    return a < 0 || b < 0 ? null : text.slice(a, b);
  };
  const drifted = keys.filter((key) => section(current, key) !== section(expected, key));
  return drifted.length > 0 ? drifted : ['text outside the generated sections (line endings)'];
}

/** The variable the runner passes an input in: INPUT_ and the name in upper case, spaces as underscores (@actions/core getInput). */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

const ENV_LINE = /^\s*(INPUT_[^=\s#]+)\s*=/;

/** The `INPUT_*` variables a .env file sets, in order, repeats included. */
function envVariables(text) {
  return text.split(/\r?\n/).flatMap((line) => ENV_LINE.exec(line)?.[1] ?? []);
}

/**
 * How .env.example differs from action.yml: `missing` are inputs with no `INPUT_<NAME>=` line, `extra` are
 * `INPUT_*` variables of no input, `repeated` are variables set more than once.
 */
export function envExampleDrift(text, action) {
  const names = Object.keys(action.inputs ?? {});
  const wanted = new Set(names.map(inputVariable));
  const set = envVariables(text);
  return {
    missing: names.filter((name) => !set.includes(inputVariable(name))),
    extra: [...new Set(set.filter((variable) => !wanted.has(variable)))],
    repeated: [...new Set(set.filter((variable, i) => set.indexOf(variable) !== i))],
  };
}

/** A default as a .env value: quoted when it spans lines or holds a '#', which would start a comment. */
function envValue(value) {
  if (value === undefined || value === null) return '';
  const text = String(value).replace(/\n+$/, '');
  return /[\n#"]/.test(text) ? `"${text.replace(/"/g, '\\"')}"` : text;
}

/**
 * .env.example brought in step with action.yml: lines of inputs action.yml lacks (and repeats) dropped,
 * each missing input added with its default, after the line of the input before it in action.yml.
 * Comments and every other line stay as they are.
 */
export function syncEnvExample(text, action) {
  const names = Object.keys(action.inputs ?? {});
  const wanted = names.map(inputVariable);
  const seen = new Set();
  const lines = text
    .replace(/\r\n/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .filter((line) => {
      const variable = ENV_LINE.exec(line)?.[1];
      if (variable === undefined) return true;
      if (!wanted.includes(variable) || seen.has(variable)) return false;
      seen.add(variable);
      return true;
    });
  const lineOf = (variable) => lines.findIndex((line) => ENV_LINE.exec(line)?.[1] === variable);
  names.forEach((name, i) => {
    if (lineOf(wanted[i]) >= 0) return;
    let at = -1;
    for (let j = i - 1; j >= 0 && at < 0; j--) {
      const k = lineOf(wanted[j]);
      if (k >= 0) at = k + 1;
    }
    if (at < 0) {
      const first = lines.findIndex((line) => ENV_LINE.test(line));
      at = first >= 0 ? first : lines.length;
    }
    lines.splice(at, 0, `${wanted[i]}=${envValue(action.inputs[name]?.default)}`);
  });
  return `${lines.join('\n')}\n`;
}

function main(argv) {
  const check = argv.includes('--check');
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
  const readmePath = join(root, 'README.md');
  const envPath = join(root, '.env.example');
  const readme = readFileSync(readmePath, 'utf8');
  const expectedReadme = render(readme, action);
  const env = readFileSync(envPath, 'utf8');
  const drift = envExampleDrift(env, action);
  const envInStep = drift.missing.length === 0 && drift.extra.length === 0 && drift.repeated.length === 0;

  if (check) {
    const problems = [];
    if (readme !== expectedReadme) {
      problems.push(`README.md is out of date: ${driftedSections(readme, expectedReadme).join(', ')} differ from action.yml.`);
    }
    for (const name of drift.missing) problems.push(`.env.example has no line ${inputVariable(name)}= for the input "${name}" of action.yml.`);
    for (const variable of drift.extra) problems.push(`.env.example has a line ${variable}=, but action.yml has no such input.`);
    for (const variable of drift.repeated) problems.push(`.env.example sets ${variable} more than once.`);
    if (problems.length === 0) {
      console.log('README.md and .env.example are in step with action.yml.');
      return 0;
    }
    console.error([...problems, 'Run `npm run docs` and commit the result.'].join('\n'));
    return 1;
  }

  if (readme !== expectedReadme) {
    writeFileSync(readmePath, expectedReadme);
    console.log('README.md: inputs and outputs tables rewritten from action.yml.');
  }
  if (!envInStep) {
    writeFileSync(envPath, syncEnvExample(env, action));
    const done = [
      ...drift.missing.map((name) => `added ${inputVariable(name)}`),
      ...drift.extra.map((variable) => `removed ${variable}`),
      ...drift.repeated.map((variable) => `removed the repeats of ${variable}`),
    ];
    console.log(`.env.example: ${done.join(', ')}. Add a comment where a value needs one.`);
  }
  if (readme === expectedReadme && envInStep) console.log('README.md and .env.example are in step with action.yml.');
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
