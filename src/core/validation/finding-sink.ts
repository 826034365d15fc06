import { cellAddress } from "../grid/grid";
import type { Finding } from "./finding";
import type { RuleCode } from "./rule-codes";
import { formatMessage, rule, type Params } from "./rules";

/** Where a finding points: a cell (zero-based) and the item it concerns. */
export interface FindingPlace {
  readonly row?: number;
  readonly col?: number;
  readonly ref?: string;
  readonly suggestion?: string;
  /** The column's type, where the rule words its advice per type. */
  readonly columnType?: "text" | "list" | "date";
}

/** Collects one sheet's findings, each from the rule registry with its message filled in. */
export class FindingSink {
  readonly list: Finding[] = [];
  constructor(private readonly sheet: string) {}

  /** Withdraws the findings a later look at the whole sheet shows were not due (an answer given elsewhere). */
  withdraw(unfounded: (f: Finding) => boolean): void {
    // In place, one by one: a sheet can hold hundreds of thousands of findings, too many to spread as arguments.
    let kept = 0;
    for (const f of this.list) if (!unfounded(f)) this.list[kept++] = f;
    this.list.length = kept;
  }

  add(code: RuleCode, params: Params, place: FindingPlace = {}): void {
    const r = rule(code);
    this.list.push({
      code,
      severity: r.severity,
      sheet: this.sheet,
      ...(place.row !== undefined ? { cell: cellAddress(place.row, place.col ?? 0) } : {}),
      ...(place.ref ? { ref: place.ref } : {}),
      message: formatMessage((place.columnType && r.byColumnType?.[place.columnType]) || r.message, params),
      ...(place.suggestion ? { suggestion: place.suggestion } : {}),
    });
  }
}
