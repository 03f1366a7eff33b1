import { applyEdits } from '../../src/intrexx/apply.ts';
import { planFile } from '../../src/intrexx/plan.ts';
import { CLIENT_ID, fixture, SECRET } from './helpers.ts';

const FILE = '/opt/intrexx/org/testportal/internal/cfg/odata/connector/msoffice365_mail.xml';
const DESIRED = { clientId: CLIENT_ID, clientSecret: SECRET };
const target = { kind: 'connector', fileName: 'msoffice365_mail.xml' } as const;

describe('planning a Connector API connector file', () => {
  test('sets oauth2.clientId, oauth2.clientSecret and both sources to STATIC, and nothing else', () => {
    const original = fixture('msoffice365_mail.xml');
    const plan = planFile({ file: FILE, bytes: original, target, desired: DESIRED });
    expect(plan.edits.map((e) => e.change)).toEqual([
      '<property name="oauth2.clientId.source">: USER → STATIC',
      `<property name="oauth2.clientId">: (empty) → ${CLIENT_ID}`,
      '<property name="oauth2.clientSecret">: new client secret (value not shown)',
    ]);
    expect(plan.kept).toEqual(['<property name="oauth2.clientSecret.source">: already as desired']);
    const expected = original
      .toString('latin1')
      .replace('"oauth2.clientId.source" value="USER"', '"oauth2.clientId.source" value="STATIC"')
      .replace('"oauth2.clientId" value=""', `"oauth2.clientId" value="${CLIENT_ID}"`)
      .replace('"oauth2.clientSecret" value="####YOUR_CLIENT_SECRET####"', `"oauth2.clientSecret" value="${SECRET}"`);
    const written = applyEdits(original, plan.edits);
    expect(written).toEqual(Buffer.from(expected, 'latin1'));
    // The token URL's tenant belongs to the template; tenant-id does not apply to connectors.
    expect(written.toString()).toContain('https://login.microsoftonline.com/common/oauth2/v2.0/token');
    expect(planFile({ file: FILE, bytes: written, target, desired: DESIRED }).edits).toEqual([]);
  });

  test('refuses a connector without the .source properties instead of inventing elements', () => {
    expect(() => planFile({ file: FILE, bytes: fixture('msoffice365_no-source.xml'), target, desired: DESIRED })).toThrow(
      /line 6: no <property name="oauth2\.clientId\.source"> in <properties>.*Nothing was changed\.$/,
    );
  });

  test('refuses an om.cfg handed in as a connector', () => {
    expect(() => planFile({ file: FILE, bytes: fixture('om-lf.cfg'), target, desired: DESIRED })).toThrow(/root element <connector>, found <configuration>/);
  });

  test('refuses a property given twice', () => {
    const doubled = fixture('msoffice365_mail.xml')
      .toString()
      .replace('<property name="oauth2.scope"', '<property name="oauth2.clientSecret" value="" description=""/>\n        <property name="oauth2.scope"');
    expect(() => planFile({ file: FILE, bytes: Buffer.from(doubled), target, desired: DESIRED })).toThrow(
      /<property name="oauth2\.clientSecret"> appears 2 times \(lines 14, 16\)/,
    );
  });

  test('refuses to overwrite a client secret that looks encrypted', () => {
    const blob = 'A'.repeat(30) + 'b64cipher/text+with/slashes' + 'Z'.repeat(12);
    const encrypted = fixture('msoffice365_mail.xml').toString().replace('####YOUR_CLIENT_SECRET####', blob);
    let message = '';
    try {
      planFile({ file: FILE, bytes: Buffer.from(encrypted), target, desired: DESIRED });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/refusing to overwrite <property name="oauth2\.clientSecret">: .*69 characters of base64 or hex/);
    expect(message).not.toContain(blob);
  });
});
