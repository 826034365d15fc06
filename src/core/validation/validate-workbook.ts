import type { Catalogue } from "../catalogue/catalogue";
import { ACK_SHEET, readAcknowledgements } from "./acknowledgements";
import { isCarriedSheet, readCarriedMarks, type CarriedMark } from "../cycles/carried";
import { rule } from "./rules";
import { countFindings, type Finding, type FindingCounts } from "./finding";
import { otherSheetFindings } from "./other-sheets";
import { validateTemplateSheet, type SheetInput, type TemplateSheet } from "./validate-sheet";

export interface WorkbookValidation {
  /** Template sheets found, in workbook order (national sheets pasted into one workbook each count). */
  readonly contributions: readonly TemplateSheet[];
  readonly findings: readonly Finding[];
  readonly counts: FindingCounts;
  /** No errors left: warnings either acknowledged or allowed. */
  readonly readyToSubmit: boolean;
}

const NO_TEMPLATE = "PT-STRUCT-014";

/** Validates every template sheet of a workbook; other sheets are left alone. */
export function validateWorkbook(sheets: readonly SheetInput[], catalogue: Catalogue): WorkbookValidation {
  const ackSheet = sheets.find((s) => s.grid.name === ACK_SHEET);
  const acks = ackSheet ? readAcknowledgements(ackSheet.grid) : [];
  // What was carried from last cycle, from every carried sheet (one per template inserted with a previous return).
  const carried = new Map<string, CarriedMark>();
  for (const s of sheets) if (isCarriedSheet(s.grid.name)) for (const [k, m] of readCarriedMarks(s.grid)) carried.set(k, m);
  const contributions = sheets.flatMap((s) => validateTemplateSheet(s, catalogue, acks, carried) ?? []);
  const findings: Finding[] = contributions.flatMap((c) => c.findings);
  findings.push(...otherSheetFindings(sheets, new Set(contributions.map((c) => c.sheet)), catalogue.frameworks));
  if (contributions.length === 0) {
    const r = rule(NO_TEMPLATE);
    findings.push({ code: r.code, severity: r.severity, sheet: "", message: r.message });
  }
  const counts = countFindings(findings);
  return { contributions, findings, counts, readyToSubmit: counts.errors === 0 };
}
