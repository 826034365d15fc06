import { columnLetters } from "../grid/grid";
import type { CellValue } from "../template/spec";
import { valueText } from "./entry-values";
import type { FindingSink } from "./finding-sink";
import type { HeaderStray } from "./header-block";

/** Text typed where the template reads nothing is named, so it does not vanish: in a hidden column, as hidden (PT-STRUCT-010). */
export function nameStray(area: string, row: number, col: number, v: CellValue, hidden: ReadonlySet<number>, sink: FindingSink): void {
  sink.add(hidden.has(col) ? "PT-STRUCT-010" : "PT-STRUCT-009", { area, column: columnLetters(col), value: valueText(v).slice(0, 60) }, { row, col });
}

/** Header strays are typed text that is not read: each is named. */
export function checkHeaderBlock(strays: readonly HeaderStray[], hidden: ReadonlySet<number>, sink: FindingSink): void {
  for (const c of strays) nameStray("header", c.row, c.col, c.value, hidden, sink);
}
