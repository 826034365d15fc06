import { TextDecoder, TextEncoder } from "node:util";
import { buildRegister } from "../../src/core/consolidation/register";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import type { SheetGrid } from "../../src/core/grid/grid";
import { META_ROWS } from "../../src/core/template/layout";
import type { Edit } from "../support/returns";
import { runConsolidation } from "../../src/taskpane/consolidate/run-consolidation";
import type { ConsolidationProgress, ConsolidationResult } from "../../src/taskpane/consolidate/protocol";
import { PANE_FILE_UNREADABLE } from "../../src/taskpane/errors";
import type { NamedBlob } from "../../src/taskpane/files/file-bytes";
import { readWorkbook } from "../../src/xlsx/read/read-workbook";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { catalogue, editAt, fillAll, templateSpec } from "../support/returns";
import { filledReturn } from "../support/xlsx-returns";
import { changeRowsOf } from "./support/changes-sheet";
import { outcomeOf } from "./support/outcomes";

/**
 * "Compare with an earlier cycle" as the worker runs it: real files of this cycle and the last, read
 * with the hardened reader, and the report's Changes sheet read back with our reader.
 */

globalThis.TextEncoder ??= TextEncoder as typeof globalThis.TextEncoder;
globalThis.TextDecoder ??= TextDecoder as typeof globalThis.TextDecoder;

const FW = "prague-ap-2023";
const NEW_TEXT = "Two new reception centres opened.";
const blob = (name: string, bytes: Uint8Array): NamedBlob => ({ name, lastModified: Date.UTC(2026, 10, 3, 9), arrayBuffer: async () => bytes.slice().buffer });
const gone = (name: string): NamedBlob => ({ name, arrayBuffer: () => Promise.reject(new Error("NotReadableError")) });

/** A party's return of a cycle, every entry filled (the same answers every cycle), with further edits. */
async function returnFile(frameworkId: string, party: string, cycle: string, more: (spec: ReturnType<typeof templateSpec>["spec"]) => Edit[] = () => []): Promise<NamedBlob> {
  const { spec, framework, party: p } = templateSpec(frameworkId, party, "initial", cycle);
  return blob(`${frameworkId}_${party}_${cycle}_initial.xlsx`, await filledReturn(spec, [...fillAll(spec, framework, p), ...more(spec)]));
}

const sheetNamed = (bytes: Uint8Array | undefined, name: string): SheetGrid | undefined => readWorkbook(bytes ?? new Uint8Array(), "report.xlsx").sheets.find((s) => s.grid.name === name)?.grid;

describe("Consolidate: compare with an earlier cycle (what the worker runs)", () => {
  let result: ConsolidationResult;
  const progress: ConsolidationProgress[] = [];
  const items = catalogue.framework(FW).areas.flatMap((a) => a.items.map((i) => i.ref));

  beforeAll(async () => {
    const framework = catalogue.framework(FW);
    // This cycle: Armenia changed one entry; Azerbaijan sent the same answers again; Georgia sent nothing.
    const am2026 = await returnFile(FW, "AM", "2026", (spec) => [editAt(spec, framework, "I.2", "Activities undertaken", NEW_TEXT)]);
    const az2026 = await returnFile(FW, "AZ", "2026");
    // Last cycle: three returns, merged as one cycle; our own combined report of 2024 a cycle of its own.
    const earlier = [await returnFile(FW, "AM", "2025"), await returnFile(FW, "AZ", "2025"), await returnFile(FW, "GE", "2025")];
    const am2024 = templateSpec(FW, "AM", "initial", "2024");
    const report2024 = buildCombinedReport(buildRegister([outcomeOf("AM-2024.xlsx", am2024.spec, fillAll(am2024.spec, am2024.framework, am2024.party))], catalogue), catalogue, { edition: "internal", generatedAt: "2025-01-20" });
    const unusable = [
      blob("covering-letter.xlsx", new TextEncoder().encode("Dear colleagues")),
      gone("moved.xlsx"),
      // This cycle's return given as last cycle's, and a return of a framework not consolidated.
      await returnFile(FW, "GE", "2026"),
      await returnFile("emn-ahq-2010", "AT", "2025"),
    ];
    result = await runConsolidation(
      {
        files: [az2026, am2026],
        previous: [...earlier, blob("combined-report_internal_2025-01-20.xlsx", await workbookBytes(report2024)), ...unusable],
        order: "protocol",
        strict: false,
        includeSpec: false,
        generatedOn: "2026-12-01",
      },
      { catalogue, writeBytes: workbookBytes },
      (p) => progress.push(p),
    );
  }, 180_000);

  it("reads the earlier cycle's files first, in name order, each said as such", () => {
    const reading = progress.flatMap((p) => (p.phase === "reading" ? [`${p.done}/${p.total} ${p.current}${p.earlier ? " (earlier)" : ""}`] : []));
    expect(reading).toEqual([
      "0/10 combined-report_internal_2025-01-20.xlsx (earlier)",
      "1/10 covering-letter.xlsx (earlier)",
      "2/10 emn-ahq-2010_AT_2025_initial.xlsx (earlier)",
      "3/10 moved.xlsx (earlier)",
      "4/10 prague-ap-2023_AM_2025_initial.xlsx (earlier)",
      "5/10 prague-ap-2023_AZ_2025_initial.xlsx (earlier)",
      "6/10 prague-ap-2023_GE_2025_initial.xlsx (earlier)",
      "7/10 prague-ap-2023_GE_2026_initial.xlsx (earlier)",
      "8/10 prague-ap-2023_AM_2026_initial.xlsx",
      "9/10 prague-ap-2023_AZ_2026_initial.xlsx",
      "10/10 ",
    ]);
    // The earlier cycle's files are not this cycle's returns: the register holds this cycle's only.
    expect(result.summary.rows.map((r) => r.file)).toEqual(["prague-ap-2023_AM_2026_initial.xlsx", "prague-ap-2023_AZ_2026_initial.xlsx"]);
  });

  it("says what was compared, where to look, and every earlier-cycle file not used with its code", () => {
    expect(result.comparison?.files).toHaveLength(8);
    expect(result.comparison?.compared).toEqual([
      { framework: FW, cycle: "2024", parties: ["AM"] },
      { framework: FW, cycle: "2025", parties: ["AM", "AZ", "GE"] },
    ]);
    expect(result.comparison?.sheets).toEqual([`${FW} changes`]);
    expect(result.comparison?.problems.map((p) => [p.file, p.code])).toEqual([
      ["covering-letter.xlsx", "PT-READ-001"],
      ["moved.xlsx", PANE_FILE_UNREADABLE],
      ["emn-ahq-2010_AT_2025_initial.xlsx", "PT-CYCLE-002"],
      ["prague-ap-2023_GE_2026_initial.xlsx", "PT-CYCLE-004"],
    ]);
    const [, , otherFramework, sameCycle] = result.comparison?.problems ?? [];
    expect(otherFramework?.message).toBe("emn-ahq-2010 cycle 2025 (1 party) is not compared: no return of emn-ahq-2010 is consolidated");
    expect(sameCycle?.message).toBe(`${FW} cycle 2026 (1 party) is not compared: it is not before the cycle consolidated (2026)`);
  });

  it("the internal report's Changes sheet, read back, lists exactly what changed, with both texts", () => {
    const changes = sheetNamed(result.reports?.internal, `${FW} changes`);
    if (!changes) throw new Error("no Changes sheet in the internal edition");
    expect(changes.text(0, 0)).toContain("changes since cycle 2025 — cycle 2026");
    const rows = changeRowsOf(changes);
    expect(rows.filter((r) => r.change === "changed")).toEqual([
      { ref: "I.2", code: "AM", change: "changed", column: "Activities undertaken", then: expect.stringContaining("Armenia: Activities undertaken for I.2."), now: NEW_TEXT },
    ]);
    expect(rows.filter((r) => r.change === "unchanged")).toHaveLength(2 * items.length - 1);
    expect(new Set(rows.filter((r) => r.change === "no return this cycle").map((r) => r.code))).toEqual(new Set(["GE"]));
    expect(rows.filter((r) => r.change === "new" || r.change === "no longer reported")).toEqual([]);
    // The coverage trend counts both earlier cycles.
    const coverage = sheetNamed(result.reports?.internal, `${FW} coverage`);
    const texts = [...(coverage?.cells() ?? [])].map((c) => String(c.value));
    expect(texts).toEqual(expect.arrayContaining(["Cycle 2024", "Cycle 2025", "Cycle 2026"]));
    // The public edition compares too.
    expect(sheetNamed(result.reports?.public, `${FW} changes`)).toBeDefined();
  });

  it("the internal Summary names the earlier-cycle inputs not used, with their codes", () => {
    const summary = sheetNamed(result.reports?.internal, "Summary");
    const lines = [...(summary?.cells() ?? [])].map((c) => String(c.value));
    for (const code of ["PT-READ-001", PANE_FILE_UNREADABLE, "PT-CYCLE-002", "PT-CYCLE-004"]) expect(lines.some((l) => l.startsWith(`${code} `))).toBe(true);
  });
});

describe("Consolidate: an earlier cycle nothing of which can be compared", () => {
  it("still makes the report, without a Changes sheet, and says why for each file", async () => {
    const result = await runConsolidation(
      { files: [await returnFile(FW, "AZ", "2026")], previous: [blob("notes.xlsx", new TextEncoder().encode("not a workbook"))], order: "protocol", strict: false, includeSpec: false },
      { catalogue, writeBytes: workbookBytes },
      () => undefined,
    );
    expect(result.comparison).toEqual({ files: ["notes.xlsx"], compared: [], sheets: [], problems: [expect.objectContaining({ file: "notes.xlsx", code: "PT-READ-001" })] });
    expect(sheetNamed(result.reports?.internal, `${FW} changes`)).toBeUndefined();
  }, 60_000);

  it("a public edition of last cycle withholding every party gives nothing to compare, and says so (PT-CYCLE-003)", async () => {
    const { spec, framework, party } = templateSpec("emn-ahq-2010", "AT", "initial", "2025");
    const withheld = outcomeOf("AT-2025.xlsx", spec, [...fillAll(spec, framework, party), { sheet: spec.sheets[0]?.name ?? "", row: META_ROWS.dissemination, col: 1, value: "no" }]);
    const report = await workbookBytes(buildCombinedReport(buildRegister([withheld], catalogue), catalogue, { edition: "public", generatedAt: "2025-12-01" }));
    const result = await runConsolidation(
      { files: [await returnFile("emn-ahq-2010", "AT", "2026")], previous: [blob("combined-report_public_2025-12-01.xlsx", report)], order: "protocol", strict: false, includeSpec: false },
      { catalogue, writeBytes: workbookBytes },
      () => undefined,
    );
    expect(result.comparison?.compared).toEqual([]);
    expect(result.comparison?.problems).toEqual([
      { file: "combined-report_public_2025-12-01.xlsx", code: "PT-CYCLE-003", message: "no party's answers could be read from this combined report" },
    ]);
  }, 60_000);

  it("without earlier-cycle files there is no comparison at all", async () => {
    const result = await runConsolidation({ files: [await returnFile(FW, "AZ", "2026")], order: "protocol", strict: false, includeSpec: false }, { catalogue, writeBytes: workbookBytes }, () => undefined);
    expect(result.comparison).toBeUndefined();
    expect(result.reports).toBeDefined();
  }, 60_000);
});
