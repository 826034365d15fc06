import { CodedError } from "../../../core/errors/coded-error";
import { READ_TOO_MANY_ITEMS } from "../codes";
import { decodeXstring } from "../../ooxml-string";
import type { Attrs, XmlHandler } from "../xml-stream";
import { appendBounded } from "./bounds";
import { nodeScratchBuffer } from "../../native";

/**
 * xl/sharedStrings.xml. A string is its `t`, or its rich-text runs' `t`s joined; phonetic
 * guides (`rPh`) are not part of the text Excel shows, so they are skipped.
 */
export class SharedStringsPart implements XmlHandler {
  readonly strings: string[] = [];
  private current: string | undefined;
  private collecting = false;

  constructor(
    private readonly maxStrings: number,
    private readonly maxText: number,
  ) {}

  open(name: string, _attrs: Attrs, path: readonly string[]): void {
    const depth = path.length;
    if (name === "si" && depth === 2) {
      if (this.strings.length >= this.maxStrings) {
        throw new CodedError(READ_TOO_MANY_ITEMS, `the shared-string table holds more than ${this.maxStrings} strings`);
      }
      this.current = "";
    } else if (name === "t" && this.current !== undefined) {
      const parent = path[depth - 2];
      this.collecting = (parent === "si" && depth === 3) || (parent === "r" && depth === 4);
    }
  }

  text(text: string): void {
    if (this.collecting && this.current !== undefined) {
      this.current = appendBounded(this.current, text, this.maxText, `shared string ${this.strings.length}`);
    }
  }

  close(name: string): void {
    if (name === "t") this.collecting = false;
    else if (name === "si" && this.current !== undefined) {
      this.strings.push(detached(decodeXstring(this.current)));
      this.current = undefined;
    }
  }
}

/**
 * The text as a string of its own. Text the parser hands out is a slice of the part's decoded
 * text, and a slice keeps all of that alive (catalogue text, markup) for as long as any one
 * answer is kept: a thousand returns' answers would hold a thousand shared-string tables.
 *
 * In Node the copy is made one byte per character where every character fits (through a Buffer):
 * text sliced from a part decoded as UTF-16 — one "—" anywhere in the part is enough — would stay
 * UTF-16, twice the memory, and encoded ten times slower when the report is written.
 */
export function detached(s: string): string {
  if (s.length < 13) return s;
  const buffer = nodeScratchBuffer();
  if (!buffer || s.length > buffer.length || BEYOND_LATIN1.test(s)) return ` ${s}`.slice(1);
  return buffer.toString("latin1", 0, buffer.write(s, 0, "latin1"));
}

// eslint-disable-next-line no-control-regex -- every character up to U+00FF is what this allows
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;
