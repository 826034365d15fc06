import { CodedError } from "../../core/errors/coded-error";
import { READ_STRING_TOO_LONG, READ_TOO_MANY_ITEMS, READ_XML_DTD, READ_XML_MALFORMED } from "./codes";
import { FORMAT_BOUNDS } from "./limits";
import { XmlScanner, XmlSyntaxError } from "./xml-scanner";

/**
 * Streams one XML part through our strict scanner (xml-scanner.ts; namespaces are not processed)
 * and reports elements by *local* name, so `x:c` and `c` are the same element whatever prefix a
 * writer chose. Before any text reaches the scanner it is screened: a DOCTYPE or ENTITY
 * declaration is refused outright, and a run of text with no markup longer than the cap is
 * refused, which bounds what the scanner buffers.
 */

export type Attrs = Readonly<Record<string, string>>;

/** In every callback `path` ends with the current element's local name; earlier entries are its ancestors. */
export interface XmlHandler {
  open(name: string, attrs: Attrs, path: readonly string[]): void;
  close(name: string, path: readonly string[]): void;
  text(text: string, path: readonly string[]): void;
}

export function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
}

/** An attribute by local name whatever its prefix (e.g. r:id), ignoring namespace declarations. */
export function prefixedAttr(attrs: Attrs, local: string): string | undefined {
  for (const [k, v] of Object.entries(attrs)) {
    if (localName(k) === local && k.includes(":") && !k.startsWith("xmlns:")) return v;
  }
  return undefined;
}

/** xsd:boolean as OOXML writes it. */
export function xmlTrue(v: string | undefined): boolean {
  return v === "1" || v === "true";
}

const DTD = /<!(DOCTYPE|ENTITY)/i;
const DTD_TAIL = "<!DOCTYPE".length - 1;
const ENCODINGS = new Set(["utf-8", "utf8", "utf-16", "utf-16le", "utf-16be"]);

export class XmlStream {
  private readonly parser: XmlScanner;
  private readonly path: string[] = [];
  private decoder: TextDecoder | undefined;
  private tail = "";
  private run = 0;
  private attributes = 0;
  /** Set while our handler runs, so its errors are told from the scanner's own parse errors. */
  private inHandler = false;

  /** `maxRun`: longest text (or tag) allowed between two '<'. */
  constructor(
    private readonly handler: XmlHandler,
    private readonly part: string,
    private readonly maxRun: number,
  ) {
    this.parser = new XmlScanner({
      attribute: () => {
        if (++this.attributes > FORMAT_BOUNDS.attributesPerElement) {
          throw new CodedError(READ_TOO_MANY_ITEMS, `part '${part}' has an element with more than ${FORMAT_BOUNDS.attributesPerElement} attributes`);
        }
      },
      openTag: (qname, attrs) => {
        this.attributes = 0;
        const name = localName(qname);
        this.path.push(name);
        this.inHandler = true;
        handler.open(name, attrs, this.path);
        this.inHandler = false;
      },
      // The scanner checks a close tag names the element it closes, so its local name is the path's last.
      closeTag: () => {
        this.inHandler = true;
        handler.close(this.path[this.path.length - 1] as string, this.path);
        this.inHandler = false;
        this.path.pop();
      },
      text: (t) => this.text(t),
      xmlDecl: (decl) => {
        if (decl.encoding !== undefined && !ENCODINGS.has(decl.encoding.toLowerCase())) {
          throw new CodedError(READ_XML_MALFORMED, `part '${part}' declares encoding '${decl.encoding.slice(0, 40)}'; only UTF-8 and UTF-16 are read`);
        }
      },
    });
  }

  push(bytes: Uint8Array): void {
    this.decoder ??= pickDecoder(bytes);
    this.feed(this.decoder.decode(bytes, { stream: true }));
  }

  end(): void {
    this.decoder ??= utf8();
    this.feed(this.decoder.decode());
    this.guarded(() => this.parser.close());
  }

  private text(t: string): void {
    this.inHandler = true;
    this.handler.text(t, this.path);
    this.inHandler = false;
  }

  private feed(text: string): void {
    if (text.length === 0) return;
    // A declaration inside the chunk, or split across the end of the last one and its start.
    if (text.includes("<!") && DTD.test(text)) throw this.dtdError();
    if (this.tail && DTD.test(this.tail + text.slice(0, DTD_TAIL))) throw this.dtdError();
    this.tail = text.length >= DTD_TAIL ? text.slice(-DTD_TAIL) : (this.tail + text).slice(-DTD_TAIL);
    this.checkRuns(text);
    this.guarded(() => this.parser.write(text));
  }

  /** Runs the scanner; its syntax errors mean the XML is not well-formed. */
  private guarded(step: () => void): void {
    try {
      step();
    } catch (e) {
      if (e instanceof CodedError || this.inHandler || !(e instanceof XmlSyntaxError)) throw e;
      throw new CodedError(READ_XML_MALFORMED, `part '${this.part}' is not well-formed XML (${e.message})`);
    }
  }

  private checkRuns(text: string): void {
    const first = text.indexOf("<");
    if (first < 0) {
      this.run += text.length;
    } else {
      if (this.run + first > this.maxRun) this.runError();
      // Runs inside this chunk only need a scan when the chunk itself is longer than the cap.
      if (text.length > this.maxRun) {
        for (let at = first, next = text.indexOf("<", at + 1); next >= 0; at = next, next = text.indexOf("<", at + 1)) {
          if (next - at - 1 > this.maxRun) this.runError();
        }
      }
      this.run = text.length - text.lastIndexOf("<") - 1;
    }
    if (this.run > this.maxRun) this.runError();
  }

  private runError(): never {
    throw new CodedError(READ_STRING_TOO_LONG, `part '${this.part}' has more than ${this.maxRun} characters without markup`);
  }

  private dtdError(): CodedError {
    return new CodedError(READ_XML_DTD, `part '${this.part}' contains a DOCTYPE or ENTITY declaration, which workbooks never need; refused`);
  }
}

/** UTF-16 needs a byte-order mark (XML 1.0 §4.3.3); anything else is read as UTF-8. */
function pickDecoder(first: Uint8Array): TextDecoder {
  try {
    if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder("utf-16le");
    if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder("utf-16be");
  } catch {
    // A runtime without UTF-16 decoders: fall through; the parser will refuse the bytes.
  }
  return utf8();
}

let sharedUtf8: TextDecoder | undefined;

/**
 * One UTF-8 decoder for every part (making one costs more than decoding a small part). Parts are
 * parsed one after another, never interleaved; a part abandoned halfway (a refusal) may leave bytes
 * pending in it, so each part starts by flushing them away.
 */
function utf8(): TextDecoder {
  sharedUtf8 ??= new TextDecoder("utf-8");
  sharedUtf8.decode();
  return sharedUtf8;
}
