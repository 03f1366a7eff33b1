import { SettingsError } from '../../src/intrexx/errors.ts';
import { parseSettings, type Settings } from '../../src/intrexx/settings.ts';
import { CLIENT_ID, SECRET, TENANT } from './helpers.ts';

const BASE: Readonly<Record<string, string>> = {
  'portal-dir': '/opt/intrexx/org/intranet',
  target: 'om-cfg',
  provider: 'azure',
  'client-id': CLIENT_ID,
  'client-secret': SECRET,
  'tenant-id': TENANT,
};

function settings(overrides: Record<string, string> = {}): Settings {
  const inputs: Record<string, string> = { ...BASE, ...overrides };
  return parseSettings((name) => inputs[name] ?? '');
}

function problems(overrides: Record<string, string>): readonly string[] {
  try {
    settings(overrides);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error('the inputs were accepted');
}

describe('parseSettings', () => {
  test('om.cfg with defaults: no restart, no wait, not a dry run', () => {
    expect(settings()).toEqual({
      portalDir: '/opt/intrexx/org/intranet',
      target: { kind: 'om-cfg', provider: 'azure' },
      desired: { clientId: CLIENT_ID, clientSecret: SECRET, tenantId: TENANT },
      dryRun: false,
      warnings: [],
    });
  });

  test('connector: ".xml" is added when left out', () => {
    expect(settings({ target: 'connector', provider: '', connector: 'msoffice365_mail' }).target).toEqual({ kind: 'connector', fileName: 'msoffice365_mail.xml' });
    expect(settings({ target: 'connector', provider: '', connector: 'msoffice365_mail.xml' }).target).toEqual({ kind: 'connector', fileName: 'msoffice365_mail.xml' });
  });

  test.each([
    ['linux', {}, { mode: 'linux', service: 'upixp_intranet' }],
    ['windows', {}, { mode: 'windows', service: 'Intrexx Portal intranet' }],
    ['linux', { 'portal-service': 'upixp_other' }, { mode: 'linux', service: 'upixp_other' }],
    ['windows', { 'portal-dir': 'C:/intrexx/org/intranet/' }, { mode: 'windows', service: 'Intrexx Portal intranet' }],
  ])('restart %s derives the service from the portal folder unless portal-service names it', (mode, extra, restart) => {
    expect(settings({ restart: mode, ...extra }).restart).toEqual(restart);
  });

  test('wait-url and its timeout apply after a restart', () => {
    expect(settings({ restart: 'linux', 'wait-url': 'http://localhost:1337', 'wait-timeout-seconds': '90' }).wait).toEqual({ url: 'http://localhost:1337/', timeoutSeconds: 90 });
    const unused = settings({ 'wait-url': 'http://localhost:1337' });
    expect(unused.wait).toBeUndefined();
    expect(unused.warnings).toEqual([expect.stringContaining('wait-url is used only after a restart')]);
  });

  test('inputs of the other target are named in a warning', () => {
    expect(settings({ connector: 'x' }).warnings).toEqual(['connector is ignored with target: om-cfg.']);
  });

  test('every problem is reported at once, naming the input and the valid values', () => {
    expect(
      problems({ 'portal-dir': '', target: 'om.cfg', 'client-id': 'not-a-guid', restart: 'systemd', 'dry-run': 'yes', 'wait-timeout-seconds': '0', 'wait-url': 'ftp://x' }),
    ).toEqual([
      'portal-dir is required: the portal folder, e.g. /opt/intrexx/org/myportal.',
      'target must be one of om-cfg, connector (got "om.cfg").',
      'client-id must be the application (client) ID, a GUID such as 00000000-0000-0000-0000-000000000000.',
      'restart must be one of none, linux, windows (got "systemd").',
      "wait-url must be the portal's base URL, http(s)://host[:port]/path, without user or password.",
      'wait-timeout-seconds must be a whole number from 1 to 3600 (got "0").',
      'dry-run must be true or false (got "yes").',
    ]);
  });

  test.each([
    ['target om-cfg without provider', { provider: '' }, /provider is required with target: om-cfg/],
    ['a provider name with a quote', { provider: 'az"ure' }, /provider must be a plain name/],
    ['target connector without connector', { target: 'connector' }, /connector is required with target: connector/],
    ['a connector path instead of a file name', { target: 'connector', connector: '../template/msoffice365' }, /connector must be a file name/],
    ['a tenant that would break the URL', { 'tenant-id': 'contoso/../x' }, /tenant-id must be the directory \(tenant\) ID/],
    ['a Linux service with a space', { restart: 'linux', 'portal-service': 'Intrexx Portal x' }, /portal-service must be a service name/],
    ['a Windows service with a quote', { restart: 'windows', 'portal-service': "x'; Stop-Computer; '" }, /portal-service must be a service name/],
    ['a client secret with a space', { 'client-secret': 'FAKE secret' }, /client-secret must be 1 to 255 printable ASCII/],
    ["the secret's ID instead of its value", { 'client-secret': '11111111-2222-3333-4444-555555555555' }, /that is the secret's ID, not its value/],
  ])('refuses %s', (_what, overrides, message) => {
    expect(problems(overrides).join('\n')).toMatch(message);
  });

  test('no problem message quotes the client secret', () => {
    const bad = 'FAKE secret with spaces-0042';
    const text = problems({ 'client-secret': bad, 'client-id': '' }).join('\n');
    expect(text).not.toContain('FAKE');
  });
});
