/**
 * A strict, non-validating XML 1.0 scanner for the parts of a workbook: elements, attributes,
 * character data, CDATA sections, comments and processing instructions, with the predefined
 * entities and character references. It refuses what is not well-formed (XmlSyntaxError) as saxes
 * did, in a fraction of its time: element and attribute names by the Name production, one root
 * element, matching end tags, unique attributes, quoted values without '<', references that are
 * predefined or legal characters, only legal characters, no "]]>" in text and no "--" in comments,
 * the XML declaration only at the start. A document type declaration is refused by XmlStream
 * before any text reaches this (workbooks never need one); here any "<!" other than a comment or
 * CDATA section is malformed. Namespaces are not processed: a prefix is part of the name.
 *
 * Text arrives in chunks; a token cut by a chunk's end waits for the next one. XmlStream bounds
 * how much text can come without markup, so what waits is bounded too.
 */

export class XmlSyntaxError extends Error {}

export type ScannedAttrs = Record<string, string>;

export interface ScanEvents {
  /** The XML declaration's attributes (version, encoding, standalone). */
  xmlDecl(attrs: ScannedAttrs): void;
  openTag(name: string, attrs: ScannedAttrs, selfClosing: boolean): void;
  closeTag(name: string): void;
  /** Character data inside the root element, references resolved, line ends normalised. */
  text(text: string): void;
  /** Called as each attribute is read, before the element is reported: caps count them. */
  attribute(): void;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUESTION = 63;
const BANG = 33;
const EQ = 61;
const QUOT = 34;
const APOS = 39;
const AMP_CODE = 38;

// eslint-disable-next-line no-control-regex -- control characters are exactly what XML forbids
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const DECL = /^<\?xml(\s[^?]*)?\?>/;
const DECL_ATTR = /\s+([A-Za-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
/** The declaration's pseudo-attributes, in the only orders XML 1.0 allows. */
const DECL_ORDERS: ReadonlySet<string> = new Set(["version", "version encoding", "version standalone", "version encoding standalone"]);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStartCode(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

function isNameCode(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46;
  return isNameStartCode(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040);
}

/** A legal character reference's code point (XML 1.0 Char production). */
function isCharCode(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** One-letter names and values (c, v, t, r, s; t="s", s="3": most of a sheet's) without a new string each time. */
const ONE_LETTER: readonly string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

function nameOf(s: string, from: number, end: number): string {
  if (end - from === 1) {
    const c = s.charCodeAt(from);
    if (c < 128) return ONE_LETTER[c] as string;
  }
  return s.slice(from, end);
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

function fail(message: string): never {
  throw new XmlSyntaxError(message);
}

/** Resolves the references in text or an attribute value (which holds no '<'). */
function resolveReferences(s: string): string {
  let out = "";
  let from = 0;
  for (let amp = s.indexOf("&"); amp >= 0; amp = s.indexOf("&", from)) {
    const semi = s.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 64) fail("a '&' that starts no reference");
    const ref = s.slice(amp + 1, semi);
    let value: string | undefined;
    if (ref.charCodeAt(0) === 35) {
      const hex = ref.charCodeAt(1) === 120;
      const digits = ref.slice(hex ? 2 : 1);
      if (digits.length === 0 || !(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) fail(`a bad character reference '&${ref.slice(0, 12)};'`);
      const code = parseInt(digits, hex ? 16 : 10);
      if (!isCharCode(code)) fail(`a character reference to a character XML does not allow (&${ref.slice(0, 12)};)`);
      value = String.fromCodePoint(code);
    } else {
      value = PREDEFINED[ref];
      if (value === undefined) fail(`an undefined entity '&${ref.slice(0, 12)};'`);
    }
    out += s.slice(from, amp) + value;
    from = semi + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

export class XmlScanner {
  private buf = "";
  private at = 0;
  /** Open elements' names, the root first. */
  private readonly stack: string[] = [];
  private seenRoot = false;
  private started = false;
  /** A carriage return at the end of a chunk waits: with a line feed after it, they are one line end. */
  private pendingCr = false;
  /**
   * After a token was cut by the chunk's end, it is scanned again only once this much text waits:
   * twice what waited then. A long token (a comment, a tag, a run of text) is so scanned a few
   * times in all, never once per chunk.
   */
  private retryAt = 0;
  /** The attributes of the element being read, in order, until it is reported. */
  private readonly names: string[] = [];
  private readonly values: string[] = [];

  constructor(private readonly events: ScanEvents) {}

  write(chunk: string): void {
    let text = chunk;
    if (this.pendingCr) {
      text = `\r${text}`;
      this.pendingCr = false;
    }
    if (text.length && text.charCodeAt(text.length - 1) === 13) {
      this.pendingCr = true;
      text = text.slice(0, -1);
    }
    if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
    this.buf = this.at === 0 ? this.buf + text : this.at < this.buf.length ? this.buf.slice(this.at) + text : text;
    this.at = 0;
    if (this.buf.length < this.retryAt) return;
    this.scan(false);
    const waiting = this.buf.length - this.at;
    this.retryAt = waiting > 0 ? Math.max(2 * waiting, waiting + 4096) : 0;
  }

  close(): void {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.buf = `${this.buf.slice(this.at)}\n`;
      this.at = 0;
    }
    this.scan(true);
    if (this.at < this.buf.length) fail("the document ends inside markup");
    if (!this.seenRoot) fail("the document has no root element");
    if (this.stack.length) fail(`the document ends before </${this.stack[this.stack.length - 1]}>`);
  }

  private scan(final: boolean): void {
    const s = this.buf;
    const n = s.length;
    let i = this.at;
    if (!this.started) {
      if (n - i < 6 && !final) return;
      this.started = true;
      if (s.startsWith("<?xml", i) && (n - i === 5 || isSpace(s.charCodeAt(i + 5)) || s.charCodeAt(i + 5) === QUESTION)) {
        const end = s.indexOf("?>", i);
        if (end < 0) {
          if (!final) {
            this.started = false;
            return;
          }
          fail("the XML declaration is not closed");
        }
        this.declaration(s.slice(i, end + 2));
        i = end + 2;
      }
    }
    while (i < n) {
      if (s.charCodeAt(i) !== LT) {
        const lt = s.indexOf("<", i);
        if (lt < 0 && !final) break;
        const end = lt < 0 ? n : lt;
        this.textRun(s.slice(i, end));
        i = end;
        continue;
      }
      const next = s.charCodeAt(i + 1);
      let end: number;
      if (next === SLASH) end = this.endTag(s, i);
      else if (next === BANG) end = this.bang(s, i, final);
      else if (next === QUESTION) end = this.pi(s, i);
      else if (i + 1 < n) end = this.startTag(s, i);
      else end = -1;
      if (end < 0) {
        if (final) fail("the document ends inside markup");
        break;
      }
      i = end;
    }
    this.at = i;
  }

  private declaration(decl: string): void {
    if (!DECL.test(decl)) fail("a malformed XML declaration");
    const attrs: ScannedAttrs = {};
    const body = decl.slice(5, -2);
    DECL_ATTR.lastIndex = 0;
    let pos = 0;
    const names: string[] = [];
    for (let m = DECL_ATTR.exec(body); m; m = DECL_ATTR.exec(body)) {
      names.push(m[1] as string);
      attrs[m[1] as string] = m[2] ?? m[3] ?? "";
      pos = DECL_ATTR.lastIndex;
    }
    if (body.slice(pos).trim() !== "" || !DECL_ORDERS.has(names.join(" "))) fail("a malformed XML declaration");
    if (attrs.encoding !== undefined && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(attrs.encoding)) fail("a bad encoding name in the XML declaration");
    const version = attrs.version;
    if (version === undefined || !/^1\.[0-9]+$/.test(version)) fail("the XML declaration has no version 1.x");
    if (attrs.standalone !== undefined && attrs.standalone !== "yes" && attrs.standalone !== "no") fail("a bad standalone value in the XML declaration");
    this.events.xmlDecl(attrs);
  }

  private textRun(raw: string): void {
    if (raw.length < 64) {
      for (let k = 0; k < raw.length; k++) {
        const c = raw.charCodeAt(k);
        if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff) fail("a character XML does not allow");
      }
    } else if (ILLEGAL_CHAR.test(raw)) fail("a character XML does not allow");
    if (raw.includes("]]>")) fail("']]>' in text");
    if (this.stack.length === 0) {
      for (let k = 0; k < raw.length; k++) if (!isSpace(raw.charCodeAt(k))) fail("text outside the root element");
      return;
    }
    const text = raw.includes("&") ? resolveReferences(raw) : raw;
    if (text.length) this.events.text(text);
  }

  /** Reads a Name from `from`; returns its end, or -1 when the buffer ends first. */
  private nameEnd(s: string, from: number): number {
    const n = s.length;
    if (from >= n) return -1;
    let c = s.codePointAt(from) as number;
    if (!isNameStartCode(c)) fail("a name that starts with a character names cannot start with");
    let i = from + (c > 0xffff ? 2 : 1);
    for (; i < n; i += c > 0xffff ? 2 : 1) {
      c = s.charCodeAt(i);
      if (c < 0x80) {
        if (!isNameCode(c)) return i;
        continue;
      }
      c = s.codePointAt(i) as number;
      if (!isNameCode(c)) return i;
    }
    return -1;
  }

  private startTag(s: string, lt: number): number {
    if (this.seenRoot && this.stack.length === 0) fail("a second root element");
    const nameEnd = this.nameEnd(s, lt + 1);
    if (nameEnd < 0) return -1;
    const name = nameOf(s, lt + 1, nameEnd);
    const names = this.names;
    const values = this.values;
    let count = 0;
    const n = s.length;
    let i = nameEnd;
    for (;;) {
      let spaced = false;
      while (i < n && isSpace(s.charCodeAt(i))) {
        i++;
        spaced = true;
      }
      if (i >= n) return -1;
      const c = s.charCodeAt(i);
      if (c === GT || c === SLASH) {
        if (c === SLASH) {
          if (i + 1 >= n) return -1;
          if (s.charCodeAt(i + 1) !== GT) fail(`a '/' inside <${name.slice(0, 40)}>`);
        }
        const selfClosing = c === SLASH;
        this.seenRoot = true;
        this.stack.push(name);
        this.events.openTag(name, attributesOf(names, values, count), selfClosing);
        if (selfClosing) {
          this.stack.pop();
          this.events.closeTag(name);
          return i + 2;
        }
        return i + 1;
      }
      if (!spaced) fail(`attributes of <${name.slice(0, 40)}> not separated by white space`);
      const attrEnd = this.nameEnd(s, i);
      if (attrEnd < 0) return -1;
      const attr = nameOf(s, i, attrEnd);
      i = attrEnd;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (s.charCodeAt(i) !== EQ) fail(`attribute '${attr.slice(0, 40)}' has no value`);
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const q = s.charCodeAt(i);
      if (q !== QUOT && q !== APOS) fail(`attribute '${attr.slice(0, 40)}' has an unquoted value`);
      const close = s.indexOf(q === QUOT ? '"' : "'", i + 1);
      if (close < 0) return -1;
      // One pass over the value (most are a few characters): markup, forbidden characters, work to do.
      let work = false;
      for (let k = i + 1; k < close; k++) {
        const c = s.charCodeAt(k);
        if (c < 0x20) {
          if (c !== 9 && c !== 10) fail("a character XML does not allow");
          work = true;
        } else if (c === LT) fail(`attribute '${attr.slice(0, 40)}' holds a '<'`);
        else if (c === AMP_CODE) work = true;
        else if (c >= 0xfffe && c <= 0xffff) fail("a character XML does not allow");
      }
      // One-character values (a cell's type, most styles) without a new string each time.
      const value = work ? resolveAttributeValue(s.slice(i + 1, close)) : close === i + 2 ? nameOf(s, i + 1, close) : s.slice(i + 1, close);
      for (let k = 0; k < count; k++) if (names[k] === attr) fail(`attribute '${attr.slice(0, 40)}' given twice`);
      this.events.attribute();
      names[count] = attr;
      values[count] = value;
      count++;
      i = close + 1;
    }
  }

  private endTag(s: string, lt: number): number {
    // Nearly always the end tag names the open element: compared in place, no name read or sliced.
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined && s.startsWith(open, lt + 2)) {
      let i = lt + 2 + open.length;
      const n = s.length;
      if (i >= n) return -1;
      let c = s.charCodeAt(i);
      if (c === GT || isSpace(c)) {
        while (isSpace(c) && ++i < n) c = s.charCodeAt(i);
        if (i >= n) return -1;
        if (c === GT) {
          this.stack.pop();
          this.events.closeTag(open);
          return i + 1;
        }
      }
    }
    return this.endTagByName(s, lt);
  }

  /** An end tag read by its name: one that closes another element, or is malformed. */
  private endTagByName(s: string, lt: number): number {
    const nameEnd = this.nameEnd(s, lt + 2);
    if (nameEnd < 0) return -1;
    const name = nameOf(s, lt + 2, nameEnd);
    const n = s.length;
    let i = nameEnd;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) return -1;
    if (s.charCodeAt(i) !== GT) fail(`a malformed end tag </${name.slice(0, 40)}>`);
    const open = this.stack[this.stack.length - 1];
    if (open !== name) fail(open === undefined ? `an end tag </${name.slice(0, 40)}> with no element open` : `</${name.slice(0, 40)}> closes <${open.slice(0, 40)}>`);
    this.stack.pop();
    this.events.closeTag(name);
    return i + 1;
  }

  private bang(s: string, lt: number, final: boolean): number {
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("--", lt + 4);
      if (end < 0) return -1;
      if (end + 2 >= s.length) return final ? fail("an unclosed comment") : -1;
      if (s.charCodeAt(end + 2) !== GT) fail("'--' inside a comment");
      if (ILLEGAL_CHAR.test(s.slice(lt + 4, end))) fail("a character XML does not allow");
      return end + 3;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      if (this.stack.length === 0) fail("a CDATA section outside the root element");
      const end = s.indexOf("]]>", lt + 9);
      if (end < 0) return -1;
      const text = s.slice(lt + 9, end);
      if (ILLEGAL_CHAR.test(text)) fail("a character XML does not allow");
      if (text.length) this.events.text(text);
      return end + 3;
    }
    // "<!" cut by the chunk's end may still become a comment or a CDATA section (or a DOCTYPE,
    // which the screen before this refuses with its own code once it has the next chunk).
    if (!final && s.length - lt < 9) return -1;
    return fail("markup starting '<!' that is neither a comment nor a CDATA section");
  }

  private pi(s: string, lt: number): number {
    const nameEnd = this.nameEnd(s, lt + 2);
    if (nameEnd < 0) return -1;
    const target = s.slice(lt + 2, nameEnd);
    if (target.toLowerCase() === "xml") fail("an XML declaration that is not at the start");
    const end = s.indexOf("?>", nameEnd);
    if (end < 0) return -1;
    if (end > nameEnd && !isSpace(s.charCodeAt(nameEnd))) fail(`a malformed processing instruction '${target.slice(0, 40)}'`);
    if (ILLEGAL_CHAR.test(s.slice(nameEnd, end))) fail("a character XML does not allow");
    return end + 2;
  }
}

const NO_ATTRIBUTES: ScannedAttrs = Object.freeze({});

/**
 * The attributes as an object. The shapes of nearly every element of a sheet (a cell: r, s, t;
 * a row: r) are built as literals: adding properties one by one to fresh objects at one place in
 * the code is what V8 does slowest, and a sheet has tens of thousands of cells.
 */
function attributesOf(names: readonly string[], values: readonly string[], count: number): ScannedAttrs {
  if (count === 0) return NO_ATTRIBUTES;
  const v0 = values[0] as string;
  if (names[0] === "r") {
    if (count === 1) return { r: v0 };
    const v1 = values[1] as string;
    if (names[1] === "s") {
      if (count === 2) return { r: v0, s: v1 };
      if (count === 3 && names[2] === "t") return { r: v0, s: v1, t: values[2] as string };
    } else if (names[1] === "t" && count === 2) return { r: v0, t: v1 };
  }
  const attrs: ScannedAttrs = {};
  for (let k = 0; k < count; k++) {
    const name = names[k] as string;
    const value = values[k] as string;
    // Values are strings, and "__proto__" is an attribute like any other, not the object's prototype.
    if (name === "__proto__") Object.defineProperty(attrs, name, { value, enumerable: true, writable: true, configurable: true });
    else attrs[name] = value;
  }
  return attrs;
}

/** An attribute value: white space characters become spaces, then references are resolved (XML 1.0 §3.3.3). */
function resolveAttributeValue(raw: string): string {
  return resolveReferences(/[\t\n]/.test(raw) ? raw.replace(/[\t\n]/g, " ") : raw);
}
