import { CodedError } from "../../../core/errors/coded-error";
import { READ_WORKBOOK_INVALID } from "../codes";
import { prefixedAttr, xmlTrue, type Attrs, type XmlHandler } from "../xml-stream";
import { appendBounded, checkCount } from "./bounds";

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface SheetEntry {
  readonly name: string;
  readonly state: SheetState;
  readonly relId: string;
}

export interface DefinedName {
  readonly name: string;
  readonly localSheet?: number;
  readonly ref: string;
}

const STATES: ReadonlySet<string> = new Set(["visible", "hidden", "veryHidden"]);

/** xl/workbook.xml: the sheets in order, defined names, and the date system. */
export class WorkbookPart implements XmlHandler {
  date1904 = false;
  readonly sheets: SheetEntry[] = [];
  readonly definedNames: DefinedName[] = [];
  private name: { name: string; localSheet?: number; ref: string } | undefined;

  /** `maxSheets`: each sheet needs a part of its own, so there are at most as many as zip entries. */
  constructor(
    private readonly maxText: number,
    private readonly maxSheets: number,
    private readonly maxNames: number,
  ) {}

  open(name: string, attrs: Attrs, path: readonly string[]): void {
    const parent = path[path.length - 2];
    if (name === "workbookPr" && path.length === 2) this.date1904 = xmlTrue(attrs.date1904);
    else if (name === "sheet" && parent === "sheets") {
      checkCount(this.sheets.length, this.maxSheets, "sheets");
      this.sheets.push(sheetEntry(attrs));
    } else if (name === "definedName" && parent === "definedNames") {
      checkCount(this.definedNames.length, this.maxNames, "defined names");
      this.name = definedName(attrs);
    }
  }

  text(text: string, path: readonly string[]): void {
    if (this.name && path[path.length - 1] === "definedName") {
      this.name.ref = appendBounded(this.name.ref, text, this.maxText, `defined name '${this.name.name}'`);
    }
  }

  close(name: string): void {
    if (name === "definedName" && this.name) {
      this.definedNames.push(this.name);
      this.name = undefined;
    }
  }
}

const invalid = (message: string): CodedError => new CodedError(READ_WORKBOOK_INVALID, message);

function sheetEntry(attrs: Attrs): SheetEntry {
  const name = attrs.name;
  const relId = prefixedAttr(attrs, "id");
  if (name === undefined || relId === undefined) throw invalid("a sheet in workbook.xml lacks its name or relationship id");
  const state = attrs.state ?? "visible";
  if (!STATES.has(state)) throw invalid(`sheet '${name}' has an unknown state '${state.slice(0, 40)}'`);
  return { name, state: state as SheetState, relId };
}

function definedName(attrs: Attrs): { name: string; localSheet?: number; ref: string } {
  const name = attrs.name;
  if (name === undefined) throw invalid("a defined name in workbook.xml has no name");
  const local = attrs.localSheetId;
  if (local === undefined) return { name, ref: "" };
  if (!/^\d{1,5}$/.test(local)) throw invalid(`defined name '${name}' has a bad localSheetId`);
  return { name, localSheet: Number(local), ref: "" };
}
