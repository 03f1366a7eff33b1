import { applyEdits } from '../../src/intrexx/apply.ts';
import { FileRefusedError } from '../../src/intrexx/errors.ts';
import { planFile, type FilePlan } from '../../src/intrexx/plan.ts';
import type { Desired } from '../../src/intrexx/settings.ts';
import { CLIENT_ID, fixture, SECRET, TENANT } from './helpers.ts';

const FILE = '/opt/intrexx/org/testportal/internal/cfg/om.cfg';
const DESIRED: Desired = { clientId: CLIENT_ID, clientSecret: SECRET, tenantId: TENANT };

function plan(name: string, provider: string, desired: Desired = DESIRED): { original: Buffer; plan: FilePlan; written: Buffer } {
  const original = fixture(name);
  const planned = planFile({ file: FILE, bytes: original, target: { kind: 'om-cfg', provider }, desired });
  return { original, plan: planned, written: applyEdits(original, planned.edits) };
}

function refusal(name: string, provider: string, desired: Desired = DESIRED): string {
  try {
    plan(name, provider, desired);
  } catch (error) {
    if (error instanceof FileRefusedError) return error.message;
    throw error;
  }
  throw new Error(`${name} was not refused`);
}

/** The file as it should be: the original with exactly these raw substrings replaced, once each. */
function expected(original: Buffer, replacements: ReadonlyArray<readonly [string, string]>): Buffer {
  let text = original.toString('latin1');
  for (const [from, to] of replacements) {
    expect(text.split(from)).toHaveLength(2);
    text = text.replace(from, to);
  }
  return Buffer.from(text, 'latin1');
}

describe('planning om.cfg', () => {
  test('LF file: sets client ID, secret and the tenant of the three URLs, and nothing else', () => {
    const { original, plan: planned, written } = plan('om-lf.cfg', 'azure');
    expect(planned.edits).toHaveLength(5);
    const placeholder = '/&lt;TENANT-ID&gt;/';
    expect(written).toEqual(
      expected(original, [
        [`auth-client-id="&lt;CLIENT-ID&gt;"`, `auth-client-id="${CLIENT_ID}"`],
        [`auth-client-secret="&lt;CLIENT-SECRET&gt;"`, `auth-client-secret="${SECRET}"`],
        [`${placeholder}oauth2/v2.0/token`, `/${TENANT}/oauth2/v2.0/token`],
        [`${placeholder}oauth2/v2.0/authorize`, `/${TENANT}/oauth2/v2.0/authorize`],
        [`${placeholder}discovery/v2.0/keys`, `/${TENANT}/discovery/v2.0/keys`],
      ]),
    );
  });

  test('the commented-out block of the same name is not counted as a second provider', () => {
    expect(fixture('om-lf.cfg').toString()).toMatch(/<!--[^>]*\n\s*<oauth2 name="azure">/);
    expect(() => plan('om-lf.cfg', 'azure')).not.toThrow();
  });

  test('CRLF file with single quotes: line endings, quotes and trailing blanks stay as they were', () => {
    const { original, plan: planned, written } = plan('om-crlf.cfg', 'entra');
    const text = original.toString('latin1');
    expect(text.match(/\r\n/g)?.length).toBeGreaterThan(10);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(planned.edits).toHaveLength(5);
    expect(written).toEqual(
      expected(original, [
        [`auth-client-id='00000000-0000-4000-8000-00000000aaaa'`, `auth-client-id='${CLIENT_ID}'`],
        [`auth-client-secret='FAKE~old-fixture-secret.not-real-0000000'`, `auth-client-secret='${SECRET}'`],
        ['/organizations/oauth2/v2.0/token', `/${TENANT}/oauth2/v2.0/token`],
        ['/organizations/oauth2/v2.0/authorize', `/${TENANT}/oauth2/v2.0/authorize`],
        ['/organizations/discovery/v2.0/keys?appid=', `/${TENANT}/discovery/v2.0/keys?appid=`],
      ]),
    );
  });

  test('UTF-8 file with a BOM and umlauts: the BOM and every non-ASCII byte survive', () => {
    const { original, written } = plan('om-bom.cfg', 'zentrale');
    expect([...original.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(written).toEqual(
      expected(original, [
        ['auth-client-id=""', `auth-client-id="${CLIENT_ID}"`],
        ['auth-client-secret=""', `auth-client-secret="${SECRET}"`],
        ['/common/oauth2/v2.0/token', `/${TENANT}/oauth2/v2.0/token`],
        ['/common/oauth2/v2.0/authorize', `/${TENANT}/oauth2/v2.0/authorize`],
        ['/common/discovery/v2.0/keys', `/${TENANT}/discovery/v2.0/keys`],
      ]),
    );
    expect(written.toString('utf8')).toContain('Anmeldung über Entra ID für die Zentrale in Köln');
  });

  test('two Entra providers: only the named one changes; the other stays byte-identical', () => {
    const { original, written } = plan('om-two-entra-providers.cfg', 'partners');
    const staff = (bytes: Buffer) => /<oauth2 name="staff">[\s\S]*?<\/oauth2>/.exec(bytes.toString('latin1'))?.[0];
    expect(staff(written)).toBe(staff(original));
    expect(written.toString()).toContain(`auth-client-secret="${SECRET}"`);
    expect(written.toString()).toContain('FAKE~staff-fixture-secret.not-real-00000');
    expect(written.toString()).not.toContain('FAKE~partner-fixture-secret');
  });

  test('without tenant-id the URLs are left alone, so a non-Entra provider can be written', () => {
    const { original, plan: planned, written } = plan('om-no-entra-provider.cfg', 'google', { clientId: CLIENT_ID, clientSecret: SECRET });
    expect(planned.edits.map((e) => e.change)).toEqual([expect.stringContaining('auth-client-id'), expect.stringContaining('auth-client-secret')]);
    expect(written.toString()).toContain('https://oauth2.googleapis.com/token');
    expect(written.length).toBe(original.length - 'fixture.apps.example'.length - 'google-fixture-secret'.length + CLIENT_ID.length + SECRET.length);
  });

  test('idempotent: planning the written file again finds nothing to do', () => {
    for (const [name, provider] of [['om-lf.cfg', 'azure'], ['om-crlf.cfg', 'entra'], ['om-bom.cfg', 'zentrale']] as const) {
      const { written } = plan(name, provider);
      const again = planFile({ file: FILE, bytes: written, target: { kind: 'om-cfg', provider }, desired: DESIRED });
      expect(again.edits).toEqual([]);
      expect(again.kept).toHaveLength(5);
    }
  });

  test('values are XML-escaped for the quote in use and read back as given', () => {
    const awkward = `FAKE"&<'>secret`;
    for (const [name, provider] of [['om-lf.cfg', 'azure'], ['om-crlf.cfg', 'entra']] as const) {
      const { written } = plan(name, provider, { ...DESIRED, clientSecret: awkward });
      const text = written.toString();
      expect(text).toContain(name === 'om-lf.cfg' ? `"FAKE&quot;&amp;&lt;'&gt;secret"` : `'FAKE"&amp;&lt;&apos;&gt;secret'`);
      expect(planFile({ file: FILE, bytes: written, target: { kind: 'om-cfg', provider }, desired: { ...DESIRED, clientSecret: awkward } }).edits).toEqual([]);
    }
  });

  test('the plan describes every change and never contains the secret', () => {
    const { plan: planned } = plan('om-crlf.cfg', 'entra');
    const described = JSON.stringify(planned.edits.map((e) => e.change).concat(planned.kept));
    expect(described).toContain(`auth-client-id: 00000000-0000-4000-8000-00000000aaaa → ${CLIENT_ID}`);
    expect(described).toContain(`auth-access-token-url: tenant organizations → ${TENANT}`);
    expect(described).toContain('new client secret (value not shown)');
    expect(described).not.toContain(SECRET);
    expect(described).not.toContain('FAKE~old-fixture-secret');
  });
});

describe('refusing om.cfg files of an unexpected shape', () => {
  test.each([
    ['a missing provider', 'om-no-entra-provider.cfg', 'azure', /no provider block <oauth2 name="azure"> \(the file has "google"/],
    ['a provider that exists only in a comment', 'om-lf.cfg', 'retired', /no provider block <oauth2 name="retired"> \(the file has "azure", "keycloak"; comments are not counted\)/],
    ['two providers of the same name', 'om-duplicate-provider.cfg', 'azure', /line 7: <oauth2 name="azure"> appears 2 times \(lines 4, 7\)/],
    ['a block without <provider>', 'om-no-provider-element.cfg', 'azure', /line 4: <oauth2 name="azure"> has no <provider> element/],
    ['a provider without auth-client-secret', 'om-no-secret-attribute.cfg', 'azure', /line 5: the <provider> element of <oauth2 name="azure"> has no auth-client-secret attribute/],
    ['unbalanced markup', 'om-unbalanced.cfg', 'azure', /line 7: the file is not the well-formed XML the writer expects: <\/configuration> closes <authentication>, opened on line 3/],
    ['another root element', 'om-unexpected-root.cfg', 'azure', /line 2: expected an om\.cfg with the root element <configuration>, found <settings>/],
    ['a file that is not XML (LucyAuth.cfg)', 'lucyauth-not-xml.cfg', 'azure', /line 1: the file is not the well-formed XML .*text outside the root element/],
    ['a non-Entra URL when a tenant is asked for', 'om-lf.cfg', 'keycloak', /line 41: <oauth2 name="keycloak"> auth-access-token-url is not a Microsoft Entra URL/],
  ])('refuses %s, naming the file and what was expected', (_what, name, provider, message) => {
    const text = refusal(name, provider);
    expect(text.startsWith(FILE)).toBe(true);
    expect(text).toMatch(message);
    expect(text).toMatch(/Nothing was changed\.$/);
  });

  test('refuses to overwrite a secret that looks encrypted, without showing it', () => {
    const text = refusal('om-encrypted.cfg', 'azure');
    expect(text).toMatch(/line 10: refusing to overwrite <oauth2 name="azure"> auth-client-secret: its current value \(61 characters, not shown\)/);
    expect(text).toMatch(/starts with a marker of encrypted values/);
    expect(text).not.toContain('UGxhY2Vob2xkZXJDaXBoZXJ0ZXh0');
    expect(text).not.toContain(SECRET);
  });

  test('a value that already equals the desired one is never called encrypted', () => {
    const hexSecret = 'abcdef0123456789abcdef0123456789abcdef01';
    const { written } = plan('om-bom.cfg', 'zentrale', { ...DESIRED, clientSecret: hexSecret });
    expect(planFile({ file: FILE, bytes: written, target: { kind: 'om-cfg', provider: 'zentrale' }, desired: { ...DESIRED, clientSecret: hexSecret } }).edits).toEqual([]);
  });

  test('refuses UTF-16 and encodings it cannot edit byte for byte', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<configuration/>', 'utf16le')]);
    expect(() => planFile({ file: FILE, bytes: utf16, target: { kind: 'om-cfg', provider: 'azure' }, desired: DESIRED })).toThrow(/UTF-16/);
    const shiftJis = Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><configuration/>');
    expect(() => planFile({ file: FILE, bytes: shiftJis, target: { kind: 'om-cfg', provider: 'azure' }, desired: DESIRED })).toThrow(/declares encoding "shift_jis"/);
  });
});
