import { CodedError } from "../../src/core/errors/coded-error";
import { ACK_HEADERS, ACK_SHEET, readAcknowledgements } from "../../src/core/validation/acknowledgements";
import type { Finding } from "../../src/core/validation/finding";
import { ACKNOWLEDGE_FAILED, BAD_ADDRESS, CHANGES_FAILED, HIGHLIGHT_FAILED, SELECT_FAILED, SETTINGS_FAILED, TEXT_NOT_KEPT } from "../../src/excel/codes";
import { CHOICES_KEY } from "../../src/excel/choices";
import { acknowledge } from "../../src/excel/acknowledge";
import { createExcelWorkspace } from "../../src/excel/excel-workspace";
import { readSheets } from "../../src/excel/read-sheets";
import type { WorkbookChange } from "../../src/excel/workspace";
import { HIGHLIGHT_SHEET, SEVERITY_FILLS } from "../../src/excel/highlights";
import { templateSpec } from "../support/returns";
import { FakeOfficeError } from "./fake-excel";
import { setup } from "./fixture";

const finding = (sheet: string, cell: string, severity: Finding["severity"], extra: Partial<Finding> = {}): Finding => ({ code: "PT-TEST-001", severity, sheet, cell, message: "m", ...extra });

describe("checkRequirements", () => {
  it("asks for ExcelApi 1.9 and names what is missing", () => {
    const yes = setup();
    expect(yes.workspace.checkRequirements()).toEqual({ supported: true, missing: [] });
    expect(yes.supported).toEqual(["ExcelApi 1.9"]);
    expect(setup({ excelApi19: false }).workspace.checkRequirements()).toEqual({ supported: false, missing: ["ExcelApi 1.9"] });
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell", async () => {
    const { fake, workspace } = setup();
    const { spec } = templateSpec("emn-ahq-2010", "BE");
    await workspace.insertSpec(spec);
    const name = spec.sheets[0]?.name ?? "";
    await workspace.selectCell(name, "D16");
    expect(fake.workbook.active?.name).toBe(name);
    expect(fake.workbook.selection).toEqual({ sheet: name, address: "D16" });
  });

  it("rejects a missing sheet with Office's message and the place, and a bad address before any call", async () => {
    const { fake, workspace } = setup();
    const err = (await workspace.selectCell("gone", "B2").catch((e: unknown) => e)) as CodedError;
    expect(err).toBeInstanceOf(CodedError);
    expect(err.code).toBe(SELECT_FAILED);
    expect(err.message).toContain("The requested resource doesn't exist.");
    expect(err.place).toEqual({ sheet: "gone", cell: "B2" });
    fake.reset();
    await expect(workspace.selectCell("Sheet1", "not a cell")).rejects.toMatchObject({ code: BAD_ADDRESS });
    expect(fake.operations).toEqual([]);
  });
});

describe("selectCell on a hidden sheet", () => {
  it("says how to show the sheet instead of Office's refusal", async () => {
    const { fake, workspace } = setup();
    fake.addSheet("Hidden one").visibility = "Hidden";
    await expect(workspace.selectCell("Hidden one", "B2")).rejects.toMatchObject({ code: SELECT_FAILED, message: expect.stringContaining("is hidden: show it first"), place: { sheet: "Hidden one", cell: "B2" } });
    expect(fake.workbook.selection).toBeUndefined();
  });
});

describe("highlight and clearHighlights", () => {
  async function inserted() {
    const s = setup();
    const { spec } = templateSpec("prague-ap-2023", "AL");
    await s.workspace.insertSpec(spec);
    return { ...s, name: spec.sheets[0]?.name ?? "" };
  }

  it("fills by severity, keeps the sheet protected, and restores each cell's own fill", async () => {
    const { fake, workspace, name } = await inserted();
    const protection = { ...fake.sheet(name).protection };
    // D16: an entry cell (yellow); A14: a column header (dark blue); B3: a header value (no fill).
    const before = ["D16", "A14", "B3", "E16"].map((a) => ({ ...fake.cell(name, a)?.fill }));
    expect(before.map((f) => f.color)).toEqual(["#FFF9E5", "#1F3864", "#FFFFFF", "#FFF9E5"]);
    await workspace.highlight([
      finding(name, "D16", "error"),
      finding(name, "A14", "warning"),
      finding(name, "B3", "warning"),
      finding(name, "B3", "error"),
      finding(name, "E16", "info"),
      finding(name, "F16", "warning", { acknowledged: { justification: "ok" } }),
      { code: "PT-STRUCT-014", severity: "error", sheet: "", message: "no template" },
    ]);
    expect(fake.cell(name, "D16")?.fill.color).toBe(SEVERITY_FILLS.error);
    expect(fake.cell(name, "A14")?.fill.color).toBe(SEVERITY_FILLS.warning);
    expect(fake.cell(name, "B3")?.fill.color).toBe(SEVERITY_FILLS.error);
    expect(fake.cell(name, "E16")?.fill.color).toBe("#FFF9E5");
    expect(fake.cell(name, "F16")?.fill.color).toBe("#FFF9E5");
    expect(fake.sheet(name).protection).toEqual(protection);

    await workspace.clearHighlights();
    expect(["D16", "A14", "B3", "E16"].map((a) => ({ ...fake.cell(name, a)?.fill }))).toEqual(before);
    expect(fake.sheet(name).protection).toEqual(protection);
  });

  it("a new highlight replaces the last one; highlighting twice keeps the true original", async () => {
    const { fake, workspace, name } = await inserted();
    await workspace.highlight([finding(name, "D16", "error"), finding(name, "D17", "warning")]);
    await workspace.highlight([finding(name, "D17", "error")]);
    expect(fake.cell(name, "D16")?.fill.color).toBe("#FFF9E5");
    expect(fake.cell(name, "D17")?.fill.color).toBe(SEVERITY_FILLS.error);
    await workspace.clearHighlights();
    expect(fake.cell(name, "D17")?.fill).toEqual({ color: "#FFF9E5", pattern: "Solid" });
    fake.reset();
    // Nothing left to clear: the store is read (it lives in the workbook), nothing is written.
    await workspace.clearHighlights();
    expect(fake.syncCount).toBeLessThanOrEqual(2);
    expect(fake.operations.filter((op) => op.kind !== "load" && op.name !== "getItemOrNullObject" && op.name !== "getUsedRange")).toEqual([]);
  });

  it("outlives the pane: highlight, reload (a new workspace), clear restores the original fills", async () => {
    const { fake, workspace, name } = await inserted();
    const before = ["D16", "A14", "B3"].map((a) => ({ ...fake.cell(name, a)?.fill }));
    await workspace.highlight([finding(name, "D16", "error"), finding(name, "A14", "warning"), finding(name, "B3", "error")]);
    expect(fake.sheet(HIGHLIGHT_SHEET).visibility).toBe("Hidden");
    // The pane reloads (or a co-author, or another computer): nothing in memory survives.
    const again = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    await again.clearHighlights();
    expect(["D16", "A14", "B3"].map((a) => ({ ...fake.cell(name, a)?.fill }))).toEqual(before);
    expect(fake.sheet(name).protection.protected).toBe(true);
  });

  it("highlighting twice, from two panes, never records a highlight as the original", async () => {
    const { fake, workspace, name } = await inserted();
    await workspace.highlight([finding(name, "D16", "warning")]);
    const other = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    await other.highlight([finding(name, "D16", "error"), finding(name, "D17", "warning")]);
    expect(fake.cell(name, "D16")?.fill.color).toBe(SEVERITY_FILLS.error);
    await workspace.clearHighlights();
    expect(fake.cell(name, "D16")?.fill).toEqual({ color: "#FFF9E5", pattern: "Solid" });
    expect(fake.cell(name, "D17")?.fill).toEqual({ color: "#FFF9E5", pattern: "Solid" });
    // The store is gone: a cell still showing a highlight colour is not taken as its own fill.
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(name);
      ws.protection.unprotect();
      ws.getRange("D18").format.fill.color = SEVERITY_FILLS.warning;
      ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true, selectionMode: "Normal" });
      await context.sync();
    });
    await workspace.highlight([finding(name, "D18", "error")]);
    await workspace.clearHighlights();
    expect(fake.cell(name, "D18")?.fill.pattern).toBe("None");
  });

  it("a fill someone chose since the highlight is left alone by Clear", async () => {
    const { fake, workspace, name } = await inserted();
    await workspace.highlight([finding(name, "D16", "error"), finding(name, "D17", "error")]);
    const cell = fake.cell(name, "D17");
    if (cell) cell.fill = { color: "#00B050", pattern: "Solid" };
    await workspace.clearHighlights();
    expect(fake.cell(name, "D16")?.fill.color).toBe("#FFF9E5");
    expect(fake.cell(name, "D17")?.fill.color).toBe("#00B050");
  });

  it("a sheet protected with a password is refused with Office's BadPassword, coded", async () => {
    const { fake, workspace, name } = await inserted();
    fake.sheet(name).protection.password = "secret";
    await expect(workspace.highlight([finding(name, "D16", "error")])).rejects.toMatchObject({ code: HIGHLIGHT_FAILED, message: expect.stringContaining("BadPassword") });
    expect(fake.cell(name, "D16")?.fill.color).toBe("#FFF9E5");
  });

  it("a failure reaches the caller with Office's message", async () => {
    const { fake, workspace, name } = await inserted();
    fake.failSync(new FakeOfficeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet."), 1);
    await expect(workspace.highlight([finding(name, "D16", "error")])).rejects.toMatchObject({ code: HIGHLIGHT_FAILED, message: expect.stringContaining("protected sheet") });
    await expect(workspace.highlight([finding("deleted sheet", "D16", "error")])).rejects.toMatchObject({ code: HIGHLIGHT_FAILED, message: expect.stringContaining("doesn't exist") });
  });
});

describe("acknowledge", () => {
  it("creates the hidden sheet with its headers, then appends, all as text", async () => {
    const { fake, workspace } = setup();
    await workspace.acknowledge({ sheet: "s", cell: "D16", code: "PT-CONT-011", justification: "=long answers are fine", by: "A. Author", date: "2026-03-31" });
    const ack = fake.sheet(ACK_SHEET);
    expect(ack.visibility).toBe("Hidden");
    await workspace.acknowledge({ sheet: "s", cell: "E17", code: "PT-CONT-006", justification: "+ planned early" });
    const read = await workspace.readSheets();
    const grid = read.find((s) => s.grid.name === ACK_SHEET)?.grid;
    if (!grid) throw new Error("no acknowledgements sheet");
    expect(ACK_HEADERS.map((_, col) => grid.text(0, col))).toEqual([...ACK_HEADERS]);
    expect(readAcknowledgements(grid)).toEqual([
      { sheet: "s", cell: "D16", code: "PT-CONT-011", justification: "=long answers are fine", by: "A. Author", date: "2026-03-31" },
      { sheet: "s", cell: "E17", code: "PT-CONT-006", justification: "+ planned early" },
    ]);
    expect([...ack.cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
    expect(fake.operations.some((op) => op.name === "formulas")).toBe(false);
  });

  it("two co-authors acknowledging at the same moment both keep theirs", async () => {
    const { fake } = setup();
    const alice = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    const bob = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    const a = { sheet: "s", cell: "D16", code: "PT-CONT-011", justification: "Alice: long answers are fine", by: "Alice" };
    const b = { sheet: "s", cell: "E17", code: "PT-CONT-006", justification: "Bob: planned early", by: "Bob" };
    // Interleaved: each request of one writer between two of the other's.
    await Promise.all([alice.acknowledge(a), bob.acknowledge(b)]);
    const sheets = await alice.readSheets([ACK_SHEET]);
    const grid = sheets[0]?.grid;
    if (!grid) throw new Error("no acknowledgements sheet");
    expect(readAcknowledgements(grid).sort((x, y) => x.cell.localeCompare(y.cell))).toEqual([a, b]);
    // Accepting the same warning again updates its row rather than adding one.
    await bob.acknowledge({ ...b, justification: "Bob: planned early, confirmed" });
    const again = readAcknowledgements((await alice.readSheets([ACK_SHEET]))[0]?.grid ?? grid);
    expect(again.map((x) => x.justification).sort()).toEqual(["Alice: long answers are fine", "Bob: planned early, confirmed"]);
  });

  it("two acknowledgements aiming at the same row: the second finds the next free one", async () => {
    const { fake } = setup();
    const acks = [
      { sheet: "s", cell: "A1", code: "X", justification: "first" },
      { sheet: "s", cell: "B2", code: "Y", justification: "second" },
      { sheet: "s", cell: "C3", code: "Z", justification: "third" },
    ];
    // One slot: every acknowledgement aims at row 2.
    for (const ack of acks) await acknowledge(fake.run, ack, false, 1);
    const grid = (await readSheets(fake.run, fake.capabilities, [ACK_SHEET]))[0]?.grid;
    if (!grid) throw new Error("no acknowledgements sheet");
    expect(readAcknowledgements(grid)).toEqual(acks);
  });

  it("a co-author adding the sheet at the same moment: theirs is used", async () => {
    const { fake } = setup();
    const alice = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    const bob = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    await Promise.all([alice.acknowledge({ sheet: "s", cell: "A1", code: "X", justification: "a" }), bob.acknowledge({ sheet: "s", cell: "B1", code: "Y", justification: "b" })]);
    expect(fake.workbook.sheets.filter((s) => s.name === ACK_SHEET)).toHaveLength(1);
    const grid = (await alice.readSheets([ACK_SHEET]))[0]?.grid;
    expect(grid ? readAcknowledgements(grid).map((x) => x.justification).sort() : []).toEqual(["a", "b"]);
  });

  it("an Excel where '@' does not keep text: the justification that became a formula is cleared, coded", async () => {
    const { fake } = setup();
    fake.excelApi = "1.15";
    fake.workbook.textFormatKeepsText = false;
    const workspace = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    await workspace.acknowledge({ sheet: "s", cell: "A1", code: "X", justification: "fine" });
    await expect(workspace.acknowledge({ sheet: "s", cell: "B2", code: "Y", justification: "=1+1 is two" })).rejects.toMatchObject({ code: TEXT_NOT_KEPT, message: expect.stringContaining("the formula =1+1 is two") });
    expect([...fake.sheet(ACK_SHEET).cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
    const grid = (await workspace.readSheets([ACK_SHEET]))[0]?.grid;
    expect(grid ? readAcknowledgements(grid).map((a) => a.justification) : []).toEqual(["fine"]);
  });

  it("rejects with the Office message", async () => {
    const { fake, workspace } = setup();
    fake.failSync(new FakeOfficeError("GeneralException", "Excel is busy."));
    await expect(workspace.acknowledge({ sheet: "s", cell: "A1", code: "X", justification: "j" })).rejects.toMatchObject({ code: ACKNOWLEDGE_FAILED, message: expect.stringContaining("Excel is busy.") });
  });
});

describe("choices", () => {
  const choices = { framework: "pact-2008", party: "BE", cycle: "2026", round: "update" } as const;

  it("persist in the workbook's own settings (Workbook.settings), as one entry", async () => {
    const { fake, workspace } = setup();
    expect(await workspace.loadChoices()).toBeUndefined();
    await workspace.saveChoices(choices);
    expect(JSON.parse(fake.workbook.settings.get(CHOICES_KEY) ?? "null")).toEqual(choices);
    expect(await workspace.loadChoices()).toEqual(choices);
    // A value from an older or foreign version is ignored.
    fake.workbook.settings.set(CHOICES_KEY, JSON.stringify({ framework: "x", round: "sometime" }));
    expect(await workspace.loadChoices()).toBeUndefined();
    expect(fake.operations.some((op) => op.path.startsWith("settings"))).toBe(true);
  });

  it("are read from the document before use: a co-author's newer choices win, and saving leaves their other settings alone", async () => {
    const { fake, workspace } = setup();
    await workspace.saveChoices(choices);
    // A co-author's pane on the same workbook.
    const coAuthor = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    await coAuthor.saveChoices({ ...choices, party: "FR" });
    fake.workbook.settings.set("pactTracker.other", JSON.stringify(1));
    expect(await workspace.loadChoices()).toEqual({ ...choices, party: "FR" });
    fake.workbook.settings.set("pactTracker.other", JSON.stringify(2));
    await workspace.saveChoices(choices);
    expect(fake.workbook.settings.get("pactTracker.other")).toBe("2");
    expect(await coAuthor.loadChoices()).toEqual(choices);
  });

  it("a failed save reaches the caller as a failed save (the insert before it went in)", async () => {
    const { fake, workspace } = setup();
    fake.failOperation(new FakeOfficeError("GeneralException", "The settings could not be saved.", "SettingCollection.add"), (op) => op.name === "add" && op.path === "settings");
    await expect(workspace.saveChoices(choices)).rejects.toMatchObject({ code: SETTINGS_FAILED, message: expect.stringMatching(/^The template was inserted, but the choices could not be saved .*could not be saved/) });
  });

  it("a failed read reaches the caller, coded", async () => {
    const { fake, workspace } = setup();
    fake.failSync(new FakeOfficeError("GeneralException", "The settings could not be read.", "Setting.load"));
    await expect(workspace.loadChoices()).rejects.toMatchObject({ code: SETTINGS_FAILED, message: expect.stringContaining("could not be read") });
  });

  it("below ExcelApi 1.4 the settings are refused as Excel refuses them (the manifest's 1.9 keeps such an Excel out)", async () => {
    const { fake, workspace } = setup();
    fake.excelApi = "1.3";
    await expect(workspace.loadChoices()).rejects.toMatchObject({ code: SETTINGS_FAILED, message: expect.stringContaining("ApiNotFound") });
  });
});

describe("onChanged", () => {
  it("reports edits, local and a co-author's, by the sheet's current name, until unsubscribed", async () => {
    const { fake, workspace } = setup();
    const { spec } = templateSpec("emn-ahq-2010", "BE");
    await workspace.insertSpec(spec);
    const name = spec.sheets[0]?.name ?? "";
    const seen: WorkbookChange[] = [];
    const errors: unknown[] = [];
    const unsubscribe = await workspace.onChanged((c) => seen.push(c), (e) => errors.push(e));
    await fake.type(name, 15, 3, "a local answer");
    await fake.type("Sheet1", 4, 0, "a co-author's note", "Remote");
    expect(seen).toEqual([
      { kind: "edited", sheets: [name] },
      { kind: "edited", sheets: ["Sheet1"] },
    ]);
    await unsubscribe();
    expect(fake.handlerCount).toBe(0);
    await fake.type(name, 15, 3, "unseen");
    expect(seen).toHaveLength(2);
    await unsubscribe();
    expect(errors).toEqual([]);
  });

  it("follows sheets added, deleted and renamed (onNameChanged from ExcelApi 1.17)", async () => {
    const { fake } = setup();
    const workspace = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    const seen: WorkbookChange[] = [];
    await workspace.onChanged((c) => seen.push(c), (e) => {
      throw e;
    });
    // The add-in's own writes fire events too (an acknowledgement adds its sheet and writes it).
    await workspace.acknowledge({ sheet: "s", cell: "A1", code: "X", justification: "j" });
    await fake.idle();
    expect(seen).toContainEqual({ kind: "added", sheet: ACK_SHEET });
    expect(seen).toContainEqual({ kind: "edited", sheets: [ACK_SHEET] });
    seen.length = 0;
    await fake.renameSheet("Sheet1", "Notes", "Remote");
    await fake.deleteSheet("Notes", "Remote");
    expect(seen).toEqual([
      { kind: "renamed", from: "Sheet1", to: "Notes" },
      { kind: "deleted", sheet: "Notes" },
    ]);
  });

  it("highlighting does not look like an edit (its bookkeeping sheet is not reported as edited)", async () => {
    const { fake } = setup();
    const workspace = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    const { spec } = templateSpec("emn-ahq-2010", "BE");
    await workspace.insertSpec(spec);
    await fake.idle();
    const seen: WorkbookChange[] = [];
    await workspace.onChanged((c) => seen.push(c), () => undefined);
    await workspace.highlight([finding(spec.sheets[0]?.name ?? "", "D16", "error")]);
    await fake.idle();
    expect(seen).toEqual([{ kind: "added", sheet: HIGHLIGHT_SHEET }]);
  });

  it("below ExcelApi 1.17 a rename is found at the sheet's next edit", async () => {
    const { fake } = setup();
    fake.excelApi = "1.16";
    fake.addSheet("Data");
    const workspace = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    const seen: WorkbookChange[] = [];
    await workspace.onChanged((c) => seen.push(c), () => undefined);
    await fake.renameSheet("Data", "Data 2026");
    expect(seen).toEqual([]);
    await fake.type("Data 2026", 0, 0, "x");
    expect(seen).toEqual([
      { kind: "renamed", from: "Data", to: "Data 2026" },
      { kind: "edited", sheets: ["Data 2026"] },
    ]);
  });

  it("an error while handling an event reaches `fail`, coded; nothing is left for Office to swallow", async () => {
    const { fake } = setup();
    const workspace = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    const errors: unknown[] = [];
    await workspace.onChanged(() => {
      throw new Error("the pane's handler broke");
    }, (e) => errors.push(e));
    fake.failSync(new FakeOfficeError("GeneralException", "Excel is busy."));
    await fake.type("Sheet1", 0, 0, "x");
    await fake.type("Sheet1", 0, 1, "y");
    expect(errors).toEqual([
      expect.objectContaining({ code: CHANGES_FAILED, message: expect.stringContaining("Excel is busy.") }),
      expect.objectContaining({ code: CHANGES_FAILED, message: expect.stringContaining("the pane's handler broke") }),
    ]);
    expect(fake.unhandled).toEqual([]);
  });

  it("removal goes through the context that added the handlers (as Office requires)", async () => {
    const { fake } = setup();
    const workspace = createExcelWorkspace({ run: (batch) => fake.run(batch), requirements: fake.requirements });
    const unsubscribe = await workspace.onChanged(() => undefined, () => undefined);
    await expect(unsubscribe()).rejects.toMatchObject({ code: CHANGES_FAILED, message: expect.stringContaining("not added in this request context") });
  });
});
