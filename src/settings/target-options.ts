import type { Inputs } from './inputs.ts';
import type { SecretsTarget } from './settings.ts';

/** The inputs that only shape GitHub secrets, and the targets each one has an effect with. */
const OPTIONS: readonly { name: string; targets: readonly SecretsTarget[]; what: string; fallback?: string }[] = [
  { name: 'github-token', targets: ['repository', 'environment', 'organization'], what: 'writes the GitHub secrets' },
  { name: 'secrets-repository', targets: ['repository', 'environment', 'organization'], what: 'names where the GitHub secrets go' },
  { name: 'secrets-environment', targets: ['environment'], what: 'names the environment that receives the secrets' },
  { name: 'secrets-visibility', targets: ['organization'], what: 'is the visibility of organization secrets', fallback: 'private' },
  { name: 'secret-name-prefix', targets: ['repository', 'environment', 'organization'], what: 'names the GitHub secrets', fallback: 'INTREXX_' },
];

/**
 * Fails each secrets option set while secrets-target makes it pointless (github-token with none: the
 * secret would go to the step outputs while the user meant it to go to GitHub secrets). Empty stays
 * fine, since a reusable workflow passes some inputs always (e.g. `github-token: ${{ a || b }}`). So does
 * an input's default: the runner passes action.yml's default for an input the step does not give
 * (github.com/actions/runner, src/Runner.Worker/ActionRunner.cs, "Merge the default inputs"), so
 * `secrets-visibility: private` cannot be told from no value. An input that already has a problem is
 * not named twice.
 */
export function checkTargetOptions(target: SecretsTarget, { input, problems, fail }: Inputs): void {
  for (const option of OPTIONS) {
    if (option.targets.includes(target)) continue;
    const value = input(option.name);
    if (value === '' || value.toUpperCase() === option.fallback?.toUpperCase()) continue;
    if (problems.some((p) => p.startsWith(`${option.name}: `))) continue;
    const shown = option.name === 'github-token' ? '' : `"${value}" `;
    const why = target === 'none' ? ' (the client secret goes to the step outputs)' : target === 'key-vault' ? ' (the client secret goes to the Key Vault)' : '';
    const fix = `set secrets-target to ${option.targets.slice(0, -1).join(', ')}${option.targets.length > 1 ? ' or ' : ''}${option.targets.at(-1)}`;
    fail(option.name, `${shown}has no effect with secrets-target ${target}${why}: it ${option.what}; remove it, or ${fix}`);
  }
}
