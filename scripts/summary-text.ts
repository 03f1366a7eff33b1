/**
 * The job summary (the GitHub-flavoured Markdown the action appends to GITHUB_STEP_SUMMARY) as plain
 * terminal text, for `npm start`: headings underlined, tables as aligned columns, alerts and quotes
 * marked with a bar, list items with bullets, links as "text <url>", code spans and entities as the
 * run's page shows them. Covers what src/report/summary.ts writes, not all of Markdown.
 *
 * Syntax per the GitHub Flavored Markdown spec, https://github.github.com/gfm/: #tables-extension- (a
 * `\|` inside a cell is a literal pipe, even inside a code span), #block-quotes,
 * #entity-and-numeric-character-references, #code-spans (where entities stay literal); alerts
 * (`> [!CAUTION]`) per
 * https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#alerts
 */

export function markdownToText(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trimStart().startsWith('|')) {
      const rows: string[] = [];
      for (; i < lines.length && (lines[i] ?? '').trimStart().startsWith('|'); i++) rows.push(lines[i] ?? '');
      i--;
      out.push(...table(rows));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const text = inline(heading[2] ?? '');
      out.push(text, (heading[1]!.length <= 2 ? '═' : '─').repeat(width(text)));
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      const alert = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i.exec(quote[1] ?? '');
      out.push(`│ ${alert ? `${alert[1]!.toUpperCase()}:` : inline(quote[1] ?? '')}`);
      continue;
    }
    const item = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (item) {
      out.push(`${item[1]}• ${inline(item[2] ?? '')}`);
      continue;
    }
    out.push(inline(line));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+|\s+$/g, '');
}

/** A GFM table as aligned columns: the header underlined (or dropped when all empty), `<br>` as a new line within a cell. */
function table(rows: string[]): string[] {
  const isDelimiter = (row: string[]) => row.every((cell) => /^\s*:?-+:?\s*$/.test(cell));
  const parsed = rows.map(splitRow);
  const hasHeader = parsed.length > 1 && isDelimiter(parsed[1] ?? []);
  const headerShown = hasHeader && (parsed[0] ?? []).some((cell) => cell !== '');
  const cells = parsed
    .filter((row, index) => !(hasHeader && index === 1) && (index > 0 || !hasHeader || headerShown))
    .map((row) => row.map((cell) => inline(cell).split('\n')));
  const columns = Math.max(0, ...cells.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...cells.flatMap((row) => (row[c] ?? ['']).map(width))));
  const text: string[] = [];
  for (const [index, row] of cells.entries()) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let l = 0; l < height; l++) text.push(`  ${widths.map((w, c) => pad(row[c]?.[l] ?? '', w)).join('  ')}`.trimEnd());
    if (index === 0 && headerShown) text.push(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  }
  return text;
}

/** The cells of a table row: split on pipes that are not escaped, `\|` then read as a literal pipe. */
function splitRow(row: string): string[] {
  const cells = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
  return cells.map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** Inline Markdown as the page shows it: code spans verbatim, everything else with links, emphasis, `<br>` and entities resolved. */
export function inline(text: string): string {
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, index) => (index % 2 === 1 ? part.replace(/^`+ ?| ?`+$/g, '') : prose(part)))
    .join('');
}

function prose(text: string): string {
  return decodeEntities(
    text
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_, label: string, url: string) => (label ? `${label} <${url}>` : url))
      .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_, a?: string, b?: string) => a ?? b ?? '')
      .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?![\w*])/g, '$1$2')
      .replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1$2'),
  );
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

/** Columns a string takes in a terminal, counting code points (good enough for this text). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}
