// scripts/summary-text.ts: the job summary as `npm start` prints it in the terminal.
import { summaryMarkdown, type RunReport } from '../../src/report/summary.ts';
import { CLOUDS } from '../../src/settings/clouds.ts';
import { inline, markdownToText } from '../../scripts/summary-text.ts';

const report: RunReport = {
  displayName: 'Portal <A|B>',
  clientId: '3f2a9c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  objectId: undefined,
  tenantId: '11111111-2222-3333-4444-555555555555',
  cloud: CLOUDS.AzureCloud,
  redirectUris: ['https://portal.example.com/service/oauth2/authorize', 'https://portal.example.com/a|b'],
  changes: [],
  dryRun: false,
  secret: undefined,
  secretNote: undefined,
  failure: 'Graph said no\nsecond line',
};

describe('markdownToText', () => {
  test('renders the summary the action writes: heading, aligned table without its empty header, caution, list', () => {
    const text = markdownToText(summaryMarkdown(report));
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Intrexx Entra registration: failed', '═'.repeat('Intrexx Entra registration: failed'.length)]);
    expect(text).toContain('│ CAUTION:\n│ Graph said no\n│ second line');
    // The key column is as wide as its longest key, "Entra admin center"; two spaces, then the values.
    const row = (key: string, value: string) => `  ${key.padEnd('Entra admin center'.length)}  ${value}`;
    // Entities decoded outside code spans; the escaped pipe inside a code span read as a pipe.
    expect(lines).toContain(row('Application', 'Portal <A|B>'));
    expect(lines).toContain(row('Object ID', '(not created yet)'));
    // <br> puts the second redirect URI on its own line, in the value column.
    const uris = lines.indexOf(row('Redirect URIs', 'https://portal.example.com/service/oauth2/authorize'));
    expect(lines[uris + 1]).toBe(row('', 'https://portal.example.com/a|b'));
    expect(lines).toContain(row('Entra admin center', `open the registration <https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${report.clientId}>`));
    expect(text).toContain('Changes made before the failure\n───────────────────────────────');
    expect(text).toContain('No changes: the registration already matched.');
    expect(text).not.toMatch(/[|`]{2}|\| \||&#|<br>|^##|\[open/m);
  });

  test('every column starts at the same place in every row; a header is underlined', () => {
    const text = markdownToText('| Name | Value |\n|---|:--:|\n| a | `x` |\n| longer name | y |');
    expect(text.split('\n')).toEqual(['  Name         Value', '  ───────────  ─────', '  a            x', '  longer name  y']);
  });

  test('lists, quotes, emphasis, links and entities', () => {
    expect(markdownToText('- **bold** and _it_ and *em*\n  - nested [link](https://x.test)\n> quoted &amp; &#124; &#x41;')).toBe(
      '• bold and it and em\n  • nested link <https://x.test>\n│ quoted & | A',
    );
  });

  test('code spans stay as written: no entity decoding, no emphasis, underscores kept', () => {
    expect(inline('`a &#124; _b_` and snake_case_name')).toBe('a &#124; _b_ and snake_case_name');
  });

  test('empty input gives empty text', () => {
    expect(markdownToText('')).toBe('');
  });
});
