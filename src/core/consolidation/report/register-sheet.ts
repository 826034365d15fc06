import { sourceDocument } from "../../catalogue/source-document";
import type { CellValue, SheetSpec } from "../../template/spec";
import type { Register } from "../register";
import { DISSEMINATION_HEADER } from "./headings";
import { Sheet, valueStyle, widthsOf, type Column } from "./sheet-toolkit";

/** The register of returns (internal edition only): one row per input sheet, as the register has it. */

/** "2026-11-14T09:30:00Z" or "2026-11-14" as a date (with its time) the spreadsheet can sort and filter; other text stays text. */
function moment(iso: string): CellValue {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso.trim());
  if (!m?.[1]) return iso === "" ? null : iso;
  if (!m[2]) return { date: m[1] };
  // A time with an offset is turned to UTC first, as the register's other times are.
  const at = new Date(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}${m[3] ?? "Z"}`);
  if (Number.isNaN(at.getTime())) return iso;
  const utc = at.toISOString();
  return { date: utc.slice(0, 10), time: utc.slice(11, 19) };
}

type RegisterRow = Register["rows"][number];

const column = (header: string, width: number, value: (r: RegisterRow) => CellValue): Column<RegisterRow> => ({ header, width, style: valueStyle, value });

const COLUMNS: readonly Column<RegisterRow>[] = [
  column("File", 30, (r) => r.file),
  column("Sheet", 22, (r) => r.sheet),
  column("Framework", 14, (r) => r.framework),
  column("Party", 6, (r) => r.party),
  column("Party name", 18, (r) => r.partyName),
  column("Cycle", 7, (r) => r.cycle),
  column("Round", 8, (r) => r.round),
  column("Template version", 9, (r) => r.version),
  column("Received", 16, (r) => moment(r.received)),
  column("Last modified (sender)", 16, (r) => moment(r.modified)),
  column("SHA-256", 34, (r) => r.sha256),
  column("Errors", 7, (r) => r.errors),
  column("Warnings", 9, (r) => r.warnings),
  column("Status", 18, (r) => r.status),
  column("Superseded by", 28, (r) => r.supersededBy ?? ""),
  column("Reason", 40, (r) => (r.reason ? `${r.reason.code} ${r.reason.message}` : "")),
  column("Late", 6, (r) => (r.late ? "late" : "")),
  column(DISSEMINATION_HEADER, 14, (r) => r.dissemination),
  column("Note", 40, (r) => r.note),
];

export const REGISTER_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

export function registerSheet(register: Register, name: string): SheetSpec {
  const s = new Sheet();
  s.line(["Register of returns"], "title");
  // The documents the returns answer, each once: the register is read on its own too.
  const frameworks = [...new Map([...register.responses, ...register.presence].map((r) => [r.framework.id, r.framework])).values()];
  if (frameworks.length) s.legend(`Source documents: ${frameworks.map((f) => `${f.title} — ${sourceDocument(f)}`).join("; ")}.`, COLUMNS.length);
  const headerRow = s.headings(COLUMNS);
  for (const r of register.rows) s.tableRow(COLUMNS, r);
  return s.spec(name, widthsOf(COLUMNS), { headerRow, freeze: { rows: headerRow + 1, cols: 1 }, filter: true });
}
