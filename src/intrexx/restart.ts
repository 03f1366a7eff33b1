/**
 * Restarting the portal service, only when asked and only after a change: the login module and
 * connectors read their files when the portal server starts ("Afterwards, the portal server needs to
 * be restarted", github.com/UnitedPlanet/intrexx-sample-oauth2-oidc-login-module, README; "Restart
 * the target portal service", github.com/UnitedPlanet/intrexx-sample-connector-api, README).
 *
 * Linux: the unit upixp_<portal>. United Planet's playbook linux/appserver_restart.yml
 * (github.com/UnitedPlanet/intrexx-cloud-playbooks) stops and starts that service with root rights;
 * `systemctl restart` does the same in one command. Without root it runs through `sudo -n`, so a
 * missing sudoers rule fails at once instead of waiting for a password.
 * Windows: "each portal on the Portal Server has its own service. The name of the service is
 * "Intrexx Portal [my portal]"" (onlinehelp.unitedplanet.com, help.2.architecture-intrexx.html);
 * the cloud playbook's windows/win_appserver_portal.yml instead names it upixp_<portal> with the
 * display name "Intrexx Portal". The command looks the given name up as a service name first and
 * as a display name second, so either works.
 */
import { execFile } from 'node:child_process';
import type { Restart } from './settings.ts';

export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  /** The command as a person would type it, for the log. */
  readonly display: string;
}

export interface CommandResult {
  /** The exit code; null when the command could not be started or was killed. */
  readonly code: number | null;
  /** stdout and stderr together. */
  readonly output: string;
}

/** Runs a command; tests hand in one that records instead (so no test ever runs systemctl). */
export type CommandRunner = (command: Command) => Promise<CommandResult>;

/** The command that restarts the portal service. */
export function restartCommand(restart: Restart, isRoot: boolean): Command {
  if (restart.mode === 'linux') {
    const args = ['restart', restart.service];
    if (isRoot) return { file: 'systemctl', args, display: `systemctl ${args.join(' ')}` };
    return { file: 'sudo', args: ['-n', 'systemctl', ...args], display: `sudo -n systemctl ${args.join(' ')}` };
  }
  // The service name was validated (letters, digits, space, _ . @ : -): it cannot end the quoted string.
  const name = restart.service.replace(/'/g, "''");
  const script = [
    "$ErrorActionPreference = 'Stop'",
    `$service = Get-Service -Name '${name}' -ErrorAction SilentlyContinue`,
    `if (-not $service) { $service = Get-Service -DisplayName '${name}' }`,
    'Restart-Service -InputObject $service',
  ].join('; ');
  return {
    file: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-Command', script],
    display: `Restart-Service "${restart.service}" (by service name, else display name)`,
  };
}

/** The default runner: the command without a shell, ten minutes at most. */
export const runCommand: CommandRunner = (command) =>
  new Promise((resolve) => {
    execFile(command.file, [...command.args], { timeout: 600_000, windowsHide: true }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (!error) return resolve({ code: 0, output });
      const code = typeof error.code === 'number' ? error.code : null;
      resolve({ code, output: output || error.message });
    });
  });

/** Runs the restart; throws with the command's output when it fails. */
export async function restartPortal(restart: Restart, runner: CommandRunner, isRoot: boolean): Promise<Command> {
  const command = restartCommand(restart, isRoot);
  const result = await runner(command);
  if (result.code === 0) return command;
  const hint =
    restart.mode === 'linux' && !isRoot
      ? ` The runner's user needs a sudoers rule such as "<runner user> ALL=(root) NOPASSWD: /usr/bin/systemctl restart ${restart.service}".`
      : '';
  throw new Error(`Restarting the portal failed: ${command.display} exited with ${result.code ?? 'no exit code'}: ${result.output.slice(-800)}.${hint}`);
}
