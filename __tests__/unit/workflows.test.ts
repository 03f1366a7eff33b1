/**
 * The reusable workflow (.github/workflows/register-portals.yml) rendered as GitHub would use it: its
 * portal-list check and its token choice run for real, the GitHub App token wired into the action's
 * github-token, every `inputs.*`, `secrets.*`, `matrix.portal.*` and `needs.*.outputs.*` it reads
 * declared, and actionlint plus scripts/validate-workflows.mjs passing. Then the examples against the
 * setup documents (environment-scoped credentials), the two-phase examples' job chain, every third-party
 * action pinned by commit SHA and kept current by Dependabot, and the one statement of the token
 * permissions in README.md, action.yml and the runtime hint.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { SECRETS_TOKEN_HINT, TOKEN_PERMISSIONS, TOKEN_REQUIREMENT } from '../../src/github/secrets-api.ts';
import { deriveUniqueName } from '../../src/settings/read-settings.ts';
import { SETUP_DOCS, settingsNotCreated, unpinnedActions } from '../../scripts/validate-workflows.mjs';

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
  if?: string;
  'runs-on'?: string | string[];
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

// --- The portal-list check and the token choice, run as the runner runs them (`shell: node {0}`) ---------

interface CheckRun {
  status: number | null;
  errors: string[];
  outputs: Record<string, string>;
  portals: Record<string, string>[];
}

function scriptStep(workflow: Workflow, id: string): Step {
  const step = Object.values(workflow.jobs)
    .flatMap((j) => j.steps ?? [])
    .find((s) => s.id === id);
  if (!step?.run) throw new Error(`register-portals.yml has no step with id "${id}" and a run script`);
  return step;
}

/** Runs the check step's script with the env the workflow gives it (inputs filled in). */
function runCheck(portals: unknown, given: { jobEnvironment?: string } = {}, workflow = load()): CheckRun {
  return runScript(scriptStep(workflow, 'check'), {
    PORTALS: typeof portals === 'string' ? portals : JSON.stringify(portals),
    JOB_ENVIRONMENT: given.jobEnvironment ?? '',
  });
}

/**
 * Runs the register job's token step as a job in `environment` would: the App's client ID from the input
 * or the variable, and whether the App's key and secrets-token arrived there.
 */
function runToken(given: { environment?: string; clientIdInput?: string; clientIdVariable?: string; appKey?: boolean; token?: boolean }, workflow = load()): CheckRun {
  return runScript(scriptStep(workflow, 'token'), {
    JOB_ENVIRONMENT: given.environment ?? 'entra-rotation',
    APP_CLIENT_ID_INPUT: given.clientIdInput ?? '',
    APP_CLIENT_ID: given.clientIdInput || given.clientIdVariable || '',
    HAS_APP_PRIVATE_KEY: String(given.appKey ?? false),
    HAS_TOKEN: String(given.token ?? false),
  });
}

function runScript(step: Step, given: Record<string, string>): CheckRun {
  expect(step.shell).toBe('node {0}');
  const dir = mkdtempSync(path.join(tmpdir(), 'portals-check-'));
  try {
    const script = path.join(dir, 'check');
    writeFileSync(script, step.run ?? '');
    writeFileSync(path.join(dir, 'output'), '');
    const env = {
      PATH: process.env.PATH ?? '',
      ...given,
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
    const run = runCheck([portal()], { jobEnvironment: 'entra-rotation' });
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

  test('the check job reads no secret: a secret kept in an environment is empty in a job outside it', () => {
    const check = Object.values(load().jobs).find((j) => (j.steps ?? []).some((s) => s.id === 'check'))!;
    expect(expressions(check).filter((e) => /\bsecrets\./.test(e))).toEqual([]);
  });
});

describe('register-portals.yml: each portal job chooses its token where the environment secrets are visible', () => {
  test('exactly one way to get the secrets token: a GitHub App (client ID and key) or secrets-token', () => {
    expect(runToken({ clientIdVariable: 'Iv23li0000', appKey: true }).outputs.source).toBe('app');
    expect(runToken({ clientIdInput: 'Iv23li0000', appKey: true }).outputs.source).toBe('app');
    expect(runToken({ token: true }).outputs.source).toBe('pat');
    // A client ID variable left over in the repository does not stand in the way of a token.
    expect(runToken({ clientIdVariable: 'Iv23li0000', token: true }).outputs.source).toBe('pat');
    expect(runToken({ appKey: true, token: true }).errors).toEqual([expect.stringMatching(/not both$/)]);
    expect(runToken({ clientIdInput: 'Iv23li0000', token: true }).errors).toEqual([expect.stringMatching(/not both$/)]);
  });

  test('a missing key or client ID names the job environment where it is looked for', () => {
    const none = runToken({ environment: 'entra-rotation' });
    expect(none.status).toBe(1);
    expect(none.outputs.source).toBeUndefined();
    expect(none.errors).toEqual([expect.stringMatching(/^no token may write the environment secrets: .*job environment "entra-rotation".*SECRETS_APP_PRIVATE_KEY/)]);
    expect(runToken({ clientIdInput: 'Iv23li0000' }).errors).toEqual([expect.stringMatching(/^secrets-app-client-id is set, but the secret secrets-app-private-key is empty in the job environment "entra-rotation"/)]);
    expect(runToken({ appKey: true }).errors).toEqual([expect.stringMatching(/^the GitHub App's private key arrived but not its client ID: set the variable SECRETS_APP_CLIENT_ID/)]);
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
  const tokenAt = steps.findIndex((s) => /^actions\/create-github-app-token@[0-9a-f]{40}$/.test(s.uses ?? ''));
  if (tokenAt < 0 || tokenAt > actionAt) return ['no actions/create-github-app-token step before the action'];
  const tokenStep = steps[tokenAt] ?? {};
  const chooserAt = steps.findIndex((s) => s.id === 'token');
  const inputOf = (value: unknown, context: 'inputs' | 'secrets') => new RegExp(`^\\$\\{\\{\\s*${context}\\.([\\w-]+)\\s*\\}\\}$`).exec(String(value ?? ''))?.[1];
  // The client ID: the input, else the variable as the job (in its environment) sees it.
  const clientId = /^\$\{\{\s*inputs\.([\w-]+)\s*\|\|\s*vars\.SECRETS_APP_CLIENT_ID\s*\}\}$/.exec(String(tokenStep.with?.['client-id'] ?? ''))?.[1];
  const key = inputOf(tokenStep.with?.['private-key'], 'secrets');
  if (!clientId || !(clientId in call.inputs)) problems.push('client-id is not a declared input falling back to vars.SECRETS_APP_CLIENT_ID');
  if (!key || !(key in call.secrets)) problems.push('private-key is not a declared secret');
  if (tokenStep.with?.['permission-environments'] !== 'write') problems.push('the token is not limited to permission-environments: write');
  if (!tokenStep.id) problems.push('the app-token step has no id');
  if (chooserAt < 0 || chooserAt > tokenAt) problems.push('no step with id "token" chooses the token before the app-token step');
  if (!/^\$\{\{\s*steps\.token\.outputs\.source\s*==\s*'app'\s*\}\}$/.test(String(tokenStep.if ?? ''))) problems.push("the app-token step does not run exactly when the token step chose 'app'");
  if (!job?.environment) problems.push('the job that reads the App key runs in no environment');
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

    const outside = load();
    delete Object.values(outside.jobs).find((j) => (j.steps ?? []).some(ownAction))!.environment;
    expect(appTokenProblems(outside)).toEqual(['the job that reads the App key runs in no environment']);

    const repositoryWide = load();
    const tokenStep = Object.values(repositoryWide.jobs).flatMap((j) => j.steps ?? []).find((s) => s.id === 'app-token')!;
    tokenStep.with!['client-id'] = '${{ inputs.secrets-app-client-id }}';
    expect(appTokenProblems(repositoryWide)).toEqual(['client-id is not a declared input falling back to vars.SECRETS_APP_CLIENT_ID']);
  });
});

// --- Everything read is declared --------------------------------------------------------------------------

function undeclared(workflow: Workflow): string[] {
  const call = workflow.on.workflow_call;
  const portalFields = Object.keys(runCheck([portal()], {}, workflow).portals[0] ?? {});
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

// --- The examples and the setup documents -------------------------------------------------------------

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ rel: `examples/${f}`, text: readFileSync(path.join(ROOT, 'examples', f), 'utf8') }));
const SETUP = SETUP_DOCS.map((rel) => ({ rel, text: readFileSync(path.join(ROOT, rel), 'utf8') }));
const WORKFLOW_FILES = readdirSync(path.join(ROOT, '.github', 'workflows'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ rel: `.github/workflows/${f}`, text: readFileSync(path.join(ROOT, '.github', 'workflows', f), 'utf8') }));

/** Runs the validator on a changed copy of an example, under its own file name. */
function validateChanged(rel: string, change: (text: string) => string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'example-'));
  try {
    const file = path.join(dir, path.basename(rel));
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    const changed = change(text);
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    return validate(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('examples', () => {
  test('every variable and secret an example uses is created in the setup documents, credentials in an environment', () => {
    expect(settingsNotCreated(EXAMPLES, SETUP)).toEqual([]);
  });

  test('a variable the setup never creates, or a credential created for the whole repository, is reported', () => {
    const example = {
      rel: 'examples/x.yml',
      text: 'with:\n  a: ${{ vars.AZURE_TENANT_ID }}\n  b: ${{ vars.NOT_SET_ANYWHERE }}\n  c: ${{ secrets.GITHUB_TOKEN }}\n  d: ${{ secrets.INTREXX_CLIENT_SECRET }}\n  e: ${{ secrets.SECRETS_APP_PRIVATE_KEY }}\n  f: ${{ vars.SECRETS_APP_CLIENT_ID }}\n',
    };
    const repositoryWide = SETUP.map((doc) => ({ ...doc, text: doc.text.replace(/ --env entra-rotation/g, '') }));
    expect(settingsNotCreated([example], repositoryWide)).toEqual([
      expect.stringContaining('uses vars.NOT_SET_ANYWHERE, but docs/setup.md or docs/two-phase.md never runs `gh variable set NOT_SET_ANYWHERE`'),
      expect.stringContaining('uses secrets.SECRETS_APP_PRIVATE_KEY, which must be an environment secret'),
      expect.stringContaining('uses vars.SECRETS_APP_CLIENT_ID, which must be an environment variable'),
    ]);
    // The secrets the action writes (INTREXX_*) need no setup; GITHUB_TOKEN is GitHub's own.
    expect(settingsNotCreated([example], SETUP)).toEqual([expect.stringContaining('vars.NOT_SET_ANYWHERE')]);
  });

  test('the setup gives every environment with a federated credential a branch policy, and trusts environment subjects only', () => {
    const setup = SETUP[0]!.text;
    const credentials = [...setup.matchAll(/add_subject [\w-]+ +"repo:[^":]+:([^"]+)"/g)].map((m) => m[1]!);
    expect(credentials.length).toBeGreaterThan(0);
    for (const subject of credentials) expect(subject).toMatch(/^environment:/);
    const environments = new Set(credentials.map((subject) => subject.replace(/^environment:/, '')));
    for (const environment of environments) expect(setup).toMatch(new RegExp(`^only_default_branch ${environment}\\b`, 'm'));
    expect(setup).toContain("-F 'deployment_branch_policy[custom_branch_policies]=true'");
    expect(setup).toMatch(/deployment-branch-policies" -f name="\$BRANCH" -f type=branch/);
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
    expect(comments).toMatch(/at least grace-period-days \((default )?7\) after (its replacement was made|the portal's use of its replacement was confirmed)/);
    expect(comments).toMatch(/as one of the keep-secrets \(2\) newest secrets .* until the rotation after that adds a third; never past its own expiry/);
  });

  test('a job that reads a secret outside an environment fails validation', () => {
    const result = validateChanged('examples/rotate-secrets.yml', (text) => text.replace(/^ {4}environment: entra-rotation\n/m, ''));
    expect(result.status).toBe(1);
    expect(result.output).toContain('job "rotate" reads secrets.SECRETS_APP_PRIVATE_KEY but runs in no environment');
  });
});

// --- Two-phase rotation ---------------------------------------------------------------------------------

interface TwoPhase {
  jobs: Record<string, Job>;
}

const phaseOf = (step: Step) => (ownAction(step) ? String(step.with?.['secret-phase'] ?? 'rotate-and-retire') : undefined);
const writes = (step: Step) => /^[\w.-]+\/intrexx-entra-registration-action\/intrexx@/.test(step.uses ?? '');

/**
 * What is wrong with a two-phase example: a job rotates (secret-phase rotate), a later job retires
 * (secret-phase retire) the same registration and destination, and between them a job either writes the
 * portal's configuration on the portal host or waits for a person in the environment portal-confirmed.
 * Each depends on the one before through `needs:` alone: no status function (always(), failure(),
 * cancelled()) lets a job run after one that failed.
 */
function twoPhaseProblems(workflow: TwoPhase): string[] {
  const problems: string[] = [];
  const jobs = workflow.jobs;
  const withPhase = (phase: string) => Object.entries(jobs).filter(([, j]) => (j.steps ?? []).some((s) => phaseOf(s) === phase));
  const [rotate] = withPhase('rotate');
  const [retire] = withPhase('retire');
  if (!rotate) return ['no job rotates with secret-phase rotate'];
  if (!retire) return ['no job retires with secret-phase retire'];
  const needs = (id: string) => [jobs[id]?.needs ?? []].flat();
  const before = (id: string): Set<string> => new Set(needs(id).flatMap((n) => [n, ...before(n)]));
  const gates = [...before(retire[0])].filter((id) => {
    const job = jobs[id]!;
    return (job.steps ?? []).some(writes) || String(job.environment ?? '').toLowerCase() === 'portal-confirmed';
  });
  if (!before(retire[0]).has(rotate[0])) problems.push(`job "${retire[0]}" does not need job "${rotate[0]}"`);
  if (gates.length === 0) problems.push(`job "${retire[0]}" needs no job that writes the portal or waits in portal-confirmed`);
  for (const gate of gates) if (!before(gate).has(rotate[0])) problems.push(`job "${gate}" does not need job "${rotate[0]}"`);
  for (const [id, job] of Object.entries(jobs)) {
    if (/\b(always|failure|cancelled)\s*\(/.test(String(job.if ?? ''))) problems.push(`job "${id}" runs whatever happened before it: if: ${job.if}`);
  }
  const writer = Object.values(jobs).flatMap((j) => j.steps ?? []).find(writes);
  if (writer) {
    const runsOn = [Object.values(jobs).find((j) => (j.steps ?? []).includes(writer))?.['runs-on'] ?? []].flat();
    if (!runsOn.includes('self-hosted')) problems.push('the writer does not run on a self-hosted runner');
  }
  const stepOf = ([, job]: [string, Job]) => (job.steps ?? []).find(ownAction)!.with ?? {};
  for (const key of ['unique-name', 'portal-base-url', 'secrets-target', 'secrets-environment', 'require-confirmation']) {
    if (stepOf(rotate)[key] !== stepOf(retire)[key]) problems.push(`rotate and retire differ in ${key}`);
  }
  return problems;
}

const TWO_PHASE = ['examples/rotate-two-phase.yml', 'examples/rotate-two-phase-manual.yml'];
const loadExample = (rel: string) => parse(readFileSync(path.join(ROOT, rel), 'utf8')) as TwoPhase;

describe('two-phase examples: rotate, then the portal, then retire, each only after the one before succeeded', () => {
  test.each(TWO_PHASE)('%s', (rel) => {
    expect(twoPhaseProblems(loadExample(rel))).toEqual([]);
  });

  test('the portal host writes the secrets the rotation delivered, with the writer inputs intrexx/action.yml declares', () => {
    const workflow = loadExample('examples/rotate-two-phase.yml');
    const rotate = Object.values(workflow.jobs).find((j) => (j.steps ?? []).some((s) => phaseOf(s) === 'rotate'))!;
    const write = Object.values(workflow.jobs).find((j) => (j.steps ?? []).some(writes))!;
    const delivered = (rotate.steps ?? []).find(ownAction)!.with!;
    expect(delivered['secrets-target']).toBe('environment');
    expect(write.environment).toBe(delivered['secrets-environment']);
    expect([write['runs-on']].flat()).toEqual(['self-hosted', 'intrexx']);
    const writer = parse(readFileSync(path.join(ROOT, 'intrexx', 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    const given = (write.steps ?? []).find(writes)!.with!;
    for (const name of Object.keys(given)) expect(Object.keys(writer.inputs)).toContain(name);
    expect(given).toMatchObject({ 'client-id': '${{ secrets.INTREXX_CLIENT_ID }}', 'client-secret': '${{ secrets.INTREXX_CLIENT_SECRET }}', 'tenant-id': '${{ secrets.INTREXX_TENANT_ID }}' });
  });

  test('a chain cut short, a job run after a failure, or a retire of another destination is found', () => {
    const always = loadExample('examples/rotate-two-phase.yml');
    always.jobs.retire!.if = '${{ always() }}';
    expect(twoPhaseProblems(always)).toEqual(['job "retire" runs whatever happened before it: if: ${{ always() }}']);

    const skipped = loadExample('examples/rotate-two-phase.yml');
    skipped.jobs.retire!.needs = 'rotate';
    expect(twoPhaseProblems(skipped)).toEqual(['job "retire" needs no job that writes the portal or waits in portal-confirmed']);

    const unconfirmed = loadExample('examples/rotate-two-phase-manual.yml');
    unconfirmed.jobs.confirm!.environment = 'entra-rotation';
    expect(twoPhaseProblems(unconfirmed)).toEqual(['job "retire" needs no job that writes the portal or waits in portal-confirmed']);

    const elsewhere = loadExample('examples/rotate-two-phase.yml');
    (elsewhere.jobs.retire!.steps ?? []).find(ownAction)!.with!['secrets-environment'] = 'production';
    expect(twoPhaseProblems(elsewhere)).toEqual(['rotate and retire differ in secrets-environment']);
  });

  test('the validator checks the writer step against intrexx/action.yml', () => {
    const result = validateChanged('examples/rotate-two-phase.yml', (text) =>
      text.replace('          portal-dir: /opt/intrexx/org/intranet\n', '          portal-folder: /opt/intrexx/org/intranet\n').replace('steps.writer.outputs.restarted', 'steps.writer.outputs.rebooted'),
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('the Intrexx configuration writer (intrexx/action.yml) has no input "portal-folder"');
    expect(result.output).toContain('the Intrexx configuration writer (intrexx/action.yml) requires input "portal-dir"');
    expect(result.output).toContain('steps.writer.outputs.rebooted: the Intrexx configuration writer (intrexx/action.yml) has no output "rebooted"');
  });
});

// --- Third-party actions pinned by commit, kept current by Dependabot --------------------------------------

describe('third-party actions', () => {
  test('every action from outside this repository is pinned by full commit SHA with its release tag in a comment', () => {
    expect(unpinnedActions([...WORKFLOW_FILES, ...EXAMPLES])).toEqual([]);
    const uses = [...WORKFLOW_FILES, ...EXAMPLES].flatMap((f) => [...f.text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)/gm)].map((m) => m[1]!));
    expect(uses.filter((u) => /@[0-9a-f]{40}$/.test(u)).length).toBeGreaterThan(0);
  });

  test('a tag, a branch, a short SHA or a missing tag comment is reported; local and placeholder references are not', () => {
    const sha = 'fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09';
    const file = {
      rel: 'x.yml',
      text: [
        '      - uses: actions/checkout@v5',
        '      - uses: actions/checkout@main # v5.1.0',
        `      - uses: actions/checkout@${sha.slice(0, 7)} # v5.1.0`,
        `      - uses: actions/checkout@${sha}`,
        `      - uses: actions/checkout@${sha} # v5`,
        `      - uses: actions/checkout@${sha} # v5.1.0`,
        `        uses: 'actions/checkout@${sha}' # v5.1.0`,
        `    uses: octo-org/workflows/.github/workflows/deploy.yml@${sha} # v1.2.3`,
        '      - uses: ./',
        '    uses: ./.github/workflows/register-portals.yml',
        '      - uses: your-org/intrexx-entra-registration-action@v1',
        '      - uses: your-org/intrexx-entra-registration-action/intrexx@v1',
        '    uses: your-org/intrexx-entra-registration-action/.github/workflows/register-portals.yml@v1',
        '      - uses: somebody/intrexx-entra-registration-action@v1',
        '      # uses: actions/checkout@v5',
      ].join('\n'),
    };
    expect(unpinnedActions([file]).map((p) => p.slice(0, p.indexOf(':', 'x.yml:'.length)))).toEqual(['x.yml:1 uses actions/checkout@v5', 'x.yml:2 uses actions/checkout@main # v5.1.0', `x.yml:3 uses actions/checkout@${sha.slice(0, 7)} # v5.1.0`, `x.yml:4 uses actions/checkout@${sha}`, `x.yml:5 uses actions/checkout@${sha} # v5`, 'x.yml:14 uses somebody/intrexx-entra-registration-action@v1']);
  });

  test("Dependabot's github-actions updates cover the workflows and the examples", () => {
    const config = parse(readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as { updates: { 'package-ecosystem': string; directory?: string; directories?: string[] }[] };
    const actions = config.updates.filter((u) => u['package-ecosystem'] === 'github-actions');
    const directories = actions.flatMap((u) => u.directories ?? (u.directory ? [u.directory] : []));
    expect(directories).toEqual(expect.arrayContaining(['/', '/examples']));
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

describe('register-portals.yml: the results of all portals, with their deadlines', () => {
  /** Runs a `shell: node {0}` step in `dir`, as the runner would in the job's workspace. */
  function runIn(dir: string, step: Step, env: Record<string, string>): { status: number | null; outputs: string; summary: string } {
    const script = path.join(dir, `${step.id}.cjs`);
    writeFileSync(script, step.run ?? '');
    for (const f of ['output', 'summary']) writeFileSync(path.join(dir, f), '');
    const result = spawnSync(NODE, [script], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env, GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary') }, encoding: 'utf8' });
    return { status: result.status, outputs: readFileSync(path.join(dir, 'output'), 'utf8'), summary: readFileSync(path.join(dir, 'summary'), 'utf8') };
  }

  test('each portal records its outcome, rotated and reconfigure-by; the report job lists them and names the earliest deadline', () => {
    const workflow = load();
    const outputs = (workflow.on.workflow_call as unknown as { outputs: Record<string, { value: string }> }).outputs;
    expect(outputs.results?.value).toBe('${{ jobs.report.outputs.results }}');
    expect(outputs['reconfigure-by']?.value).toBe('${{ jobs.report.outputs.reconfigure-by }}');
    const record = scriptStep(workflow, 'record');
    expect(record.if).toContain('always()');
    expect(record.env?.RECONFIGURE_BY).toBe('${{ steps.entra.outputs.reconfigure-by }}');
    const dir = mkdtempSync(path.join(tmpdir(), 'portals-report-'));
    try {
      const leg = (key: string, extra: Record<string, string>) =>
        runIn(dir, record, { APP_NAME: `Portal ${key} | <b>`, KEY: key, ENVIRONMENT: key, OUTCOME: 'success', CLIENT_ID: `client-${key}`, ROTATED: 'true', RECONFIGURE_BY: '', SECRET_KEY_ID: `k-${key}`, ...extra });
      expect(leg('b', { RECONFIGURE_BY: '2027-03-02T10:00:00.000Z' }).status).toBe(0);
      expect(leg('a', { RECONFIGURE_BY: '2027-02-20T10:00:00.000Z' }).status).toBe(0);
      expect(leg('c', { OUTCOME: 'failure', ROTATED: '' }).status).toBe(0);
      const report = runIn(dir, scriptStep(workflow, 'collect'), {});
      expect(report.status).toBe(0);
      const results = JSON.parse(/^results=(.*)$/m.exec(report.outputs)?.[1] ?? '[]') as Record<string, string>[];
      expect(results.map((r) => [r.unique_name, r.outcome, r.rotated, r.reconfigure_by])).toEqual([
        ['a', 'success', 'true', '2027-02-20T10:00:00.000Z'],
        ['b', 'success', 'true', '2027-03-02T10:00:00.000Z'],
        ['c', 'failure', 'false', ''],
      ]);
      expect(report.outputs).toMatch(/^reconfigure-by=2027-02-20T10:00:00.000Z$/m);
      expect(report.summary).toContain('the earliest is 2027-02-20T10:00:00.000Z');
      // A portal's name from the list cannot break the table or add markup.
      expect(report.summary).toContain('| Portal a &#124; &#60;b&#62; |');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
