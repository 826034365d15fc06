import { STRICT_EXCLUDED, buildRegister, type ReadOutcome } from "../../../src/core/consolidation/register";
import { carriedFor, previousFromReturns, PREVIOUS_OTHER_PARTY, PREVIOUS_SAME_CYCLE } from "../../../src/core/cycles/previous";
import { CARRIED_SHEET } from "../../../src/core/cycles/carried";
import { META_ROWS, tableColumns } from "../../../src/core/template/layout";
import { cellAddress } from "../../../src/core/grid/grid";
import { rule } from "../../../src/core/validation/rules";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { checkUpdate } from "../../../src/core/validation/update-round";
import type { CellValue, WorkbookSpec } from "../../../src/core/template/spec";
import { catalogue, editAt, fillAll, gridsWith, templateSpec, type Edit } from "../../support/returns";

/**
 * An update round gives what changed (README, "The update round"): its empty entries are no
 * errors on the sheet alone (one PT-CONT-020 info), keep the initial return's at consolidation,
 * and are errors there only where the initial return does not give them either (PT-CONT-021).
 */

const pact = catalogue.framework("pact-2008");
const be = catalogue.party(pact, "BE");
const ACTIONS = pact.entryColumns.find((c) => c.id === "actions")?.header ?? "";
const FACTUAL = 1;

function outcome(file: string, spec: WorkbookSpec, edits: readonly Edit[]): ReadOutcome {
  return { source: { file, sha256: `sha-${file}`, received: file.includes("update") ? "2027-01-10" : "2026-11-10" }, validation: validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue) };
}

function initialReturn(file = "BE.xlsx", change: (spec: WorkbookSpec, edits: Edit[]) => Edit[] = (_, e) => e): ReadOutcome {
  const { spec } = templateSpec("pact-2008", "BE", "initial", "2026");
  return outcome(file, spec, change(spec, fillAll(spec, pact, be)));
}

/** An update that fills only two rows of the factual table: what changed since the initial return. */
function partialUpdate(file = "BE-update.xlsx", rows: readonly string[] = ["I(a)", "II(b)"]): ReadOutcome {
  const { spec } = templateSpec("pact-2008", "BE", "update", "2026");
  return outcome(file, spec, rows.map((ref) => editAt(spec, pact, ref, ACTIONS, `Updated in January: ${ref}.`, FACTUAL)));
}

const findingsOf = (o: ReadOutcome) => ("validation" in o ? o.validation.findings : []);

describe("an update validated on its own", () => {
  it("has no errors for the entries it leaves empty, one info per sheet saying they keep the initial return's", () => {
    const update = partialUpdate();
    if (!("validation" in update)) throw new Error("unreadable");
    expect(update.validation.counts.errors).toBe(0);
    expect(update.validation.readyToSubmit).toBe(true);
    const info = findingsOf(update);
    expect(info.map((f) => [f.code, f.severity, f.cell])).toEqual([
      ["PT-CONT-020", "info", cellAddress(META_ROWS.round, 1)],
      ["PT-CONT-020", "info", cellAddress(META_ROWS.round, 1)],
    ]);
    const items = pact.areas.flatMap((a) => a.items).length;
    const required = pact.entryColumns.filter((c) => c.required).length;
    expect(info[1]?.message).toMatch(new RegExp(`^This update leaves ${items * required - 2} required entries empty \\(I\\(a\\), I\\(b\\), .* and \\d+ more items\\): an update gives only what changed`));
    const factual = update.validation.contributions[FACTUAL];
    expect(factual?.emptyRequired).toHaveLength(items * required - 2);
    expect(factual?.emptyRequired?.some((e) => e.ref === "I(a)" && e.column === "actions")).toBe(false);
  });

  it("the rule is data: PT-CONT-020 info, PT-CONT-021 an error checked at consolidation", () => {
    expect([rule("PT-CONT-020").severity, rule("PT-CONT-020").stage]).toEqual(["info", undefined]);
    expect([rule("PT-CONT-021").severity, rule("PT-CONT-021").stage]).toEqual(["error", "consolidation"]);
  });

  it("the same empty entries in an initial return are errors, PT-CONT-001", () => {
    const { spec } = templateSpec("pact-2008", "BE", "initial", "2026");
    const o = outcome("BE.xlsx", spec, [editAt(spec, pact, "I(a)", ACTIONS, "Only this.", FACTUAL)]);
    expect(findingsOf(o).every((f) => f.code === "PT-CONT-001" && f.severity === "error")).toBe(true);
    expect(findingsOf(o).length).toBeGreaterThan(70);
  });

  it("a fully filled update has no findings at all", () => {
    const { spec } = templateSpec("pact-2008", "BE", "update", "2026");
    expect(findingsOf(outcome("BE-update.xlsx", spec, fillAll(spec, pact, be)))).toEqual([]);
  });
});

describe("an update at consolidation", () => {
  const valueIn = (reg: ReturnType<typeof buildRegister>, ref: string, col: string): { value: CellValue; from: string } => {
    const response = reg.responses.find((r) => r.role === "factual");
    const e = response?.entries.get(ref)?.get(col);
    return { value: e?.value ?? null, from: e?.from.source.file ?? "" };
  };

  it.each([false, true])("merges per entry with the initial return, clean (strict %s)", (strict) => {
    const reg = buildRegister([partialUpdate(), initialReturn()], catalogue, { strict });
    expect(reg.rows.map((r) => [r.file, r.round, r.status, r.errors])).toEqual([
      ["BE-update.xlsx", "update", "accepted", 0],
      ["BE-update.xlsx", "update", "accepted", 0],
      ["BE.xlsx", "initial", "accepted", 0],
      ["BE.xlsx", "initial", "accepted", 0],
    ]);
    expect(valueIn(reg, "I(a)", "actions")).toEqual({ value: "Updated in January: I(a).", from: "BE-update.xlsx" });
    expect(valueIn(reg, "II(b)", "actions")).toEqual({ value: "Updated in January: II(b).", from: "BE-update.xlsx" });
    expect(valueIn(reg, "I(b)", "actions").from).toBe("BE.xlsx");
    expect(valueIn(reg, "I(a)", "planned").from).toBe("BE.xlsx");
    expect(reg.rows.find((r) => r.file === "BE-update.xlsx" && r.sheet.endsWith("factual"))?.note).toMatch(/entries carried from BE\.xlsx › pact-2008 BE factual/);
  });

  it("an entry empty in the update and in the initial return is PT-CONT-021 on the update", () => {
    const gap = (spec: WorkbookSpec, edits: Edit[]): Edit[] => [...edits, editAt(spec, pact, "III(a)", ACTIONS, null, FACTUAL)];
    const reg = buildRegister([partialUpdate(), initialReturn("BE.xlsx", gap)], catalogue);
    const update = reg.responses.find((r) => r.role === "factual")?.latest.sheet;
    const empty = update?.findings.filter((f) => f.code === "PT-CONT-021") ?? [];
    expect(empty.map((f) => [f.severity, f.ref])).toEqual([["error", "III(a)"]]);
    expect(empty[0]?.message).toBe(`${ACTIONS} is empty for III(a) in this update, and the initial return (BE.xlsx › pact-2008 BE factual) does not give it either: fill it or write "nothing to report".`);
    const row = reg.rows.find((r) => r.file === "BE-update.xlsx" && r.sheet.endsWith("factual"));
    expect([row?.status, row?.errors]).toEqual(["accepted with errors", 1]);
    expect(row?.note).toContain("1 entry empty in this update and in the initial return (PT-CONT-021): III(a)");
  });

  it("under --strict an initial return left out leaves the update's empty entries to nothing: it is left out too, saying why", () => {
    const gap = (spec: WorkbookSpec, edits: Edit[]): Edit[] => [...edits, editAt(spec, pact, "III(a)", ACTIONS, null, FACTUAL)];
    const reg = buildRegister([partialUpdate(), initialReturn("BE.xlsx", gap)], catalogue, { strict: true });
    const factual = reg.rows.filter((r) => r.sheet.endsWith("factual"));
    expect(factual.map((r) => [r.file, r.status, r.reason?.code])).toEqual([
      ["BE-update.xlsx", "rejected", STRICT_EXCLUDED],
      ["BE.xlsx", "rejected", STRICT_EXCLUDED],
    ]);
    expect(factual[0]?.reason?.message).toMatch(/^left out under --strict: \d+ errors \(\d+ entries empty in this update and in the initial return, PT-CONT-021\)$/);
    // The political report's sheets are clean and still merged.
    expect(reg.rows.filter((r) => r.sheet.endsWith("report")).map((r) => r.status)).toEqual(["accepted", "accepted"]);
  });

  it("an update without its initial return among the inputs: its empty entries are errors there", () => {
    const reg = buildRegister([partialUpdate()], catalogue);
    const sheet = reg.responses.find((r) => r.role === "factual")?.latest.sheet;
    const empty = sheet?.findings.filter((f) => f.code === "PT-CONT-021") ?? [];
    expect(empty).toHaveLength(sheet?.emptyRequired?.length ?? -1);
    expect(empty.length).toBeGreaterThan(60);
    expect(empty[0]?.message).toContain("and no initial return of this party and cycle is among the inputs:");
    expect(buildRegister([partialUpdate()], catalogue, { strict: true }).responses).toEqual([]);
  });

  it("an entry the initial return was excused from (not taking part) needs nothing from the update", () => {
    const prague = catalogue.framework("prague-ap-2023");
    const ge = catalogue.party(prague, "GE");
    const { spec } = templateSpec("prague-ap-2023", "GE", "initial", "2026");
    const participation = editAt(spec, prague, "III.4", "Participation", "no");
    const initial = outcome("GE.xlsx", spec, [...fillAll(spec, prague, ge).filter((e) => e.row !== participation.row), participation]);
    expect(findingsOf(initial)).toEqual([]);
    const upd = templateSpec("prague-ap-2023", "GE", "update", "2026").spec;
    const update = outcome("GE-update.xlsx", upd, [editAt(upd, prague, "I.1", "Status", "completed"), editAt(upd, prague, "I.1", "End date", { date: "2025-06-30" })]);
    const reg = buildRegister([initial, update], catalogue, { strict: true });
    expect(reg.rows.map((r) => [r.file, r.status, r.errors])).toEqual([
      ["GE-update.xlsx", "accepted", 0],
      ["GE.xlsx", "accepted", 0],
    ]);
  });

  it("checkUpdate says nothing of an initial return", () => {
    const initial = initialReturn();
    if (!("validation" in initial)) throw new Error("unreadable");
    for (const sheet of initial.validation.contributions) expect(checkUpdate(sheet, [])).toEqual([]);
  });
});

describe("an update started from its own cycle's initial return", () => {
  const initial = () => previousFromReturns([initialReturn()], catalogue);

  it("carries the initial return's entries (round update); an initial round of the same cycle is still PT-CYCLE-004", () => {
    const start = carriedFor(initial(), pact, be, "2026", "BE.xlsx", "update");
    expect(start.carried.cycle).toBe("2026");
    expect(start.carried.entries.get("factual")?.get("I(a)")?.["actions"]).toEqual(expect.stringContaining("Belgium"));
    expect(() => carriedFor(initial(), pact, be, "2026", "BE.xlsx")).toThrow(expect.objectContaining({ code: PREVIOUS_SAME_CYCLE }));
  });

  it("a later cycle's return, or another party's, is still refused with its code", () => {
    expect(() => carriedFor(initial(), pact, be, "2025", "BE.xlsx", "update")).toThrow(expect.objectContaining({ code: PREVIOUS_SAME_CYCLE, message: expect.stringContaining("not of cycle 2025 (its initial return) or a cycle before") }));
    expect(() => carriedFor(initial(), pact, catalogue.party(pact, "FR"), "2026", "BE.xlsx", "update")).toThrow(expect.objectContaining({ code: PREVIOUS_OTHER_PARTY }));
  });

  it("the template has no 'last cycle' column, and untouched it validates without findings (no 'unchanged' warnings)", () => {
    const start = carriedFor(initial(), pact, be, "2026", "BE.xlsx", "update");
    const { spec } = templateSpec("pact-2008", "BE", "update", "2026", start.carried);
    expect(spec.sheets.map((s) => s.name)).toContain(CARRIED_SHEET);
    const factual = spec.sheets[FACTUAL];
    const headers = factual?.cells.filter((c) => c.style === "columnHeader").map((c) => c.value) ?? [];
    expect(headers).toEqual(tableColumns(pact, "factual", "BE").map((c) => c.header));
    expect(String(factual?.cells.find((c) => c.style === "instructions")?.value)).toContain("Started from your initial return of cycle 2026");
    const result = validateWorkbook(gridsWith(spec, []).map((grid) => ({ grid })), catalogue);
    expect(result.findings).toEqual([]);
    // Changing one entry is an update; consolidated with the initial, the change wins.
    const changed = outcome("BE-update.xlsx", spec, [editAt(spec, pact, "I(a)", ACTIONS, "Changed in January.", FACTUAL)]);
    expect(findingsOf(changed)).toEqual([]);
    const reg = buildRegister([initialReturn(), changed], catalogue, { strict: true });
    expect(reg.responses.find((r) => r.role === "factual")?.entries.get("I(a)")?.get("actions")?.value).toBe("Changed in January.");
  });
});
