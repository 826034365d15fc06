import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { READ_FAILED } from "../../src/excel/codes";
import { HEADER_BLOCK, readSheets, type ReadProgress, type ReadStats } from "../../src/excel/read-sheets";
import { toPlainSheet } from "../../src/taskpane/consolidate/plain-sheet";
import { runConsolidation } from "../../src/taskpane/consolidate/run-consolidation";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { FakeExcel, PAYLOAD_LIMIT, READ_CELL_LIMIT, type FakeSheet } from "./fake-excel";
import { setup } from "./fixture";

/**
 * A ministry's real workbook: its own data sheet of 200,000 rows × 26 columns (5.2 million cells:
 * one read of it would break Excel's cell limit, and its text would break the 5 MB response limit
 * many times over) beside 52 national template sheets, filled. Validate and Consolidate must read
 * it in requests under the budget, and read no sheet but the template sheets beyond its header.
 */

const BUDGET = 1_000_000;
const DATA_ROWS = 200_000;
const DATA_COLS = 26;

const stats: string[] = [];
afterAll(() => {
  if (process.env.PT_EXCEL_STATS) console.log(stats.join("\n"));
});

/** Every read of the sheet lies inside its header block. */
function headerOnly(sheet: FakeSheet): boolean {
  return sheet.reads.every((r) => r.top >= 0 && r.bottom < HEADER_BLOCK.rows && r.left >= 0 && r.right < HEADER_BLOCK.cols);
}

async function bigWorkbook(): Promise<{ fake: FakeExcel; templates: string[] }> {
  const { fake, workspace } = setup();
  fake.addBulkSheet("Case data", DATA_ROWS, DATA_COLS, (row, col) => (col === 0 ? row + 1 : `Case ${row + 1}, field ${col}: asylum application lodged and registered`));
  const framework = catalogue.framework("prague-ap-2023");
  const templates: string[] = [];
  for (const party of catalogue.partiesOf(framework)) {
    const t = templateSpec("prague-ap-2023", party.code);
    await workspace.insertSpec(t.spec);
    for (const e of fillAll(t.spec, t.framework, t.party)) if (e.value !== null) await fake.type(e.sheet, e.row, e.col, e.value);
    templates.push(...t.spec.sheets.filter((s) => s.role !== "lists").map((s) => s.name));
  }
  fake.reset();
  for (const s of fake.workbook.sheets) s.reads.length = 0;
  return { fake, templates };
}

describe("a 200,000-row data sheet and 52 national sheets", () => {
  let big: Awaited<ReturnType<typeof bigWorkbook>>;
  beforeAll(async () => {
    big = await bigWorkbook();
  }, 60_000);

  it("is validated in requests under the budget, 2 + one per chunk, reading the data sheet's header only", async () => {
    const { fake, templates } = big;
    expect(templates).toHaveLength(52);
    const read: ReadStats = { chunkRequests: 0, largestResponse: 0, largestChunkCells: 0 };
    const progress: ReadProgress[] = [];
    const sheets = await readSheets(fake.run, fake.capabilities, undefined, { budget: BUDGET, onProgress: (p) => progress.push(p) }, read);

    // 1 (sheet list) + 1 (header blocks) + one per chunk request; no comments, so no details request.
    expect(fake.syncCount).toBe(2 + read.chunkRequests);
    expect(read.chunkRequests).toBeGreaterThan(1);
    expect(fake.requests.every((r) => r.responseBytes < BUDGET)).toBe(true);
    expect(fake.maxCellsPerRead).toBeLessThan(READ_CELL_LIMIT);
    stats.push(
      `validate: ${fake.syncCount} syncs (${read.chunkRequests} chunk requests), largest response ${fake.maxResponseBytes} bytes (reader measured ${read.largestResponse}), largest read ${fake.maxCellsPerRead} cells, most cells in one request ${Math.max(...fake.requests.map((r) => r.cellsRead))}, largest request ${fake.maxRequestBytes} bytes`,
    );

    // No sheet but the template sheets is read beyond its header block.
    for (const s of fake.workbook.sheets) {
      if (!templates.includes(s.name)) expect({ sheet: s.name, headerOnly: headerOnly(s) }).toEqual({ sheet: s.name, headerOnly: true });
    }
    const data = sheets.find((s) => s.grid.name === "Case data");
    expect(data?.grid.rowCount).toBe(HEADER_BLOCK.rows);

    // Progress per template sheet read whole, in order of completion.
    expect(progress[0]).toEqual({ done: 0, total: 52 });
    expect(progress.slice(1).map((p) => p.done)).toEqual(templates.map((_, i) => i + 1));
    expect(new Set(progress.slice(1).map((p) => p.sheet))).toEqual(new Set(templates));

    const validation = validateWorkbook(sheets, catalogue);
    expect(validation.contributions).toHaveLength(52);
    expect(validation.counts.errors).toBe(0);
  });

  it("is consolidated from the same reading: every party's response in the register", async () => {
    const { fake } = big;
    fake.reset();
    const sheets = await readSheets(fake.run, fake.capabilities, undefined, { budget: BUDGET });
    expect(fake.requests.every((r) => r.responseBytes < BUDGET)).toBe(true);
    const result = await runConsolidation(
      { files: [], workbook: { label: "This workbook", sheets: sheets.map(toPlainSheet) }, order: "protocol", strict: false, includeSpec: false },
      { catalogue, writeBytes: async () => new Uint8Array(0) },
      () => undefined,
    );
    expect(result.summary.rows.filter((r) => r.status !== "rejected")).toHaveLength(52);
  });
});

describe("a workbook of hundreds of sheets", () => {
  it("reads their header blocks in as many requests as the budget needs", async () => {
    const fake = new FakeExcel();
    const header = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`${i % 2 === 0 ? "A" : "B"}${Math.floor(i / 2) + 1}`, "x".repeat(2_000)]));
    for (let i = 0; i < 400; i++) fake.addSheet(`Sheet ${i}`, header);
    fake.reset();
    const sheets = await readSheets(fake.run, fake.capabilities, undefined, { budget: BUDGET });
    expect(sheets).toHaveLength(400);
    expect(fake.syncCount).toBeGreaterThan(2);
    // Every request within Excel's limit; the budget is an estimate made before the texts are seen.
    expect(fake.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT);
  });
});

describe("Excel's own limits, as the fake enforces them", () => {
  it("one read of the whole data sheet would fail: over 5 million cells", async () => {
    const fake = new FakeExcel();
    fake.addBulkSheet("Case data", DATA_ROWS, DATA_COLS, () => "x");
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Case data").getUsedRange(true).load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RangeExceedsLimit" });
  });

  it("a response over 5 MB fails its request", async () => {
    const fake = new FakeExcel();
    fake.addBulkSheet("Case data", 200_000, 2, () => "some text of forty characters, or so....");
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Case data").getRange("A1:B100000").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("a template sheet of very long answers: Excel refuses the first response, the reader asks again in halves", async () => {
    const { fake, workspace } = setup();
    const t = templateSpec("prague-ap-2023", "UA");
    await workspace.insertSpec(t.spec);
    // 32,000 characters in every text answer: values and formulas bring each twice.
    const long = "x".repeat(32_000);
    const edits = fillAll(t.spec, t.framework, t.party).filter((e) => typeof e.value === "string" && e.value.includes("\n"));
    for (const e of edits) await fake.type(e.sheet, e.row, e.col, long);
    expect(edits.length * long.length * 2).toBeGreaterThan(PAYLOAD_LIMIT);
    fake.reset();
    const sheets = await readSheets(fake.run, fake.capabilities, undefined, { budget: BUDGET });
    const grid = sheets.find((s) => s.grid.name === t.spec.sheets[0]?.name)?.grid;
    for (const e of edits) expect(grid?.get(e.row, e.col)).toBe(long);
    // Excel refused at least one request; every response that came back was under its limit.
    expect(fake.requests.some((r) => r.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(fake.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT);
  });

  it("a read Excel refuses for another reason fails with its code", async () => {
    const { fake, workspace } = setup();
    await workspace.insertSpec(templateSpec("prague-ap-2023", "UA").spec);
    fake.failSync(Object.assign(new Error("Excel is busy."), { code: "GeneralException" }), 2);
    await expect(readSheets(fake.run, fake.capabilities)).rejects.toMatchObject({ code: READ_FAILED, message: expect.stringContaining("Excel is busy.") });
  });
});
