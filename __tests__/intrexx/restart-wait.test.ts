import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { restartCommand, restartPortal, runCommand, type Command } from '../../src/intrexx/restart.ts';
import { waitForPortal } from '../../src/intrexx/wait.ts';

describe('restart commands', () => {
  test.each([
    [true, { file: 'systemctl', args: ['restart', 'upixp_intranet'] }],
    [false, { file: 'sudo', args: ['-n', 'systemctl', 'restart', 'upixp_intranet'] }],
  ])('Linux (root: %s) restarts the upixp_<portal> unit', (isRoot, expected) => {
    expect(restartCommand({ mode: 'linux', service: 'upixp_intranet' }, isRoot)).toMatchObject(expected);
  });

  test('Windows restarts the service found by service name, else by display name, through PowerShell', () => {
    const command = restartCommand({ mode: 'windows', service: 'Intrexx Portal intranet' }, false);
    expect(command.file).toBe('powershell.exe');
    expect(command.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    const script = command.args[3];
    expect(script).toContain("Get-Service -Name 'Intrexx Portal intranet' -ErrorAction SilentlyContinue");
    expect(script).toContain("Get-Service -DisplayName 'Intrexx Portal intranet'");
    expect(script).toContain('Restart-Service -InputObject $service');
  });

  test('a failed restart names the command, its output and, without root, the sudoers rule needed', async () => {
    const ran: Command[] = [];
    const failing = async (command: Command) => {
      ran.push(command);
      return { code: 1, output: 'sudo: a password is required' };
    };
    await expect(restartPortal({ mode: 'linux', service: 'upixp_intranet' }, failing, false)).rejects.toThrow(
      /sudo -n systemctl restart upixp_intranet exited with 1: sudo: a password is required\..*NOPASSWD: \/usr\/bin\/systemctl restart upixp_intranet/,
    );
    expect(ran).toHaveLength(1);
  });

  test('the default runner reports exit code and output (run on node, never on systemctl)', async () => {
    const result = await runCommand({ file: process.execPath, args: ['-e', 'console.log("portal"); process.exit(3)'], display: 'node' });
    expect(result).toEqual({ code: 3, output: 'portal' });
    expect(await runCommand({ file: process.execPath, args: ['-e', ''], display: 'node' })).toEqual({ code: 0, output: '' });
  });
});

describe('waiting for the portal', () => {
  let server: Server;
  let statuses: number[];
  let requests = 0;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      const status = statuses.shift() ?? 200;
      res.writeHead(status, status === 302 ? { location: '/login' } : {}).end('…');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = 0;
  });

  /** A clock that only moves when the writer sleeps. */
  function clock() {
    let now = 0;
    return { now: () => now, sleep: async (ms: number) => void (now += ms) };
  }

  test('answers of 500 and above mean "not yet"; the first answer below 500 (here a redirect) means up', async () => {
    statuses = [503, 502, 302];
    const up = await waitForPortal({ url, timeoutSeconds: 60 }, { fetch, ...clock() });
    expect(up).toEqual({ status: 302, seconds: 4, attempts: 3 });
    expect(requests).toBe(3);
  });

  test('gives up at the timeout, saying what the portal last answered', async () => {
    statuses = Array(100).fill(503);
    await expect(waitForPortal({ url, timeoutSeconds: 10 }, { fetch, ...clock() })).rejects.toThrow(
      `The portal did not answer ${url} with a status below 500 within 10 s (5 attempts; last: HTTP 503).`,
    );
  });

  test('a refused connection is "not yet" too', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(waitForPortal({ url: `http://127.0.0.1:${port}/`, timeoutSeconds: 4 }, { fetch, ...clock() })).rejects.toThrow(/last: ECONNREFUSED/);
  });
});
