import type { RegisterRow } from "../../src/core/consolidation/register";

/** A register row of a Pact 2026 initial return with no findings; `extra` sets what a test is about. */
export function registerRow(extra: Partial<RegisterRow> & Pick<RegisterRow, "file" | "sheet" | "party" | "status">): RegisterRow {
  return {
    framework: "pact-2008",
    partyName: "",
    cycle: "2026",
    round: "initial",
    version: "1.0",
    modified: "",
    received: "",
    sha256: "",
    errors: 0,
    warnings: 0,
    late: false,
    withheld: false,
    dissemination: "",
    note: "",
    ...extra,
  };
}
