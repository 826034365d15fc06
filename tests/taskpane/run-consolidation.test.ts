import { PANE_FILE_UNREADABLE } from "../../src/taskpane/errors";
import { runConsolidation } from "../../src/taskpane/consolidate/run-consolidation";
import { NOTHING_TO_CONSOLIDATE } from "../../src/core/consolidation/register";
import { toPlainSheet } from "../../src/taskpane/consolidate/plain-sheet";
import type { ConsolidationProgress } from "../../src/taskpane/consolidate/protocol";
import type { NamedBlob } from "../../src/taskpane/files/file-bytes";
import { readWorkbook } from "../../src/xlsx/read/read-workbook";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { catalogue, fillAll, gridsWith, templateSpec } from "../support/returns";
import { filledReturn } from "../support/xlsx-returns";

const blob = (name: string, bytes: Uint8Array): NamedBlob => ({ name, arrayBuffer: async () => bytes.slice().buffer });
const gone = (name: string): NamedBlob => ({ name, arrayBuffer: () => Promise.reject(new Error("NotReadableError")) });

async function filled(framework: string, party: string): Promise<Uint8Array> {
  const { spec, framework: fw, party: p } = templateSpec(framework, party);
  return filledReturn(spec, fillAll(spec, fw, p));
}

describe("runConsolidation (what the worker runs)", () => {
  it("reads files and the open workbook, registers every input and writes both editions", async () => {
    const at = await filled("prague-ap-2012", "AT");
    const ge = await filled("prague-ap-2012", "GE");
    const { spec: amSpec, framework, party } = templateSpec("prague-ap-2012", "AM");
    const grids = gridsWith(amSpec, fillAll(amSpec, framework, party));
    const progress: ConsolidationProgress[] = [];

    const result = await runConsolidation(
      {
        files: [blob("GE.xlsx", ge), gone("moved.xlsx"), blob("AT.xlsx", at), blob("old.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]))],
        workbook: { label: "This workbook", sheets: grids.map((grid) => toPlainSheet({ grid })) },
        order: "protocol",
        strict: false,
        includeSpec: true,
      },
      { catalogue, writeBytes: workbookBytes },
      (p) => progress.push(p),
    );

    // Files in name order after the workbook; every input is reported, the bar ends full.
    expect(progress.filter((p) => p.phase === "reading").map((p) => (p.phase === "reading" ? `${p.done}/${p.total} ${p.current}` : ""))).toEqual([
      "0/5 This workbook",
      "1/5 AT.xlsx",
      "2/5 GE.xlsx",
      "3/5 moved.xlsx",
      "4/5 old.xls",
      "5/5 ",
    ]);
    expect(progress.slice(-2)).toEqual([
      { phase: "writing", edition: "internal" },
      { phase: "writing", edition: "public" },
    ]);
    const rows = result.summary.rows;
    expect(rows.filter((r) => r.status === "accepted").map((r) => r.party).sort()).toEqual(["AM", "AT", "GE"]);
    expect(rows.find((r) => r.file === "moved.xlsx")?.reason?.code).toBe(PANE_FILE_UNREADABLE);
    expect(rows.find((r) => r.file === "old.xls")?.status).toBe("rejected");
    expect(rows.find((r) => r.file === "AT.xlsx")?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.summary.missing[0]?.parties.map((p) => p.code)).not.toContain("AT");

    const internal = readWorkbook(result.reports?.internal ?? new Uint8Array(), "internal.xlsx");
    expect(internal.sheets.map((s) => s.grid.name)).toEqual(expect.arrayContaining(["Summary", "prague-ap-2012 compilation", "Register"]));
    const publicEdition = readWorkbook(result.reports?.public ?? new Uint8Array(), "public.xlsx");
    expect(publicEdition.sheets.map((s) => s.grid.name)).not.toContain("Register");
    expect(result.reports?.internalSpec?.sheets.map((s) => s.name)).toEqual(internal.sheets.map((s) => s.grid.name));
  }, 60_000);

  it("says with PT-CONS-005 when nothing could be consolidated, and keeps the register", async () => {
    const result = await runConsolidation({ files: [blob("notes.txt", new TextEncoder().encode("hello"))], order: "alpha", strict: false, includeSpec: false }, { catalogue, writeBytes: workbookBytes }, () => undefined);
    expect(result.failure?.code).toBe(NOTHING_TO_CONSOLIDATE);
    expect(result.reports).toBeUndefined();
    expect(result.summary.rows).toEqual([expect.objectContaining({ file: "notes.txt", status: "rejected", reason: expect.objectContaining({ code: "PT-READ-001" }) })]);
  });

  it("flags returns saved after the round's deadline, as the CLI's --deadline does", async () => {
    const at = await filled("emn-ahq-2010", "AT");
    const run = (deadlines?: { initial?: string }) =>
      runConsolidation({ files: [blob("AT.xlsx", at)], order: "protocol", strict: false, includeSpec: false, ...(deadlines ? { deadlines } : {}) }, { catalogue, writeBytes: workbookBytes }, () => undefined);
    // The file was just written: saved today, so late against a deadline in 2010, not without one.
    expect((await run({ initial: "2010-08-01" })).summary.rows.map((r) => r.late)).toEqual([true]);
    expect((await run()).summary.rows.map((r) => r.late)).toEqual([false]);
  });
});
