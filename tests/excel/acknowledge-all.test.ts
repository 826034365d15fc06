import { ACK_SHEET, readAcknowledgements, type Acknowledgement } from "../../src/core/validation/acknowledgements";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { acknowledge, acknowledgeAll } from "../../src/excel/acknowledge";
import { ACKNOWLEDGE_FAILED, TEXT_NOT_KEPT } from "../../src/excel/codes";
import { createExcelWorkspace } from "../../src/excel/excel-workspace";
import { readSheets } from "../../src/excel/read-sheets";
import { carriedCycle, catalogue, templateSpec } from "../support/returns";
import { FakeOfficeError } from "./fake-excel";
import { setup } from "./fixture";

/**
 * Accepting a group of warnings at once (e.g. every carried entry confirmed unchanged): a few
 * requests whatever their number, with acknowledge()'s co-author safety.
 */

function carriedSpec(party: string) {
  const framework = catalogue.framework("pact-2008");
  return templateSpec("pact-2008", party, "initial", "2026", carriedCycle(framework, catalogue.party(framework, party))).spec;
}

const acks = (n: number, prefix = "j"): Acknowledgement[] =>
  Array.from({ length: n }, (_, i) => ({ sheet: "s", cell: `D${16 + i}`, code: "PT-CONT-017", justification: `${prefix} ${i}`, by: "Ministry", date: "2026-03-31" }));

async function ackRows(run: Parameters<typeof acknowledgeAll>[0], requirements: Parameters<typeof readSheets>[1]): Promise<Acknowledgement[]> {
  const grid = (await readSheets(run, requirements, [ACK_SHEET]))[0]?.grid;
  if (!grid) throw new Error("no acknowledgements sheet");
  return readAcknowledgements(grid);
}

describe("acknowledgeAll", () => {
  it("accepts 100 carried-entry warnings in a small constant number of requests; validation then reports them all accepted", async () => {
    const { fake, workspace } = setup();
    await workspace.insertSpec(carriedSpec("DE"));
    await workspace.insertSpec(carriedSpec("FR"));
    const before = validateWorkbook(await workspace.readSheets(), catalogue);
    const open = before.findings.filter((f) => f.code === "PT-CONT-017" && f.cell && !f.acknowledged);
    expect(open.length).toBeGreaterThanOrEqual(100);
    const chosen = open.slice(0, 100);
    fake.reset();
    await workspace.acknowledgeAll(chosen.map((f) => ({ sheet: f.sheet, cell: f.cell ?? "", code: f.code, justification: "Checked: unchanged since 2025", by: "Ministry", date: "2026-03-31" })));
    // The sheet added (2), the slots read (1), every row written and read back (1).
    expect(fake.syncCount).toBeLessThanOrEqual(5);
    const after = validateWorkbook(await workspace.readSheets(), catalogue);
    const key = (f: { sheet: string; cell?: string; code: string }): string => `${f.sheet}|${f.cell ?? ""}|${f.code}`;
    const accepted = new Set(after.findings.filter((f) => f.acknowledged).map(key));
    expect(chosen.every((f) => accepted.has(key(f)))).toBe(true);
    expect(after.findings.filter((f) => f.acknowledged)).toHaveLength(100);
    expect(after.findings.filter((f) => f.acknowledged).every((f) => f.acknowledged?.justification === "Checked: unchanged since 2025")).toBe(true);
  });

  it("takes no more requests for 100 than for 3, and keeps each request within the budget", async () => {
    const { fake } = setup();
    const few = setup();
    await acknowledgeAll(few.fake.run, acks(3));
    await acknowledgeAll(fake.run, acks(100), false, 2048, 4_000);
    expect(fake.syncCount).toBeGreaterThan(few.fake.syncCount);
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(4_000 + 2_000);
    fake.reset();
    few.fake.reset();
    await acknowledgeAll(few.fake.run, acks(3, "again"));
    await acknowledgeAll(fake.run, acks(100, "again"));
    expect(fake.syncCount).toBe(few.fake.syncCount);
    expect(await ackRows(fake.run, fake.capabilities)).toHaveLength(100);
  });

  it("keeps what is there: other acknowledgements stay, the same one again updates its row, duplicates are recorded once", async () => {
    const { fake } = setup();
    const other = { sheet: "t", cell: "A1", code: "X", justification: "someone else's" };
    await acknowledge(fake.run, other, false, 1);
    // One slot: every acknowledgement aims at the same row, so all must probe past each other.
    const list = acks(5);
    await acknowledgeAll(fake.run, [...list, { ...list[0]!, justification: "j 0, said twice" }], false, 1);
    await acknowledgeAll(fake.run, [{ ...list[1]!, justification: "j 1, updated" }], false, 1);
    const rows = await ackRows(fake.run, fake.capabilities);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual(other);
    expect(rows.map((r) => r.justification).sort()).toEqual(["j 0, said twice", "j 1, updated", "j 2", "j 3", "j 4", "someone else's"]);
  });

  it("a co-author writing acknowledgements at the same moment: both keep all of theirs", async () => {
    const { fake } = setup();
    const mine = acks(20, "alice");
    const theirs = acks(20, "bob").map((a) => ({ ...a, sheet: "other" }));
    // Each request of one writer lands between two of the others' (as acknowledge() does, safety
    // rests on different acknowledgements hashing to different rows, and on the read-back).
    await Promise.all([acknowledgeAll(fake.run, mine), acknowledgeAll(fake.run, theirs), acknowledge(fake.run, { sheet: "x", cell: "A1", code: "Y", justification: "carol alone" })]);
    const rows = await ackRows(fake.run, fake.capabilities);
    expect(rows).toHaveLength(41);
    expect(rows.filter((r) => r.justification.startsWith("alice"))).toHaveLength(20);
    expect(rows.filter((r) => r.justification.startsWith("bob"))).toHaveLength(20);
    expect(rows.filter((r) => r.justification === "carol alone")).toHaveLength(1);
  });

  it("an Excel where '@' does not keep text: nothing of the batch is left behind, coded", async () => {
    const { fake } = setup();
    fake.excelApi = "1.15";
    fake.workbook.textFormatKeepsText = false;
    const workspace = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    await workspace.acknowledge({ sheet: "s", cell: "A1", code: "X", justification: "fine" });
    await expect(workspace.acknowledgeAll([...acks(3), { sheet: "s", cell: "B2", code: "Y", justification: "=1+1 is two" }])).rejects.toMatchObject({ code: TEXT_NOT_KEPT });
    expect([...fake.sheet(ACK_SHEET).cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
    expect((await ackRows(fake.run, fake.capabilities)).map((a) => a.justification)).toEqual(["fine"]);
  });

  it("rejects with the Office message, coded; an empty list asks nothing of Excel", async () => {
    const { fake, workspace } = setup();
    fake.reset();
    await workspace.acknowledgeAll([]);
    expect(fake.syncCount).toBe(0);
    fake.failSync(new FakeOfficeError("GeneralException", "Excel is busy."), 1);
    await expect(workspace.acknowledgeAll(acks(10))).rejects.toMatchObject({ code: ACKNOWLEDGE_FAILED, message: expect.stringContaining("Excel is busy.") });
  });
});
