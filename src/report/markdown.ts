/**
 * Text for the job summary, which GitHub renders as GitHub Flavored Markdown
 * (docs.github.com/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary).
 * Display names, redirect URIs and error messages come from Graph and GitHub and are shown as the
 * characters they are: no link or image markup, HTML, table cell, heading or line of their own. (A bare
 * URL in them is linked, as in any text: github.github.com/gfm/#autolinks-extension-.)
 */

/**
 * The characters that start Markdown or HTML inside a line, as numeric character references, which
 * CommonMark shows as the character and never reads as markup (spec.commonmark.org/0.31.2/#entity-and-numeric-character-references):
 * & (references), < and > (HTML, autolinks), [ and ] (links, images), ` (code spans), | (table cells:
 * GitHub splits rows on it before anything else, github.github.com/gfm/#tables-extension-) and \
 * (escapes). Emphasis (*, _, ~) is left: it changes only how a value's own characters look, and
 * escaping it would make the secret names (INTREXX_*) unreadable in the raw summary.
 */
const INLINE = /[&<>[\]`|\\]/g;

/**
 * What would start a block at the start of a line (spec.commonmark.org/0.31.2/#blocks-and-inlines):
 * headings (#), list items (-, +, *, 1. or 1)), thematic breaks and setext underlines (-, *, _, =),
 * code fences (~; ` and the block quote's > are references already).
 */
const BLOCK_START = /^([#+\-*_=~]|\d{1,9}[.)])/;

/** Line breaks of every kind: a value stays on the line it was put on. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

const reference = (c: string): string => `&#${c.charCodeAt(0)};`;

/** A value as plain text on one line of Markdown, e.g. in a table cell, a list item or a quote. */
export function markdownText(value: string): string {
  // Leading white space goes: four spaces would start a code block in a list item or quote.
  const text = value.replace(LINE_BREAK, ' ').trimStart().replace(INLINE, reference);
  return text.replace(BLOCK_START, (start: string) => `${reference(start)}${start.slice(1)}`);
}

/**
 * Lines of text (an error message) as lines of Markdown, each escaped as markdownText escapes a value;
 * a line that is a list item ("- x", "  - x") stays one, its text escaped after the marker.
 */
export function markdownLines(text: string): string[] {
  return text.split(LINE_BREAK).map((line) => {
    const item = /^(\s*)([-*+]) (.*)$/.exec(line);
    if (!item) return markdownText(line);
    const [, indent = '', marker = '-', rest = ''] = item;
    return `${indent.length > 0 ? '  ' : ''}${marker} ${markdownText(rest)}`;
  });
}

/**
 * A value as a code span in a table cell: code spans show their text as it is, so only the pipe needs
 * its backslash (GitHub splits table rows before it reads code spans, github.github.com/gfm/#example-200).
 * A value a code span cannot hold as it is (a backtick, a backslash before the pipe's, a line break)
 * is shown as plain text instead.
 */
export function markdownCode(value: string): string {
  if (/[`\\\r\n\u0085\u2028\u2029]/.test(value) || value.trim() === '') return markdownText(value);
  return `\`${value.replace(/\|/g, '\\|')}\``;
}
