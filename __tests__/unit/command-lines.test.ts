// Log lines that would parse as workflow commands are escaped (src/runtime.ts, escapeCommandLines);
// __tests__/e2e/runner-commands.ts reads stdout as the runner does.
import { actionsRuntime, escapeCommandLines } from '../../src/runtime.ts';
import { readAsRunner } from '../e2e/runner-commands.ts';

/** Each case: a message, e.g. a display name from Graph inside a log line, that holds a command. */
const HOSTILE: [string, string][] = [
  ['a command on a line of its own', 'Found "Portal\n::stop-commands::pwn3d0token" (client ID x)'],
  ['after a carriage return alone', 'Found "Portal\r::set-output name=client-id::hijacked"'],
  ['after CR LF', 'Portal\r\n::add-mask::Intrexx'],
  ['after spaces', 'Portal\n   ::add-mask::Intrexx'],
  ['after a tab', 'Portal\n\t::set-env name=NODE_OPTIONS::--require=/tmp/x'],
  ['after a no-break space', 'Portal\n\u00a0::error::fake failure'],
  ['after an em space', 'Portal\n\u2003::warning::fake warning'],
  ['after U+0085, white space to .NET', 'Portal\n\u0085::add-path::/tmp/evil'],
  ['at the very start', '::stop-commands::pwn3d0token'],
  ['in upper case', 'x\n::STOP-COMMANDS::pwn3d0token'],
  ['the legacy form anywhere in a line', 'renamed "Portal ##[set-output name=client-id]hijacked"'],
  ['the legacy form at the start', '##[add-mask]Intrexx'],
  ['both forms in one line', '::add-mask::x ##[add-mask]y'],
];

describe('escapeCommandLines', () => {
  test.each(HOSTILE)('%s: the runner acts on no command', (_case, message) => {
    // The case is real: unescaped, the runner would act on it.
    expect(readAsRunner(message).commands.length).toBeGreaterThan(0);
    expect(readAsRunner(escapeCommandLines(message)).commands).toEqual([]);
  });

  test('the escape is a backslash after the marker, as the runner escapes "##[start-action"', () => {
    expect(escapeCommandLines('x\n::stop-commands::pwn3d0token')).toBe('x\n::\\stop-commands::pwn3d0token');
    expect(escapeCommandLines('  ::add-mask::a')).toBe('  ::\\add-mask::a');
    expect(escapeCommandLines('a ##[group]b ##[endgroup]')).toBe('a ##[\\group]b ##[\\endgroup]');
  });

  test.each([
    'Found "Intrexx Portal" (client ID 3f2a9c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b, object ID b0b0) by uniqueName intrexx-portal.',
    'rename the app registration from "A::B" to "C: D"',
    'Failed to read application x: HTTP 404 Request_ResourceNotFound: Resource \'x\' does not exist.\nHint: check it',
    'a # comment, [brackets] and ::inner colons:: stay',
    '',
  ])('leaves ordinary text as it is: %j', (message) => {
    expect(escapeCommandLines(message)).toBe(message);
  });

  test('line breaks become "\\n": the runner splits at each kind alike', () => {
    expect(escapeCommandLines('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
});

describe("the runtime's info escapes every line it writes", () => {
  test('core.info gets the escaped message', () => {
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      actionsRuntime({}).info('Found "Portal\n::stop-commands::pwn3d0token"');
    } finally {
      process.stdout.write = write;
    }
    expect(written.join('')).toBe('Found "Portal\n::\\stop-commands::pwn3d0token"\n');
    expect(readAsRunner(written.join('')).commands).toEqual([]);
  });
});
