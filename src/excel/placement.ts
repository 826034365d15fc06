import type { DefinedNameSpec, SheetSpec, WorkbookSpec } from "../core/template/spec";
import { MAX_SHEET_NAME } from "../core/template/sheet-name";
import type { PlacedSheet } from "./workspace";

/**
 * Where a spec goes in a workbook that already holds sheets and defined names: free sheet names
 * for collisions, and for each list name either the existing name (same values) or a fresh one.
 * Pure: the caller reads the workbook and passes what it found.
 */

const key = (name: string): string => name.toLowerCase();

/** "name (2)", "name (3)"…, shortened so the whole stays within Excel's 31 characters. */
export function freeSheetName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key(wanted))) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${wanted.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(key(name))) return name;
  }
}

/** A defined name that exists in the workbook; `values` when it refers to a range. */
export interface ExistingName {
  readonly name: string;
  readonly values?: readonly (readonly unknown[])[];
}

export interface NamePlan {
  readonly spec: DefinedNameSpec;
  /** The name the new sheets' validations use. */
  readonly actual: string;
  /** True when an existing name with identical values is used and nothing is added. */
  readonly reused: boolean;
}

export interface Placement {
  /** Sheets to add, with the names they get. */
  readonly sheets: readonly { readonly spec: SheetSpec; readonly actual: string }[];
  readonly names: readonly NamePlan[];
  readonly notes: readonly string[];
  readonly placed: readonly PlacedSheet[];
}

/** The values a defined name of the spec will hold: the spec's own cells in its range. */
export function specNameValues(spec: WorkbookSpec, n: DefinedNameSpec): string[] {
  const sheet = spec.sheets.find((s) => s.name === n.sheet);
  const out: string[] = [];
  for (let row = n.range.top; row <= n.range.bottom; row++) {
    for (let col = n.range.left; col <= n.range.right; col++) {
      const v = sheet?.cells.find((c) => c.row === row && c.col === col)?.value ?? null;
      out.push(v === null ? "" : typeof v === "object" ? v.date : String(v));
    }
  }
  return out;
}

function sameValues(a: readonly string[], b: readonly (readonly unknown[])[] | undefined): boolean {
  if (!b) return false;
  const flat = b.flat().map((v) => (v === null || v === undefined ? "" : String(v)));
  return flat.length === a.length && flat.every((v, i) => v === a[i]);
}

/** A name not yet used: "pt_x_2", "pt_x_3"… */
function freeDefinedName(wanted: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const name = `${wanted}_${n}`;
    if (!taken.has(key(name))) return name;
  }
}

/**
 * Plans the insertion. A list name that already exists is reused only when it holds exactly the
 * values this spec would write (same framework lists, inserted earlier): the drop-downs then offer
 * the same choices. Otherwise (another catalogue version, a user's own name) the new sheets get a
 * fresh name, so an existing sheet's drop-downs never change. A lists sheet whose names are all
 * reused is not added: it would only duplicate lists already in the workbook.
 */
export function placeSpec(spec: WorkbookSpec, existingSheets: readonly string[], existingNames: readonly ExistingName[]): Placement {
  const notes: string[] = [];
  const byName = new Map(existingNames.map((n) => [key(n.name), n]));
  const takenNames = new Set(existingNames.map((n) => key(n.name)));
  const names: NamePlan[] = spec.definedNames.map((n) => {
    const found = byName.get(key(n.name));
    if (!found) {
      takenNames.add(key(n.name));
      return { spec: n, actual: n.name, reused: false };
    }
    if (sameValues(specNameValues(spec, n), found.values)) return { spec: n, actual: found.name, reused: true };
    const actual = freeDefinedName(n.name, takenNames);
    takenNames.add(key(actual));
    notes.push(`The list name '${n.name}' already exists with other values; the new sheets use '${actual}'.`);
    return { spec: n, actual, reused: false };
  });
  const reusedCount = names.filter((n) => n.reused).length;
  if (reusedCount > 0) notes.push(`${reusedCount} drop-down list(s) already in the workbook with the same values were reused.`);

  const needed = (sheet: SheetSpec): boolean => {
    if (sheet.role !== "lists") return true;
    const own = names.filter((n) => n.spec.sheet === sheet.name);
    return own.length === 0 || own.some((n) => !n.reused);
  };
  const taken = new Set(existingSheets.map(key));
  const sheets: { spec: SheetSpec; actual: string }[] = [];
  for (const s of spec.sheets) {
    if (!needed(s)) {
      notes.push(`'${s.name}' was not added: the workbook already holds its lists.`);
      continue;
    }
    const actual = freeSheetName(s.name, taken);
    taken.add(key(actual));
    if (actual !== s.name) notes.push(`'${s.name}' existed; inserted as '${actual}'.`);
    sheets.push({ spec: s, actual });
  }
  return { sheets, names, notes, placed: sheets.map((s) => ({ wanted: s.spec.name, actual: s.actual })) };
}
