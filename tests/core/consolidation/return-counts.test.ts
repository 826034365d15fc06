import { RETURNED_EMPTY_NOTE, type RegisterRow } from "../../../src/core/consolidation/register";
import { registerRow } from "../../support/register-row";
import { RETURN_STATUSES, countRegister, groupReturns, sheetStatus } from "../../../src/core/consolidation/return-counts";

const row = (file: string, sheet: string, status: RegisterRow["status"], extra: Partial<RegisterRow> = {}): RegisterRow =>
  registerRow({ file, sheet, party: file.slice(0, 2), status, received: "2026-11-10", ...extra });

describe("one counting of returns: by return and by sheet", () => {
  const rows: RegisterRow[] = [
    // A Pact return, late: one return, two sheets, both late.
    row("EL.xlsx", "report", "accepted", { late: true }),
    row("EL.xlsx", "table", "accepted with errors", { errors: 2, late: true }),
    // Filled report, blank table: the return is accepted with errors (its table's); that sheet is returned empty.
    row("FR.xlsx", "report", "accepted"),
    row("FR.xlsx", "table", "accepted with errors", { errors: 30, note: RETURNED_EMPTY_NOTE }),
    // Blank in both: returned empty, as a return and per sheet.
    row("DE.xlsx", "report", "accepted with errors", { errors: 20, note: RETURNED_EMPTY_NOTE }),
    row("DE.xlsx", "table", "accepted with errors", { errors: 30, note: `${RETURNED_EMPTY_NOTE}; withheld from the public edition (no)`, withheld: true }),
    // One sheet of a return rejected: the return is rejected.
    row("IT.xlsx", "report", "accepted"),
    row("IT.xlsx", "table", "rejected", { reason: { code: "PT-STRUCT-011", message: "no round" } }),
    // Superseded by a later one; an unreadable file.
    row("AT-old.xlsx", "report", "superseded", { party: "AT" }),
    row("AT.xlsx", "report", "accepted", { party: "AT", withheld: true }),
    row("scan.xlsx", "", "rejected", { framework: "", party: "", cycle: "", round: "", reason: { code: "PT-READ-001", message: "not a workbook" } }),
  ];

  it("groups a party's sheets of one file, framework, cycle and round into one return", () => {
    expect(groupReturns(rows).map((g) => [g.file, g.rows.length, g.status, g.late, g.withheld])).toEqual([
      ["EL.xlsx", 2, "accepted with errors", true, false],
      ["FR.xlsx", 2, "accepted with errors", false, false],
      ["DE.xlsx", 2, "returned empty", false, true],
      ["IT.xlsx", 2, "rejected", false, false],
      ["AT-old.xlsx", 1, "superseded", false, false],
      ["AT.xlsx", 1, "accepted", false, true],
      ["scan.xlsx", 1, "rejected", false, false],
    ]);
  });

  it("counts every input once at each unit: the statuses add up to what was received", () => {
    const { returns, sheets } = countRegister(rows);
    expect(returns).toEqual({ received: 7, accepted: 1, "accepted with errors": 2, "returned empty": 1, superseded: 1, rejected: 2, late: 1, withheld: 2 });
    expect(sheets).toEqual({ received: 11, accepted: 4, "accepted with errors": 1, "returned empty": 3, superseded: 1, rejected: 2, late: 2, withheld: 2 });
    for (const t of [returns, sheets]) expect(RETURN_STATUSES.reduce((n, s) => n + t[s], 0)).toBe(t.received);
  });

  it("a sheet's status is the register's, a blank template in the report being returned empty", () => {
    expect(rows.map(sheetStatus)).toEqual(["accepted", "accepted with errors", "accepted", "returned empty", "returned empty", "returned empty", "accepted", "rejected", "superseded", "accepted", "rejected"]);
    // Returned empty is only said of what is in the report.
    expect(sheetStatus(row("X.xlsx", "s", "superseded", { note: RETURNED_EMPTY_NOTE }))).toBe("superseded");
  });

  it("counts nothing in an empty register", () => {
    const zero = { received: 0, accepted: 0, "accepted with errors": 0, "returned empty": 0, superseded: 0, rejected: 0, late: 0, withheld: 0 };
    expect(countRegister([])).toEqual({ returns: zero, sheets: zero });
  });
});
