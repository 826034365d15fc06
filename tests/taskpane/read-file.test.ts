import { TextDecoder, TextEncoder } from "node:util";
import { buildRegister, type ReadOutcome } from "../../src/core/consolidation/register";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { PANE_FILE_UNREADABLE } from "../../src/taskpane/errors";
import type { NamedBlob } from "../../src/taskpane/files/file-bytes";
import { readPreviousFile, readReturnFile } from "../../src/taskpane/files/read-file";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { filledReturn } from "../support/xlsx-returns";

/** Last cycle's files as the pane reads them: real bytes through the hardened reader. */

globalThis.TextEncoder ??= TextEncoder as typeof globalThis.TextEncoder;
globalThis.TextDecoder ??= TextDecoder as typeof globalThis.TextDecoder;

const blob = (name: string, bytes: Uint8Array): NamedBlob => ({ name, lastModified: Date.UTC(2025, 10, 3, 9), arrayBuffer: async () => bytes.slice().buffer });

async function franceReturn2025(): Promise<Uint8Array> {
  const { spec, framework, party } = templateSpec("pact-2008", "FR", "initial", "2025");
  return filledReturn(spec, fillAll(spec, framework, party));
}

describe("reading last cycle's file in the pane", () => {
  let bytes: Uint8Array;
  let outcome: ReadOutcome;
  beforeAll(async () => {
    bytes = await franceReturn2025();
    outcome = await readReturnFile(blob("FR-2025.xlsx", bytes), catalogue);
  });

  it("a return is read and validated as every return is, dated when received", async () => {
    expect(outcome.source).toMatchObject({ file: "FR-2025.xlsx", received: "2025-11-03T09:00:00Z" });
    const read = await readPreviousFile(blob("FR-2025.xlsx", bytes), catalogue);
    expect(read.kind).toBe("return");
    if (read.kind !== "return" || !("validation" in read.outcome)) throw new Error("not read as a return");
    expect(read.outcome.validation.contributions.map((c) => [c.meta.partyCode, c.meta.cycle, c.role])).toEqual([
      ["FR", "2025", "political"],
      ["FR", "2025", "factual"],
    ]);
  });

  it("our own combined report of 2025 is read as last cycle, every party in it", async () => {
    const report = buildCombinedReport(buildRegister([outcome], catalogue), catalogue, { edition: "internal", generatedAt: "2026-01-20" });
    const read = await readPreviousFile(blob("combined-report_internal_2026-01-20.xlsx", await workbookBytes(report)), catalogue);
    if (read.kind !== "report") throw new Error(`read as a ${read.kind}`);
    expect(read.file).toBe("combined-report_internal_2026-01-20.xlsx");
    expect(new Set(read.previous.responses.map((r) => `${r.framework.id} ${r.party.code} ${r.cycle}`))).toEqual(new Set(["pact-2008 FR 2025"]));
    const factual = read.previous.responses.find((r) => r.role === "factual");
    expect(String(factual?.entries.get("I(a)")?.["actions"])).toContain("France: Main actions undertaken at Member State level for I(a)");
    expect(factual?.sources[0]).toMatch(/^combined-report_internal_2026-01-20\.xlsx › /);
  });

  it("anything else is a return outcome with the reader's code, or the pane's when the browser cannot hand the file over", async () => {
    const text = await readPreviousFile(blob("notes.xlsx", new TextEncoder().encode("not a workbook")), catalogue);
    expect(text.kind === "return" && "error" in text.outcome ? text.outcome.error.code : "").toBe("PT-READ-001");
    const gone = await readPreviousFile({ name: "moved.xlsx", arrayBuffer: () => Promise.reject(new Error("NotReadableError")) }, catalogue);
    expect(gone.kind === "return" && "error" in gone.outcome ? gone.outcome.error.code : "").toBe(PANE_FILE_UNREADABLE);
  });
});
