/**
 * Excel's rules for a sheet name, in one place: 1 to 31 characters, none of \ / ? * [ ] :, no
 * apostrophe first or last, not "History" (reserved). A file breaking them does not open in Excel,
 * LibreOffice or openpyxl; the report's names hold cycle labels as returns wrote them ("2009/10").
 */

export const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[\\/?*[\]:]|\p{Cc}/gu;

/** The wanted name made valid: forbidden characters as "-", cut to 31, stray apostrophes and spaces trimmed. */
export function validSheetName(wanted: string): string {
  let name = wanted.replace(FORBIDDEN, "-").slice(0, MAX_SHEET_NAME);
  name = name.replace(/^['\s]+|['\s]+$/g, "");
  if (name === "") return "Sheet";
  return name.toLowerCase() === "history" ? `${name} sheet` : name;
}

/** Unique names within one workbook, compared as Excel compares them (case-insensitively). */
export class SheetNames {
  private readonly used = new Set<string>();
  take(wanted: string): string {
    const base = validSheetName(wanted);
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${validSheetName(base.slice(0, MAX_SHEET_NAME - 1 - String(n).length))} ${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}
