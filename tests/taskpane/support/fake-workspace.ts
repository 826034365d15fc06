import { SheetGrid } from "../../../src/core/grid/grid";
import type { WorkbookSpec } from "../../../src/core/template/spec";
import { ACK_HEADERS, ACK_SHEET, type Acknowledgement } from "../../../src/core/validation/acknowledgements";
import type { Finding } from "../../../src/core/validation/finding";
import type { SheetInput } from "../../../src/core/validation/validate-sheet";
import type { ExcelWorkspace, GenerateChoices, InsertResult, RequirementCheck } from "../../../src/excel/workspace";
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
  readonly handlers = new Set<(sheets: readonly string[]) => void>();
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
  async readSheets(only?: readonly string[]): Promise<SheetInput[]> {
    await this.step("readSheets");
    this.reads.push(only ?? "all");
    return this.grids.filter((g) => !only || only.includes(g.name)).map((grid) => ({ grid }));
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
  async acknowledge(ack: Acknowledgement): Promise<void> {
    await this.step("acknowledge");
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
  async onChanged(handler: (sheets: readonly string[]) => void): Promise<() => Promise<void>> {
    await this.step("onChanged");
    this.handlers.add(handler);
    return async () => {
      this.calls.push("offChanged");
      this.handlers.delete(handler);
    };
  }

  /** A co-author typed in a cell. */
  change(sheet: string, row: number, col: number, value: string): void {
    this.grids.find((g) => g.name === sheet)?.set(row, col, value);
    for (const h of this.handlers) h([sheet]);
  }
}

/** An Office.js error as Excel throws it (OfficeExtension.Error's shape). */
export function officeError(code: string, message: string): Error & { code: string; debugInfo: { errorLocation: string } } {
  return Object.assign(new Error(message), { name: "RichApi.Error", code, debugInfo: { errorLocation: "Range.values" } });
}
