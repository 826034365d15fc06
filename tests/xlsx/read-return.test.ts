import { createHash } from "node:crypto";
import { readReturnBytes } from "../../src/xlsx/read-return";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { RULE_CASES, caseReturn } from "../support/rule-cases";
import { filledReturn } from "../support/xlsx-returns";

describe("readReturnBytes (the pane's reading of a returned file)", () => {
  it("reads and validates a return as the CLI does, with its SHA-256", async () => {
    const c = RULE_CASES.find((x) => x.code === "PT-CONT-005");
    if (!c) throw new Error("no case");
    const { spec, broken } = caseReturn(c);
    const bytes = await filledReturn(spec, broken);
    const outcome = readReturnBytes(bytes, "AT.xlsx", catalogue);
    if ("error" in outcome) throw new Error(outcome.error.message);
    expect(outcome.source.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(outcome.validation.findings.map((f) => f.code)).toContain("PT-CONT-005");
  });

  it("turns a refused file into an outcome with the reader's code", () => {
    const outcome = readReturnBytes(new TextEncoder().encode("not a workbook"), "notes.xlsx", catalogue);
    expect(outcome).toEqual({ source: { file: "notes.xlsx", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, error: { code: "PT-READ-001", message: expect.any(String) } });
  });

  it("finds a valid return ready to submit", async () => {
    const { spec, framework, party } = templateSpec("emn-ahq-2010", "SE");
    const outcome = readReturnBytes(await filledReturn(spec, fillAll(spec, framework, party)), "SE.xlsx", catalogue);
    expect("validation" in outcome && outcome.validation.readyToSubmit).toBe(true);
  });

  it("checks a filled return with 130,000 cells typed outside the table, naming them, without running out of stack", async () => {
    const { spec, framework, party } = templateSpec("emn-ahq-2010", "SE");
    const sheet = spec.sheets[0]?.name ?? "";
    const extra = Array.from({ length: 130_000 }, (_, i) => ({ sheet, row: 40 + Math.floor(i / 10), col: 6 + (i % 10), value: `note ${i}` }));
    const outcome = readReturnBytes(await filledReturn(spec, [...fillAll(spec, framework, party), ...extra]), "SE.xlsx", catalogue);
    if ("error" in outcome) throw new Error(outcome.error.message);
    expect(outcome.validation.findings.filter((f) => f.code === "PT-STRUCT-009")).toHaveLength(130_000);
    expect(outcome.validation.contributions[0]?.entries.size).toBe(5);
  }, 120_000);

  it("refuses a file that breaks our own checking with PT-READ-017 and what failed, instead of stopping the batch", async () => {
    const { spec, framework, party } = templateSpec("emn-ahq-2010", "SE");
    const bytes = await filledReturn(spec, fillAll(spec, framework, party));
    const broken = Object.create(catalogue, { findFramework: { value: () => { throw new RangeError("Maximum call stack size exceeded"); } } }) as typeof catalogue;
    const outcome = readReturnBytes(bytes, "SE.xlsx", broken);
    expect(outcome).toEqual({ source: { file: "SE.xlsx", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, error: { code: "PT-READ-017", message: expect.stringContaining("RangeError: Maximum call stack size exceeded") } });
  });
});
