import { CodedError } from "../../../core/errors/coded-error";
import { READ_TOO_MANY_ITEMS } from "../codes";
import { decodeXstring } from "../../ooxml-string";
import type { Attrs, XmlHandler } from "../xml-stream";
import { appendBounded } from "./bounds";

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
 */
export function detached(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
