/**
 * The workflow commands a GitHub runner would act on in an action's stdout, read as the runner reads
 * them (github.com/actions/runner): lines split at "\n", "\r" or "\r\n" (.NET StreamReader.ReadLine in
 * src/Runner.Sdk/ProcessInvoker.cs); each line that holds "##[" or "::" tried as a command
 * (src/Runner.Worker/Handlers/OutputManager.cs, OnDataReceived): first as "::name props::data" after
 * leading white space (ActionCommand.TryParseV2), then as "##[name props]data" anywhere in the line
 * (ActionCommand.TryParse), both in src/Runner.Common/ActionCommand.cs; only registered names count,
 * in any case. stop-commands pauses every command until a line names its token
 * (src/Runner.Worker/ActionCommandManager.cs, TryProcessCommand). The runner compares culture-sensitively
 * where this port compares ordinally; the action's own output is ASCII where it matters.
 */

/** The commands the runner registers (ActionCommandManager.cs: stop-commands and each IActionCommandExtension). */
export const REGISTERED_COMMANDS = [
  'stop-commands', 'set-env', 'set-output', 'save-state', 'add-mask', 'add-path', 'add-matcher', 'remove-matcher',
  'debug', 'warning', 'error', 'notice', 'group', 'endgroup', 'echo',
] as const;

export interface RunnerCommand {
  /** Lower case. */
  readonly name: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly data: string;
  readonly line: string;
}

export interface RunnerView {
  /** The commands the runner would act on, in order (a stop-commands and its resuming token included). */
  readonly commands: readonly RunnerCommand[];
  /** Command lines the runner would skip because commands were stopped. */
  readonly skipped: readonly string[];
  /** The values ::add-mask:: would mask. */
  readonly masked: readonly string[];
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

function parse(line: string, registered: Set<string>): RunnerCommand | undefined {
  // TryParseV2: "::" after TrimStart() (.NET white space: JavaScript's \s and U+0085).
  const message = line.replace(/^[\s\u0085]+/, '');
  if (message.startsWith('::')) {
    const end = message.indexOf('::', 2);
    if (end >= 0) {
      const info = message.slice(2, end);
      const name = (info.includes(' ') ? info.slice(0, info.indexOf(' ')) : info).toLowerCase();
      if (registered.has(name)) {
        const properties = Object.fromEntries(
          (info.includes(' ') ? info.slice(info.indexOf(' ') + 1).trim() : '')
            .split(',')
            .filter((p) => p.includes('='))
            .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
        );
        return { name, properties, data: unescapeData(message.slice(end + 2)), line };
      }
    }
  }
  // TryParse, the legacy form: "##[" anywhere, up to the next "]".
  const prefix = line.indexOf('##[');
  const bracket = prefix < 0 ? -1 : line.indexOf(']', prefix);
  if (bracket < 0) return undefined;
  const info = line.slice(prefix + 3, bracket);
  const name = (info.includes(' ') ? info.slice(0, info.indexOf(' ')) : info).toLowerCase();
  return registered.has(name) ? { name, properties: {}, data: line.slice(bracket + 1), line } : undefined;
}

/** What the runner would do with this stdout. */
export function readAsRunner(stdout: string): RunnerView {
  const registered = new Set<string>(REGISTERED_COMMANDS);
  const commands: RunnerCommand[] = [];
  const skipped: string[] = [];
  const masked: string[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    if (!line.includes('##[') && !line.includes('::')) continue;
    const command = parse(line, registered);
    if (!command) continue;
    if (stopToken !== undefined) {
      if (command.name === stopToken.toLowerCase()) {
        commands.push(command);
        registered.delete(command.name);
        stopToken = undefined;
      } else {
        skipped.push(line);
      }
      continue;
    }
    commands.push(command);
    if (command.name === 'stop-commands') {
      stopToken = command.data;
      registered.add(command.data.toLowerCase());
    } else if (command.name === 'add-mask') {
      masked.push(command.data);
    }
  }
  return { commands, skipped, masked };
}
