// Issue 18: misspelt inputs and options without effect fail; values from Graph cannot inject workflow
// commands or Markdown; TLS checks off and a GITHUB_API_URL outside GitHub are refused. Each before any
// request, each checked against what the emulator holds afterwards.
import { emulator, errorText, portalApps, REDIRECT_URI, run, type Emulator } from './harness.ts';
import { readAsRunner } from './runner-commands.ts';

const REPO = 'contoso/portal-infra';

describe('refused before any request', () => {
  let emu: Emulator;
  let token: string;
  beforeEach(async () => {
    emu = await emulator();
    token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
  });
  afterEach(async () => {
    await emu.close();
  });

  /** Nothing reached the emulator, and nothing is in it: no registration, no GitHub secret. */
  function expectNothingDone(): void {
    expect(emu.requests()).toEqual([]);
    expect(portalApps(emu)).toEqual([]);
    expect(emu.github.secretNames({ repository: REPO })).toEqual([]);
  }

  test('a misspelt input (secret-target) fails with "did you mean", instead of a green run that delivers to the step outputs', async () => {
    const result = await run(emu, { 'secret-target': 'repository', 'github-token': token });
    expect(result.exitCode).toBe(1);
    const error = errorText(result).split('\n');
    expect(error[0]).toBe("Unknown input 'secret-target': did you mean 'secrets-target'?");
    // The token, meant for repository secrets, is an option without effect with secrets-target none.
    expect(error).toContain('Invalid input: github-token: has no effect with secrets-target none (the client secret goes to the step outputs): it writes the GitHub secrets; remove it, or set secrets-target to repository, environment or organization');
    expect(result.outputs['client-secret']).toBeUndefined();
    expectNothingDone();
  });

  test('an option without effect (secrets-environment with secrets-target none) fails, naming the input, the target and what to do', async () => {
    const result = await run(emu, { 'secrets-environment': 'production' });
    expect(result.exitCode).toBe(1);
    expect(errorText(result)).toBe(
      'Invalid input: secrets-environment: "production" has no effect with secrets-target none (the client secret goes to the step outputs): it names the environment that receives the secrets; remove it, or set secrets-target to environment',
    );
    expectNothingDone();
  });

  test('NODE_TLS_REJECT_UNAUTHORIZED=0 is refused', async () => {
    const result = await run(emu, {}, { NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    expect(result.exitCode).toBe(1);
    expect(errorText(result)).toMatch(/^NODE_TLS_REJECT_UNAUTHORIZED is 0, which turns off TLS certificate checks/);
    expectNothingDone();
  });

  test('a GITHUB_API_URL outside the allow-list is refused: no request carries the token to it', async () => {
    // The emulator's GitHub service under a path: it would answer, but it is no API host of GitHub.
    const elsewhere = `${emu.urls.githubApiUrl}/api/v3`;
    const result = await run(emu, { 'secrets-target': 'repository', 'github-token': token }, { GITHUB_API_URL: elsewhere });
    expect(result.exitCode).toBe(1);
    expect(errorText(result)).toContain(`GITHUB_API_URL "${elsewhere}" is not an API host of GitHub`);
    expect(emu.requests().filter((r) => r.service === 'github')).toEqual([]);
    expectNothingDone();
  });
});

describe('a display name from Graph that holds workflow commands and Markdown', () => {
  const HOSTILE =
    'Portal\n::stop-commands::pwn3d0token\n::set-output name=client-id::hijacked\n  ::add-mask::Intrexx\n' +
    '##[set-env name=NODE_OPTIONS]--require=/tmp/x\r# All good [click](https://attacker.example/login) <img src=https://attacker.example/p.png>';
  let emu: Emulator;
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  const seed = () =>
    emu.graph.createApplication(
      { displayName: HOSTILE, uniqueName: 'intrexx-portal', web: { redirectUris: [REDIRECT_URI] }, isFallbackPublicClient: true },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );

  /** The runner acts only on the action's own commands, and masks the new secret. */
  function expectNoHijack(stdout: string, secret?: string): void {
    const runner = readAsRunner(stdout);
    expect(runner.skipped).toEqual([]);
    for (const command of runner.commands) expect(['add-mask', 'group', 'endgroup', 'warning', 'error', 'debug']).toContain(command.name);
    expect(runner.masked).not.toContain('Intrexx');
    if (secret) expect(runner.masked).toContain(secret);
    // The name is still shown, readable, with the command markers escaped.
    expect(stdout).toContain('::\\stop-commands::pwn3d0token');
    expect(stdout).toContain('##[\\set-env name=NODE_OPTIONS]');
  }

  test('is renamed, and the runner acts on no command of it: the new secret is masked, the outputs are the action\'s', async () => {
    const app = seed();
    // unique-name given: the registration is this portal's under another name, to be renamed.
    const result = await run(emu, { 'unique-name': 'intrexx-portal' });
    expect(errorText(result)).toBe('');
    const secret = emu.graph.secretTexts(app.id)[result.outputs['secret-key-id'] ?? ''];
    expect(secret).toBeDefined();
    expectNoHijack(result.stdout, secret);
    expect(result.outputs['client-id']).toBe(app.appId);
    expect(emu.graph.application(app.id)?.displayName).toBe('Intrexx Portal');
    // The summary names the old name as text: no link, image, HTML or heading of it.
    const change = result.summary.split('\n').filter((l) => l.startsWith('- rename the app registration from "Portal ::stop-commands::pwn3d0token'));
    expect(change).toHaveLength(1);
    expect(result.summary).not.toMatch(/\]\(https:\/\/attacker|<img|^# /m);
  });

  test('in a dry run, its row in the summary stays one row of text', async () => {
    seed();
    const result = await run(emu, { 'unique-name': 'intrexx-portal', 'dry-run': 'true' });
    expect(errorText(result)).toBe('');
    expectNoHijack(result.stdout);
    const rows = result.summary.split('\n').filter((l) => l.startsWith('| Application |'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('# All good &#91;click&#93;(https://attacker.example/login) &#60;img src=https://attacker.example/p.png&#62; |');
    expect(result.summary).not.toMatch(/\]\(https:\/\/attacker|<img|^# /m);
    expect(emu.graph.applications().find((a) => a.displayName === HOSTILE)).toBeDefined();
  });
});
