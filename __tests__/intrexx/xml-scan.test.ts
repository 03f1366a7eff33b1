import { descendants, lineOf, MarkupError, scanXml } from '../../src/intrexx/xml-scan.ts';
import { decodeValue, escapeValue } from '../../src/intrexx/xml-values.ts';
import { fixture } from './helpers.ts';

function refusal(text: string): { message: string; line: number } {
  try {
    scanXml(text);
  } catch (error) {
    if (error instanceof MarkupError) return { message: error.message, line: lineOf(text, error.offset) };
    throw error;
  }
  throw new Error('scanXml accepted the text');
}

describe('scanXml', () => {
  test('finds elements and the exact byte range of each attribute value', () => {
    const text = '<a>\n  <b x="1" y=\'two &amp; three\'/>\n</a>';
    const root = scanXml(text);
    const b = root.children[0];
    expect(b?.name).toBe('b');
    const y = b?.attributes[1];
    expect(y).toMatchObject({ name: 'y', quote: "'", raw: 'two &amp; three' });
    expect(text.slice(y?.valueStart, y?.valueEnd)).toBe('two &amp; three');
    expect(lineOf(text, y?.valueStart ?? 0)).toBe(2);
  });

  test('skips comments, processing instructions and CDATA: a commented-out block is no element', () => {
    const root = scanXml('<?xml version="1.0"?>\n<!-- <oauth2 name="azure"> -->\n<c><![CDATA[<oauth2 name="azure">]]><oauth2 name="x"/></c>');
    expect(descendants(root, 'oauth2').map((e) => e.attributes[0]?.raw)).toEqual(['x']);
  });

  test('reads every fixture the planner tests rely on, whitespace and CRLF included', () => {
    for (const name of ['om-lf.cfg', 'om-crlf.cfg', 'om-bom.cfg', 'msoffice365_mail.xml']) {
      expect(scanXml(fixture(name).toString('latin1')).name).toMatch(/^(configuration|connector)$/);
    }
  });

  test.each([
    ['an element never closed', '<a>\n<b>\n</a>', /<\/a> closes <b>, opened on line 2/, 3],
    ['a root never closed', '<a>\n<b/>\n', /<a> is never closed/, 1],
    ['an end tag without a start', '<a/>\n</a>', /second root|closes no open element/, 2],
    ['a second root element', '<a/>\n<b/>', /a second root element <b>/, 2],
    ['text outside the root', 'IntrexxOAuth2\n{\n};', /text outside the root element/, 1],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]>\n<a/>', /DOCTYPE/, 1],
    ['a bare ampersand in a value', '<a>\n<b v="x & y"/></a>', /bare "&"/, 2],
    ['an unknown entity', '<a v="&secret;"/>', /bare "&"/, 1],
    ['a < in a value', '<a v="<TENANT>"/>', /contains "<"/, 1],
    ['an unquoted value', '<a v=1/>', /not quoted/, 1],
    ['a value never closed', '<a v="1/>\n</a>', /never closed with "/, 1],
    ['a repeated attribute', '<a v="1" v="2"/>', /has the attribute v twice/, 1],
    ['attributes without space between', '<a v="1"w="2"/>', /unexpected "w"/, 1],
    ['an unterminated comment', '<a>\n<!-- open\n</a>', /comment that is never closed/, 2],
    ['an unterminated tag', '<a\n  v="1"', /never closed with ">"/, 1],
    ['nothing at all', '  \n', /no root element/, 1],
  ])('refuses %s', (_what, text, message, line) => {
    const found = refusal(text);
    expect(found.message).toMatch(message);
    expect(found.line).toBe(line);
  });
});

describe('attribute values', () => {
  test('decode the predefined entities and character references', () => {
    expect(decodeValue('&lt;TENANT-ID&gt; &amp; &quot;x&quot; &apos;y&apos; &#65;&#x42;')).toBe('<TENANT-ID> & "x" \'y\' AB');
  });

  test.each([
    ['"', 'a&b<c>d"e\'f', 'a&amp;b&lt;c&gt;d&quot;e\'f'],
    ["'", 'a&b<c>d"e\'f', 'a&amp;b&lt;c&gt;d"e&apos;f'],
    ['"', 'tab\tline\n', 'tab&#9;line&#10;'],
  ] as const)('escape for %s-quoted attributes so the value reads back unchanged', (quote, value, escaped) => {
    expect(escapeValue(value, quote)).toBe(escaped);
    expect(decodeValue(escapeValue(value, quote))).toBe(value);
  });
});
