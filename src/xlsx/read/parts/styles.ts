import { FORMAT_BOUNDS } from "../limits";
import { isDateFormat } from "../../../core/grid/number-format";
import type { Attrs, XmlHandler } from "../xml-stream";
import { checkCount } from "./bounds";

/**
 * xl/styles.xml, only as far as dates need: the number format of each cell format (cellXfs,
 * which a cell's `s` indexes) and the workbook's own format codes.
 */
export class StylesPart implements XmlHandler {
  private readonly codes = new Map<number, string>();
  private readonly xfFormats: number[] = [];

  open(name: string, attrs: Attrs, path: readonly string[]): void {
    const parent = path[path.length - 2];
    if (name === "numFmt" && parent === "numFmts") {
      checkCount(this.codes.size, FORMAT_BOUNDS.cellFormats, "number formats");
      const id = formatId(attrs.numFmtId);
      if (attrs.formatCode !== undefined) this.codes.set(id, attrs.formatCode);
    } else if (name === "xf" && parent === "cellXfs") {
      checkCount(this.xfFormats.length, FORMAT_BOUNDS.cellFormats, "cell formats (Excel's limit)");
      this.xfFormats.push(formatId(attrs.numFmtId));
    }
  }

  close(): void {}
  text(): void {}

  /** For each cell format index, whether it shows a date. */
  dateStyles(): boolean[] {
    return this.xfFormats.map((id) => isDateFormat(id, this.codes.get(id)));
  }
}

/** A missing or unreadable id is General (0), as Excel treats it. */
function formatId(v: string | undefined): number {
  return v !== undefined && /^\d{1,6}$/.test(v) ? Number(v) : 0;
}
