import { SheetGrid } from "../../../src/core/grid/grid";
import type { WorkbookSpec } from "../../../src/core/template/spec";
import { ACK_HEADERS, ACK_SHEET, type Acknowledgement } from "../../../src/core/validation/acknowledgements";
import type { Finding } from "../../../src/core/validation/finding";
import type { SheetInput } from "../../../src/core/validation/validate-sheet";
import type { ExcelWorkspace, GenerateChoices, InsertResult, ReadProgress, RequirementCheck, WorkbookChange } from "../../../src/excel/workspace";
import { gridsWith, type Edit } from "../../support/returns";

/**
 * An ExcelWorkspace over in-memory grids: what the views ask of Excel, recorded, with no Office.
 * Sheets come from a template spec plus edits (tests/support/returns.ts), so validation is real.
 */
export class FakeWorkspace implements ExcelWorkspace {
  readonly calls: string[] = [];
  readonly inserted: WorkbookSpec[] = [];
  readonly selected: { sheet: string; cell: string }[] = [];
  readonly highlighted: (readonly Finding[])[] = [];
  readonly acknowledged: Acknowledgement[] = [];
  readonly saved: GenerateChoices[] = [];
  readonly handlers = new Set<{ readonly handler: (change: WorkbookChange) => void; readonly fail: (error: unknown) => void }>();
  grids: SheetGrid[] = [];
  choices: GenerateChoices | undefined;
  requirements: RequirementCheck = { supported: true, missing: [] };
  insertResult: (spec: WorkbookSpec) => InsertResult = (spec) => ({
    sheets: spec.sheets.map((s) => ({ wanted: s.name, actual: s.name })),
    notes: [],
  });
  /** Set to make the next call of that method reject (once). */
  failNext: Partial<Record<keyof ExcelWorkspace, unknown>> = {};

  static withReturn(spec: WorkbookSpec, edits: readonly Edit[] = []): FakeWorkspace {
    const ws = new FakeWorkspace();
    ws.load(spec, edits);
    return ws;
  }

  load(spec: WorkbookSpec, edits: readonly Edit[] = []): void {
    this.grids = gridsWith(spec, edits);
  }

  private async step(name: keyof ExcelWorkspace): Promise<void> {
    this.calls.push(name);
    const failure = this.failNext[name];
    if (failure !== undefined) {
      delete this.failNext[name];
      throw failure;
    }
  }

  /** false: an Excel for Mac, where downloads do not arrive. */
  canDownload = true;
  /** Files opened as new workbooks, by name. */
  readonly opened: { fileName: string; bytes: Uint8Array }[] = [];
  async openWorkbook(bytes: Uint8Array, fileName: string): Promise<void> {
    await this.step("openWorkbook");
    this.opened.push({ fileName, bytes });
  }

  checkRequirements(): RequirementCheck {
    this.calls.push("checkRequirements");
    return this.requirements;
  }
  async insertSpec(spec: WorkbookSpec): Promise<InsertResult> {
    await this.step("insertSpec");
    this.inserted.push(spec);
    return this.insertResult(spec);
  }
  /** The sheet names each readSheets call asked for ("all" when it asked for every sheet). */
  readonly reads: (readonly string[] | "all")[] = [];
  /** Set to hold readSheets after it has reported its first sheet read, until the promise settles. */
  readHold: Promise<void> | undefined;
  async readSheets(only?: readonly string[], onProgress?: (progress: ReadProgress) => void): Promise<SheetInput[]> {
    await this.step("readSheets");
    this.reads.push(only ?? "all");
    const grids = this.grids.filter((g) => !only || only.includes(g.name));
    // As the adapter does: a first report before any sheet is read, then one per sheet.
    onProgress?.({ done: 0, total: grids.length });
    for (const [i, grid] of grids.entries()) {
      onProgress?.({ done: i + 1, total: grids.length, sheet: grid.name });
      if (i === 0 && this.readHold) await this.readHold;
    }
    return grids.map((grid) => ({ grid }));
  }
  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.step("selectCell");
    this.selected.push({ sheet, cell });
  }
  async highlight(findings: readonly Finding[]): Promise<void> {
    await this.step("highlight");
    this.highlighted.push(findings);
  }
  async clearHighlights(): Promise<void> {
    await this.step("clearHighlights");
  }
  /** What each acknowledgeAll call was given. */
  readonly acknowledgedAll: (readonly Acknowledgement[])[] = [];
  async acknowledgeAll(acks: readonly Acknowledgement[]): Promise<void> {
    await this.step("acknowledgeAll");
    this.acknowledgedAll.push(acks);
    for (const ack of acks) this.record(ack);
  }
  async acknowledge(ack: Acknowledgement): Promise<void> {
    await this.step("acknowledge");
    this.record(ack);
  }
  private record(ack: Acknowledgement): void {
    this.acknowledged.push(ack);
    let sheet = this.grids.find((g) => g.name === ACK_SHEET);
    if (!sheet) {
      sheet = new SheetGrid(ACK_SHEET, true);
      ACK_HEADERS.forEach((h, col) => sheet?.set(0, col, h));
      this.grids.push(sheet);
    }
    const row = sheet.rowCount;
    [ack.sheet, ack.cell, ack.code, ack.justification, ack.by ?? "", ack.date ?? ""].forEach((v, col) => sheet?.set(row, col, v));
  }
  async loadChoices(): Promise<GenerateChoices | undefined> {
    await this.step("loadChoices");
    return this.choices;
  }
  async saveChoices(choices: GenerateChoices): Promise<void> {
    await this.step("saveChoices");
    this.saved.push(choices);
  }
  async onChanged(handler: (change: WorkbookChange) => void, fail: (error: unknown) => void): Promise<() => Promise<void>> {
    await this.step("onChanged");
    const entry = { handler, fail };
    this.handlers.add(entry);
    return async () => {
      this.calls.push("offChanged");
      this.handlers.delete(entry);
    };
  }

  private emit(change: WorkbookChange): void {
    for (const h of this.handlers) h.handler(change);
  }

  /** A co-author typed in a cell. */
  change(sheet: string, row: number, col: number, value: string): void {
    this.grids.find((g) => g.name === sheet)?.set(row, col, value);
    this.emit({ kind: "edited", sheets: [sheet] });
  }

  /** A co-author deleted a sheet. */
  deleteSheet(name: string): void {
    this.grids = this.grids.filter((g) => g.name !== name);
    this.emit({ kind: "deleted", sheet: name });
  }

  /** A co-author renamed a sheet (the grid keeps its cells under the new name). */
  renameSheet(from: string, to: string): void {
    this.grids = this.grids.map((g) => {
      if (g.name !== from) return g;
      const renamed = new SheetGrid(to, g.hidden);
      for (const c of g.cells()) renamed.set(c.row, c.col, c.value);
      return renamed;
    });
    this.emit({ kind: "renamed", from, to });
  }

  /** Handling an event failed inside the adapter (Office would only log it). */
  failInHandler(error: unknown): void {
    for (const h of this.handlers) h.fail(error);
  }
}

/** An Office.js error as Excel throws it (OfficeExtension.Error's shape). */
export function officeError(code: string, message: string): Error & { code: string; debugInfo: { errorLocation: string } } {
  return Object.assign(new Error(message), { name: "RichApi.Error", code, debugInfo: { errorLocation: "Range.values" } });
}
