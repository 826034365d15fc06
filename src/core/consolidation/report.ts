import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import { POLITICAL_ENTRY, TEMPLATE_MARKER } from "../template/layout";
import type { CellSpec, CellValue, ConditionalFillSpec, RangeAddress, SheetSpec, StyleName, WorkbookSpec } from "../template/spec";
import { COVERAGE, COVERAGE_FILLS, coverageOf, type Coverage } from "./coverage";
import type { AcceptedContribution, Register } from "./register";

/**
 * The combined report as a workbook spec: summary, per framework and cycle a compilation (and the
 * Pact's political report), coverage and status matrices, and — internal edition only — the register.
 * Contributed values are copied verbatim as values: they can never become formulas.
 */

export type Edition = "internal" | "public";
export type PartyOrder = "protocol" | "alpha";

export interface ReportOptions {
  readonly edition: Edition;
  readonly order?: PartyOrder;
  /** When the report was made, shown on the summary (the caller passes it: core reads no clock). */
  readonly generatedAt?: string;
}

interface Unit {
  readonly framework: Framework;
  readonly cycle: string;
  /** Party order for this unit, restricted to parties that contributed. */
  readonly parties: readonly Party[];
  readonly byParty: ReadonlyMap<string, ReadonlyMap<string, AcceptedContribution>>;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function units(register: Register, catalogue: Catalogue, order: PartyOrder): Unit[] {
  const grouped = new Map<string, { framework: Framework; cycle: string; byParty: Map<string, Map<string, AcceptedContribution>> }>();
  for (const a of register.accepted) {
    const key = `${a.framework.id}\u0000${a.cycle}`;
    const u = grouped.get(key) ?? { framework: a.framework, cycle: a.cycle, byParty: new Map() };
    const roles = u.byParty.get(a.party.code) ?? new Map<string, AcceptedContribution>();
    roles.set(a.sheet.role ?? "", a);
    u.byParty.set(a.party.code, roles);
    grouped.set(key, u);
  }
  return [...grouped.values()]
    .sort((a, b) => byText(a.framework.id, b.framework.id) || byText(a.cycle, b.cycle))
    .map((u) => {
      const all = catalogue.partiesOf(u.framework);
      const present = all.filter((p) => u.byParty.has(p.code));
      const parties = order === "alpha" ? [...present].sort((a, b) => a.name.localeCompare(b.name, "en")) : present;
      return { ...u, parties };
    });
}

/** Sheet names within Excel's 31 characters, unique in the workbook. */
class SheetNames {
  private readonly used = new Set<string>();
  take(wanted: string): string {
    let name = wanted.slice(0, 31);
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${wanted.slice(0, 28)} ${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

class Sheet {
  readonly cells: CellSpec[] = [];
  readonly merges: RangeAddress[] = [];
  readonly fills: ConditionalFillSpec[] = [];
  row = 0;
  put(row: number, col: number, value: CellValue, style: StyleName): void {
    if (value !== null || style !== "reportText") this.cells.push({ row, col, value, style });
  }
  line(values: readonly CellValue[], style: StyleName | readonly StyleName[]): void {
    values.forEach((v, col) => this.put(this.row, col, v, typeof style === "string" ? style : (style[col] ?? "reportText")));
    this.row++;
  }
  spec(name: string, widths: readonly number[], freeze?: { rows: number; cols: number }, titleRow?: number): SheetSpec {
    return {
      name,
      role: "report",
      hidden: false,
      columnWidths: widths,
      cells: this.cells,
      merges: this.merges,
      validations: [],
      ...(freeze ? { freeze } : {}),
      ...(titleRow !== undefined ? { print: { titleRows: { first: titleRow, last: titleRow } } } : {}),
      protect: false,
      ...(this.fills.length ? { conditionalFills: this.fills } : {}),
    };
  }
}

/** What a contributed value becomes in the report: verbatim, or the standard sentence where withheld. */
function shown(v: CellValue | undefined, withheld: string | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (withheld !== undefined && typeof v === "string") return withheld;
  return v;
}

function styleOf(v: CellValue): StyleName {
  if (v !== null && typeof v === "object") return "reportDate";
  return "reportText";
}

/** The standard sentence replacing a party's responses in the public edition, if it chose "no". */
function withheldText(unit: Unit, contribution: AcceptedContribution | undefined, edition: Edition): string | undefined {
  const d = unit.framework.dissemination;
  if (edition !== "public" || !d || !contribution) return undefined;
  return (contribution.sheet.meta.dissemination ?? d.default).trim().toLowerCase() === "no" ? d.standardSentence : undefined;
}

function itemRole(framework: Framework): string {
  return framework.kind === "pact" ? "factual" : framework.kind === "ad-hoc-query" ? "questionnaire" : "matrix";
}

function compilationSheet(unit: Unit, edition: Edition, name: string): SheetSpec {
  const s = new Sheet();
  const fw = unit.framework;
  const internal = edition === "internal";
  const headers = ["Ref", "Item", "Party", "Code", ...fw.entryColumns.map((c) => c.header), ...(internal ? ["Responsible unit / contact", "Review state", "Source"] : [])];
  s.line([`${fw.title} — compilation — cycle ${unit.cycle}`], "title");
  s.line([edition === "public" ? "Public edition" : "Internal edition"], "instructions");
  const headerRow = s.row;
  s.line(headers, "columnHeader");
  const role = itemRole(fw);
  for (const area of fw.areas) {
    s.line([area.id, area.mainCommitment ? `${area.title} — ${area.mainCommitment}` : area.title], "areaHeading");
    s.merges.push({ top: s.row - 1, left: 1, bottom: s.row - 1, right: headers.length - 1 });
    for (const item of area.items) {
      s.line([item.ref, item.text], ["ref", "catalogueText"]);
      for (const party of unit.parties) {
        const c = unit.byParty.get(party.code)?.get(role);
        const entries = c?.sheet.entries.get(item.ref);
        const withheld = withheldText(unit, c, edition);
        const values = fw.entryColumns.map((col) => shown(entries?.[col.id], withheld));
        const extra = internal ? [entries?.["responsible"] ?? null, entries?.["review"] ?? null, c ? `${c.source.file} › ${c.sheet.sheet}` : null] : [];
        const row: CellValue[] = [item.ref, null, party.name, party.code, ...values, ...extra];
        s.line(row, row.map((v, i) => (i < 4 ? "matrixCell" : styleOf(v))));
      }
    }
  }
  return s.spec(name, [9, 50, 22, 7, ...fw.entryColumns.map((c) => (c.type === "text" ? 60 : 16)), ...(internal ? [24, 16, 40] : [])], { rows: headerRow + 1, cols: 4 }, headerRow);
}

function politicalSheet(unit: Unit, edition: Edition, name: string): SheetSpec {
  const s = new Sheet();
  const internal = edition === "internal";
  s.line([`${unit.framework.title} — political reports — cycle ${unit.cycle}`], "title");
  s.line([edition === "public" ? "Public edition" : "Internal edition"], "instructions");
  const headerRow = s.row;
  s.line(["Area", "Policy area", "Party", "Code", POLITICAL_ENTRY.header, ...(internal ? ["Responsible unit / contact", "Review state"] : [])], "columnHeader");
  for (const area of unit.framework.areas) {
    s.line([area.id, area.mainCommitment ? `${area.title} — ${area.mainCommitment}` : area.title], "areaHeading");
    for (const party of unit.parties) {
      const entries = unit.byParty.get(party.code)?.get("political")?.sheet.entries.get(area.id);
      const row: CellValue[] = [area.id, null, party.name, party.code, entries?.[POLITICAL_ENTRY.id] ?? null, ...(internal ? [entries?.["responsible"] ?? null, entries?.["review"] ?? null] : [])];
      s.line(row, row.map((v, i) => (i < 4 ? "matrixCell" : styleOf(v))));
    }
  }
  return s.spec(name, [7, 40, 22, 7, 90, ...(internal ? [24, 16] : [])], { rows: headerRow + 1, cols: 4 }, headerRow);
}

/** Items × parties: a value per cell, totals per area and per party, heat-map fills. */
function matrixSheet(unit: Unit, name: string, title: string, states: readonly string[], fills: Readonly<Record<string, string>>, value: (c: AcceptedContribution | undefined, ref: string) => string): SheetSpec {
  const s = new Sheet();
  const fw = unit.framework;
  const role = itemRole(fw);
  s.line([`${fw.title} — ${title} — cycle ${unit.cycle}`], "title");
  s.line([`Cells: ${states.join(" / ")}. Totals count the cells in each state.`], "instructions");
  const headerRow = s.row;
  const first = 2;
  s.line(["Ref", "Item", ...unit.parties.map((p) => p.code), ...states.map((st) => `Total: ${st}`)], "columnHeader");
  const perParty = unit.parties.map(() => new Map<string, number>());
  const bodyTop = s.row;
  for (const area of fw.areas) {
    const areaCounts = new Map<string, number>();
    for (const item of area.items) {
      const row: CellValue[] = [item.ref, item.text];
      const counts = new Map<string, number>();
      unit.parties.forEach((p, i) => {
        const v = value(unit.byParty.get(p.code)?.get(role), item.ref);
        row.push(v);
        counts.set(v, (counts.get(v) ?? 0) + 1);
        areaCounts.set(v, (areaCounts.get(v) ?? 0) + 1);
        perParty[i]?.set(v, (perParty[i]?.get(v) ?? 0) + 1);
      });
      states.forEach((st) => row.push(counts.get(st) ?? 0));
      s.line(row, row.map((_, i) => (i === 0 ? "ref" : i === 1 ? "catalogueText" : i < first + unit.parties.length ? "matrixCell" : "reportNumber")));
    }
    const total: CellValue[] = [area.id, `Total area ${area.id}: ${area.title}`, ...unit.parties.map(() => null), ...states.map((st) => areaCounts.get(st) ?? 0)];
    s.line(total, "reportTotal");
  }
  const bodyBottom = s.row - 1;
  for (const st of states) {
    s.line([null, `Total per party: ${st}`, ...perParty.map((m) => m.get(st) ?? 0)], "reportTotal");
  }
  if (unit.parties.length > 0) {
    const range = { top: bodyTop, left: first, bottom: bodyBottom, right: first + unit.parties.length - 1 };
    for (const st of states) if (fills[st]) s.fills.push({ range, equals: st, fill: fills[st] ?? "FFFFFF" });
  }
  return s.spec(name, [9, 50, ...unit.parties.map(() => 14), ...states.map(() => 12)], { rows: headerRow + 1, cols: 2 }, headerRow);
}

const STATUS_FILLS: Readonly<Record<string, string>> = {
  "not started": "FFC7CE",
  planned: "FFEB9C",
  ongoing: "DDEBF7",
  completed: "C6EFCE",
  "not applicable": "D9D9D9",
};

function summarySheet(register: Register, unitsList: readonly Unit[], edition: Edition, generatedAt: string | undefined, name: string): SheetSpec {
  const s = new Sheet();
  s.line(["Combined report — summary"], "title");
  s.line([`${edition === "public" ? "Public" : "Internal"} edition${generatedAt ? `, made ${generatedAt}` : ""} by ${TEMPLATE_MARKER.split("/")[0]}`], "instructions");
  s.row++;
  s.line(["Framework", "Cycle", "Parties reporting", "Missing", "Errors", "Warnings"], "columnHeader");
  for (const u of unitsList) {
    const missing = register.missing.find((m) => m.framework === u.framework.id && m.cycle === u.cycle)?.parties ?? [];
    const rows = register.rows.filter((r) => r.framework === u.framework.id && r.cycle === u.cycle && r.status.startsWith("accepted"));
    s.line([u.framework.title, u.cycle, u.parties.length, missing.length, rows.reduce((n, r) => n + r.errors, 0), rows.reduce((n, r) => n + r.warnings, 0)], ["reportText", "reportText", "reportNumber", "reportNumber", "reportNumber", "reportNumber"]);
  }
  s.row++;
  for (const u of unitsList) {
    const missing = register.missing.find((m) => m.framework === u.framework.id && m.cycle === u.cycle)?.parties ?? [];
    s.line([`${u.framework.id} ${u.cycle}: received from`, u.parties.map((p) => p.name).join(", ") || "nobody"], ["metaLabel", "reportText"]);
    s.line([`${u.framework.id} ${u.cycle}: missing`, missing.map((p) => p.name).join(", ") || "none"], ["metaLabel", "reportText"]);
  }
  if (edition === "internal") {
    const counts = new Map<string, number>();
    for (const r of register.rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    s.row++;
    s.line(["Inputs", "Count"], "columnHeader");
    for (const st of ["accepted", "accepted with errors", "superseded", "rejected"]) s.line([st, counts.get(st) ?? 0], ["reportText", "reportNumber"]);
    s.line(["late", register.rows.filter((r) => r.late).length], ["reportText", "reportNumber"]);
  }
  return s.spec(name, [40, 80, 18, 12, 10, 10]);
}

export const REGISTER_HEADERS = ["File", "Sheet", "Framework", "Party", "Party name", "Cycle", "Round", "Template version", "Last modified", "SHA-256", "Errors", "Warnings", "Status", "Superseded by", "Reason", "Late"] as const;

function registerSheet(register: Register, name: string): SheetSpec {
  const s = new Sheet();
  s.line(["Register of returns"], "title");
  const headerRow = s.row;
  s.line([...REGISTER_HEADERS], "columnHeader");
  for (const r of register.rows) {
    const row: CellValue[] = [r.file, r.sheet, r.framework, r.party, r.partyName, r.cycle, r.round, r.version, r.modified, r.sha256, r.errors, r.warnings, r.status, r.supersededBy ?? "", r.reason ? `${r.reason.code} ${r.reason.message}` : "", r.late ? "late" : ""];
    s.line(row, row.map((v) => (typeof v === "number" ? "reportNumber" : "reportText")));
  }
  return s.spec(name, [36, 28, 16, 7, 22, 10, 9, 10, 22, 66, 8, 9, 20, 40, 50, 6], { rows: headerRow + 1, cols: 1 }, headerRow);
}

export function buildCombinedReport(register: Register, catalogue: Catalogue, options: ReportOptions): WorkbookSpec {
  const names = new SheetNames();
  const order = options.order ?? "protocol";
  const list = units(register, catalogue, order);
  const multi = (fw: Framework): boolean => list.filter((u) => u.framework.id === fw.id).length > 1;
  const prefix = (u: Unit): string => (multi(u.framework) ? `${u.framework.id} ${u.cycle}` : u.framework.id);
  const sheets: SheetSpec[] = [summarySheet(register, list, options.edition, options.generatedAt, names.take("Summary"))];
  for (const u of list) {
    if (u.framework.kind === "pact") sheets.push(politicalSheet(u, options.edition, names.take(`${prefix(u)} political`)));
    sheets.push(compilationSheet(u, options.edition, names.take(`${prefix(u)} compilation`)));
    const textCols = u.framework.entryColumns.filter((c) => c.type === "text").map((c) => c.id);
    sheets.push(
      matrixSheet(u, names.take(`${prefix(u)} coverage`), "coverage", COVERAGE, COVERAGE_FILLS, (c, ref) => coverageOf(u.framework, c?.sheet.entries.get(ref), textCols) satisfies Coverage),
    );
    const status = u.framework.lists.find((l) => l.id === "status");
    if (status && u.framework.entryColumns.some((c) => c.id === "status")) {
      const states = [...status.values, "not reported"];
      sheets.push(
        matrixSheet(u, names.take(`${prefix(u)} status`), "status of actions", states, { ...STATUS_FILLS, "not reported": "FFFFFF" }, (c, ref) => {
          const v = c?.sheet.entries.get(ref)?.["status"];
          return typeof v === "string" && status.values.includes(v) ? v : "not reported";
        }),
      );
    }
  }
  if (options.edition === "internal") sheets.push(registerSheet(register, names.take("Register")));
  return {
    title: `Combined report (${options.edition} edition)`,
    subject: list.map((u) => `${u.framework.id} ${u.cycle}`).join(", "),
    sheets,
    definedNames: [],
  };
}
