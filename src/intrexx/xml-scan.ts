/**
 * A strict scanner for the small XML files Intrexx keeps its settings in. It finds the elements and
 * the exact byte range of every attribute value, so that a writer can replace one value and leave
 * every other byte alone; a DOM round trip would reformat attributes, quotes and whitespace.
 *
 * It reads the latin1 view of the file (encoding.ts): offsets are byte offsets. Anything it does not
 * understand is an error rather than a guess: a DOCTYPE (it could define entities), a bare `&`, a
 * `<` inside a value, an unquoted or repeated attribute, an end tag that closes the wrong element,
 * an element never closed, text or a second element outside the root.
 */
import { UTF8_BOM } from './encoding.ts';

export interface XmlAttribute {
  readonly name: string;
  readonly quote: '"' | "'";
  /** The offset of the value's first byte and of the byte after its last, quotes excluded. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The value as written, references not decoded. */
  readonly raw: string;
}

export interface XmlElement {
  readonly name: string;
  /** The offset of its `<`. */
  readonly start: number;
  readonly attributes: readonly XmlAttribute[];
  readonly children: XmlElement[];
}

/** Markup the scanner does not accept, at an offset of the text. */
export class MarkupError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'MarkupError';
    this.offset = offset;
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /[ \t\r\n]+/y;
/** XML's five predefined entities and character references: without a DOCTYPE there are no others. */
const REFERENCE = /&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/y;

/** The root element of the document, with every element below it. Throws MarkupError. */
export function scanXml(text: string): XmlElement {
  return new Scanner(text).document();
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** The attribute of that name, if the element has it. */
export function attribute(element: XmlElement, name: string): XmlAttribute | undefined {
  return element.attributes.find((a) => a.name === name);
}

/** Every element of that name at or below an element, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found = element.name === name ? [element] : [];
  return found.concat(element.children.flatMap((child) => descendants(child, name)));
}

class Scanner {
  private readonly text: string;
  private pos = 0;
  private readonly open: XmlElement[] = [];
  private root: XmlElement | undefined;

  constructor(text: string) {
    this.text = text;
  }

  document(): XmlElement {
    const { text } = this;
    if (text.startsWith(UTF8_BOM)) this.pos = UTF8_BOM.length;
    while (this.pos < text.length) {
      const next = text.indexOf('<', this.pos);
      const end = next === -1 ? text.length : next;
      this.characters(end);
      this.pos = end;
      if (next !== -1) this.markup();
    }
    const unclosed = this.open.at(-1);
    if (unclosed) throw new MarkupError(`<${unclosed.name}> is never closed`, unclosed.start);
    if (!this.root) throw new MarkupError('the file has no root element (is it XML?)', 0);
    return this.root;
  }

  private characters(end: number): void {
    const chunk = this.text.slice(this.pos, end);
    if (this.open.length === 0 && chunk.trim() !== '') {
      throw new MarkupError('text outside the root element (is the file XML?)', this.pos + chunk.search(/\S/));
    }
    this.references(this.pos, end);
  }

  private markup(): void {
    if (this.at('<!--')) return this.skipPast('-->', 'comment');
    if (this.at('<?')) return this.skipPast('?>', 'processing instruction');
    if (this.at('<![CDATA[')) {
      if (this.open.length === 0) throw new MarkupError('a CDATA section outside the root element', this.pos);
      return this.skipPast(']]>', 'CDATA section');
    }
    if (this.at('<!')) throw new MarkupError('a declaration such as <!DOCTYPE …>, which these files do not have', this.pos);
    if (this.at('</')) return this.endTag();
    this.startTag();
  }

  private startTag(): void {
    const start = this.pos;
    this.pos += 1;
    const name = this.name('an element name after "<"');
    const attributes: XmlAttribute[] = [];
    for (;;) {
      const spaced = this.space();
      if (this.at('/>') || this.at('>')) {
        const selfClosing = this.at('/>');
        this.pos += selfClosing ? 2 : 1;
        return this.element({ name, start, attributes, children: [] }, selfClosing);
      }
      if (this.pos >= this.text.length) throw new MarkupError(`the tag <${name} is never closed with ">"`, start);
      if (!spaced) throw new MarkupError(`unexpected "${this.text[this.pos]}" in the tag <${name}>`, this.pos);
      attributes.push(this.attribute(name, attributes));
    }
  }

  private attribute(element: string, before: readonly XmlAttribute[]): XmlAttribute {
    const at = this.pos;
    const name = this.name(`an attribute name in <${element}>`);
    if (before.some((a) => a.name === name)) throw new MarkupError(`<${element}> has the attribute ${name} twice`, at);
    this.space();
    if (!this.at('=')) throw new MarkupError(`the attribute ${name} of <${element}> has no "=" and value`, this.pos);
    this.pos += 1;
    this.space();
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'") throw new MarkupError(`the value of ${name} in <${element}> is not quoted`, this.pos);
    const valueStart = this.pos + 1;
    const valueEnd = this.text.indexOf(quote, valueStart);
    if (valueEnd === -1) throw new MarkupError(`the value of ${name} in <${element}> is never closed with ${quote}`, at);
    const raw = this.text.slice(valueStart, valueEnd);
    if (raw.includes('<')) throw new MarkupError(`the value of ${name} in <${element}> contains "<" (write &lt;)`, valueStart + raw.indexOf('<'));
    this.references(valueStart, valueEnd);
    this.pos = valueEnd + 1;
    return { name, quote, valueStart, valueEnd, raw };
  }

  private element(element: XmlElement, selfClosing: boolean): void {
    const parent = this.open.at(-1);
    if (parent) parent.children.push(element);
    else if (this.root) throw new MarkupError(`a second root element <${element.name}> after </${this.root.name}>`, element.start);
    else this.root = element;
    if (!selfClosing) this.open.push(element);
  }

  private endTag(): void {
    const at = this.pos;
    this.pos += 2;
    const name = this.name('an element name after "</"');
    this.space();
    if (!this.at('>')) throw new MarkupError(`the end tag </${name} is never closed with ">"`, at);
    this.pos += 1;
    const opened = this.open.pop();
    if (!opened) throw new MarkupError(`</${name}> closes no open element`, at);
    if (opened.name !== name) {
      throw new MarkupError(`</${name}> closes <${opened.name}>, opened on line ${lineOf(this.text, opened.start)}`, at);
    }
  }

  private references(from: number, to: number): void {
    for (let i = this.text.indexOf('&', from); i !== -1 && i < to; i = this.text.indexOf('&', i + 1)) {
      REFERENCE.lastIndex = i;
      if (!REFERENCE.test(this.text) || REFERENCE.lastIndex > to) throw new MarkupError('a bare "&" that is not an entity such as &amp;', i);
    }
  }

  private skipPast(terminator: string, what: string): void {
    const end = this.text.indexOf(terminator, this.pos);
    if (end === -1) throw new MarkupError(`a ${what} that is never closed with "${terminator}"`, this.pos);
    this.pos = end + terminator.length;
  }

  private name(expected: string): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (!match) throw new MarkupError(`expected ${expected}`, this.pos);
    this.pos += match[0].length;
    return match[0];
  }

  private space(): boolean {
    SPACE.lastIndex = this.pos;
    if (!SPACE.test(this.text)) return false;
    this.pos = SPACE.lastIndex;
    return true;
  }

  private at(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }
}
