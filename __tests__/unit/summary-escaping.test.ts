// Values from Graph and GitHub reach the job summary as text, never as Markdown or HTML
// (src/report/markdown.ts, src/report/summary.ts).
import { markdownCode, markdownLines, markdownText } from '../../src/report/markdown.ts';
import { summaryMarkdown, type RunReport } from '../../src/report/summary.ts';
import { CLOUDS } from '../../src/settings/clouds.ts';

const CLIENT_ID = '3f2a9c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
/** A display name that tries every construct: new lines, a heading, a link, an image, HTML, a code span, a cell. */
const HOSTILE =
  'Portal\n# All good\r\n[click here](https://attacker.example/login) ![](https://attacker.example/pixel.png) ' +
  '<img src=https://attacker.example/p.png> `code` | extra cell \\| &amp; \u2028- list\n---\n~~~';

const report: RunReport = {
  displayName: HOSTILE,
  clientId: CLIENT_ID,
  objectId: 'b0b0b0b0-0000-4000-8000-000000000001',
  tenantId: '11111111-2222-3333-4444-555555555555',
  cloud: CLOUDS.AzureCloud,
  redirectUris: ['https://portal.example.com/service/oauth2/authorize', 'https://portal.example.com/a`b|c'],
  changes: [{ kind: 'rename-application', from: HOSTILE, to: 'Intrexx Portal' }],
  dryRun: false,
  secret: { keyId: 'c0ffee00-1111-4222-8333-444455556666', expiresAt: '2025-11-28T12:00:00.000Z' },
  secretNote: undefined,
  holdings: [`repository contoso/portal (INTREXX_*): ${HOSTILE}`],
  failure: `Failed to read application: HTTP 400 Request_BadRequest: ${HOSTILE}\nWhat each destination holds now:\n  - repository contoso/portal (INTREXX_*): ${HOSTILE}`,
};

/** What must never appear in the raw summary when HOSTILE is shown as text. */
function expectInert(markdown: string): void {
  expect(markdown).not.toMatch(/\]\(https:\/\/attacker/); // link or image
  expect(markdown).not.toContain('<img');
  expect(markdown).not.toContain('`code`');
  expect(markdown).not.toContain('&amp;'); // a reference of the value's own, shown as typed
  // No heading, break, fence or link line of its own: the only such lines are the summary's own headings.
  const blocks = markdown.split('\n').filter((l) => /^(>\s*)?\s*(#|---|~~~|\[)/.test(l));
  expect(blocks.every((l) => /^#{2,3} [A-Z]/.test(l) || l === '> [!CAUTION]')).toBe(true);
}

describe('the job summary shows external values as text', () => {
  const markdown = summaryMarkdown(report);
  const lines = markdown.split('\n');

  test('no link, image, HTML, code span or block of the value', () => {
    expectInert(markdown);
    // Our own headings only.
    expect(lines.filter((l) => /^#/.test(l))).toEqual(['## Intrexx Entra registration: failed', '### Changes made before the failure', '### What each destination holds']);
  });

  test('the display name stays in its row and cell', () => {
    const row = lines.filter((l) => l.startsWith('| Application |'));
    expect(row).toHaveLength(1);
    expect(row[0]!.split(/(?<!\\)\|/)).toHaveLength(4);
    // Inside a line, # is text; [ and ] become references, so no link.
    expect(row[0]).toContain('Portal # All good &#91;click here&#93;(https://attacker.example/login)');
  });

  test('the change and the holding stay one line each; each line of the failure stays in the quote', () => {
    expect(lines.filter((l) => l.startsWith('- rename the app registration from "Portal # All good &#91;click'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('- repository contoso/portal (INTREXX_*): Portal # All good &#91;click'))).toHaveLength(1);
    const start = lines.indexOf('> [!CAUTION]');
    const quote = lines.slice(start + 1, lines.indexOf('', start));
    expect(quote.every((l) => l.startsWith('> '))).toBe(true);
    expect(quote).toContain('> &#35; All good');
    expect(quote).toContain('> &#45;--');
    expect(quote).toContain('> &#126;~~');
    // The action's own list in the failure stays a list.
    expect(quote).toContain('>   - repository contoso/portal (INTREXX_*): Portal');
  });

  test('a redirect URI a code span cannot hold is shown as text, in its cell', () => {
    const row = lines.find((l) => l.startsWith('| Redirect URIs |')) ?? '';
    expect(row).toContain('`https://portal.example.com/service/oauth2/authorize`<br>https://portal.example.com/a&#96;b&#124;c');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(4);
  });

  test('the admin center link is made only from a GUID', () => {
    expect(markdown).toContain(`/appId/${CLIENT_ID})`);
    const odd = summaryMarkdown({ ...report, clientId: 'x) [phish](https://attacker.example' });
    expect(odd).not.toContain('open the registration');
    // A code span shows it as typed: no link.
    expect(odd).toContain('| Client ID | `x) [phish](https://attacker.example` |');
  });
});

describe('markdown.ts', () => {
  test.each<[string, string, string]>([
    ['plain text stays as it is', 'Intrexx Portal (production) - EU', 'Intrexx Portal (production) - EU'],
    ['a URL stays readable', 'https://portal.example.com/service/oauth2/authorize', 'https://portal.example.com/service/oauth2/authorize'],
    ['secret names keep their _ and *', 'repository contoso/portal (INTREXX_*)', 'repository contoso/portal (INTREXX_*)'],
    ['inline markup becomes references', 'a <b> [c](d) `e` | f \\ g & h', 'a &#60;b&#62; &#91;c&#93;(d) &#96;e&#96; &#124; f &#92; g &#38; h'],
    ['line breaks of every kind become spaces', 'a\r\nb\rc\nd\u2028e\u2029f\u0085g', 'a b c d e f g'],
    ['a heading at the start', '# title', '&#35; title'],
    ['a list item at the start', '- item', '&#45; item'],
    ['a numbered item at the start', '1. item', '&#49;. item'],
    ['a fence at the start', '~~~', '&#126;~~'],
    ['a setext underline at the start', '===', '&#61;=='],
    ['leading spaces', '    code', 'code'],
  ])('markdownText: %s', (_case, value, text) => {
    expect(markdownText(value)).toBe(text);
  });

  test('markdownCode: a code span with the pipe escaped, or text where a code span cannot hold the value', () => {
    expect(markdownCode('https://p.example.com/a|b')).toBe('`https://p.example.com/a\\|b`');
    expect(markdownCode('a`b')).toBe('a&#96;b');
    expect(markdownCode('a\\|b')).toBe('a&#92;&#124;b');
    expect(markdownCode('a\nb')).toBe('a b');
  });

  test('markdownLines: one line each, list items kept, their text escaped', () => {
    expect(markdownLines('Failed: # no\n  - a [b](c)\n- # d\n    e')).toEqual(['Failed: # no', '  - a &#91;b&#93;(c)', '- &#35; d', 'e']);
  });
});
