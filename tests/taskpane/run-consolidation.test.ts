import { PANE_FILE_UNREADABLE } from "../../src/taskpane/errors";
import { runConsolidation } from "../../src/taskpane/consolidate/run-consolidation";
import { NOTHING_TO_CONSOLIDATE } from "../../src/core/consolidation/register";
import { toPlainSheet } from "../../src/taskpane/consolidate/plain-sheet";
import type { ConsolidationProgress } from "../../src/taskpane/consolidate/protocol";
import type { NamedBlob } from "../../src/taskpane/files/file-bytes";
import { readWorkbook } from "../../src/xlsx/read/read-workbook";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { catalogue, fillAll, gridsWith, templateSpec } from "../support/returns";
import { META_ROWS } from "../../src/core/template/layout";
import { filledReturn } from "../support/xlsx-returns";

const blob = (name: string, bytes: Uint8Array, lastModified?: number): NamedBlob => ({ name, arrayBuffer: async () => bytes.slice().buffer, ...(lastModified !== undefined ? { lastModified } : {}) });
const gone = (name: string, lastModified?: number): NamedBlob => ({ name, arrayBuffer: () => Promise.reject(new Error("NotReadableError")), ...(lastModified !== undefined ? { lastModified } : {}) });

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

  it("flags returns received after the round's deadline, taking a picked file's lastModified as received", async () => {
    const at = await filled("emn-ahq-2010", "AT");
    const be = await filled("emn-ahq-2010", "BE");
    const files = [
      blob("AT.xlsx", at, Date.parse("2010-08-02T00:30:00.400Z")),
      blob("BE.xlsx", be, Date.parse("2010-08-01T23:59:59Z")),
      gone("moved.xlsx", Date.parse("2010-07-01T12:00:00Z")),
      blob("no-date.xlsx", at),
    ];
    const run = (deadlines?: { initial?: string }) =>
      runConsolidation({ files, order: "protocol", strict: false, includeSpec: false, ...(deadlines ? { deadlines } : {}) }, { catalogue, writeBytes: workbookBytes }, () => undefined);
    const rows = (await run({ initial: "2010-08-01" })).summary.rows;
    const byFile = Object.fromEntries(rows.map((r) => [r.file, [r.received, r.late]]));
    // The sender's own "last saved" (today, as these files were just written) does not count.
    expect(byFile).toEqual({
      "AT.xlsx": ["2010-08-02T00:30:00Z", true],
      "BE.xlsx": ["2010-08-01T23:59:59Z", false],
      "moved.xlsx": ["2010-07-01T12:00:00Z", false],
      "no-date.xlsx": ["", false],
    });
    expect((await run()).summary.rows.map((r) => r.late)).toEqual([false, false, false, false]);
  });

  it("counts the open workbook's sheets as received when the pane says (it passes its clock in)", async () => {
    const { spec, framework, party } = templateSpec("emn-ahq-2010", "AT");
    const sheets = gridsWith(spec, fillAll(spec, framework, party)).map((grid) => toPlainSheet({ grid }));
    const result = await runConsolidation(
      { files: [], workbook: { label: "This workbook", sheets, received: "2010-08-03T10:00:00Z" }, order: "protocol", strict: false, deadlines: { initial: "2010-08-01" }, includeSpec: false },
      { catalogue, writeBytes: workbookBytes },
      () => undefined,
    );
    expect(result.summary.rows.map((r) => [r.file, r.received, r.late])).toEqual([["This workbook", "2010-08-03T10:00:00Z", true]]);
  });
  it("dates a national sheet of the open workbook by the day entered for it, the others by the workbook's", async () => {
    const sheets = ["AT", "BE"].flatMap((code) => {
      const { spec, framework, party } = templateSpec("emn-ahq-2010", code);
      return gridsWith(spec, fillAll(spec, framework, party)).filter((g) => g.name !== "pt_lists").map((grid) => toPlainSheet({ grid }));
    });
    const result = await runConsolidation(
      { files: [], workbook: { label: "This workbook", sheets, received: "2010-07-30", receivedFrom: "entered", sheetsReceived: { "emn-ahq-2010 BE answers": "2010-08-03", "emn-ahq-2010 FI answers": "not a day" } }, order: "protocol", strict: false, deadlines: { initial: "2010-08-01" }, includeSpec: false },
      { catalogue, writeBytes: workbookBytes },
      () => undefined,
    );
    expect(result.summary.rows.map((r) => [r.sheet, r.received, r.receivedFrom, r.late])).toEqual([
      ["emn-ahq-2010 AT answers", "2010-07-30", "entered", false],
      ["emn-ahq-2010 BE answers", "2010-08-03", "entered", true],
    ]);
  });
  it("makes no public edition while a return may withhold and names no party (PT-CONS-006), as the CLI refuses it", async () => {
    const be = await filled("emn-ahq-2010", "BE");
    const template = templateSpec("emn-ahq-2010", "PL");
    const { framework, party } = template;
    // The sheet renamed too: "no", with a blank code, a name not in the list and the title overwritten — nothing names the party.
    const sheet = "Sheet1";
    const spec = { ...template.spec, sheets: template.spec.sheets.map((s, i) => (i === 0 ? { ...s, name: sheet } : s)) };
    const nobody = await filledReturn(spec, [
      ...fillAll(spec, framework, party),
      { sheet, row: META_ROWS.dissemination, col: 1, value: "no" },
      { sheet, row: META_ROWS.partyCode, col: 1, value: null },
      { sheet, row: META_ROWS.party, col: 1, value: "Our ministry" },
      { sheet, row: 0, col: 0, value: "Reply" },
    ]);
    const progress: ConsolidationProgress[] = [];
    const result = await runConsolidation(
      { files: [blob("BE.xlsx", be), blob("reply.xlsx", nobody)], order: "protocol", strict: false, includeSpec: false },
      { catalogue, writeBytes: workbookBytes },
      (p) => progress.push(p),
    );
    expect(result.reports?.internal.length).toBeGreaterThan(0);
    expect(result.reports?.public).toBeUndefined();
    expect(result.reports?.publicBlocked).toEqual([expect.objectContaining({ file: "reply.xlsx", sheet, code: "PT-CONS-006" })]);
    expect(progress.some((p) => p.phase === "writing" && p.edition === "public")).toBe(false);
  });
});
