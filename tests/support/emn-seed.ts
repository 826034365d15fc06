import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SheetGrid } from "../../src/core/grid/grid";
import { META_ROWS } from "../../src/core/template/layout";
import { catalogue, editAt, templateSpec, type Edit } from "./returns";

/**
 * The published compilation of the EMN ad-hoc query on Migration Partnerships (seeds/sources),
 * read back into its table: one row per country with its "Wider Dissemination?" and its response
 * box. The text is the PDF's extraction, so the reading is rule by rule:
 * - a row starts with a country name, its Yes/No and the first line of its box, tab-separated
 *   (a stray "#" or tab before the name is the extraction's);
 * - the box continues on lines that start with a tab, its text being the line's last field (a page
 *   number such as "105" in an earlier field is the extraction's);
 * - page footers (the disclaimer's "official policy of …" cut by the page) and footnotes (¹ ²) are
 *   not the table's;
 * - lines are trimmed and joined with a line break.
 */

export interface SeedRow {
  readonly country: string;
  readonly dissemination: "Yes" | "No";
  readonly response: string;
}

export const EMN_SEED = readFileSync(join(__dirname, "..", "..", "seeds", "sources", "emn-ad-hoc-query-migration-partnerships-2010.txt"), "utf8");

/** The countries the compilation's header says responded, in its order. */
export function seedRespondents(): { countries: string[]; total: number } {
  const m = /Responses from (.+) \((\d+) in Total\)/.exec(EMN_SEED);
  if (!m?.[1] || !m[2]) throw new Error("no 'Responses from' line in the seed");
  return { countries: m[1].split(", "), total: Number(m[2]) };
}

export function seedTable(): SeedRow[] {
  const { countries } = seedRespondents();
  const lines = EMN_SEED.slice(EMN_SEED.indexOf("2. Responses")).split("\n");
  const rows: { country: string; dissemination: "Yes" | "No"; lines: string[] }[] = [];
  const start = new RegExp(`^#?\\t?(${countries.join("|")})\\t(Yes|No)\\t(.*)$`);
  for (const line of lines) {
    const m = start.exec(line);
    if (m?.[1] && m[2]) {
      rows.push({ country: m[1], dissemination: m[2] as "Yes" | "No", lines: [m[3] ?? ""] });
      continue;
    }
    const current = rows.at(-1);
    if (!current || !line.startsWith("\t") || /official policy of/.test(line)) continue;
    current.lines.push(line.split("\t").at(-1) ?? "");
  }
  return rows.map((r) => ({ country: r.country, dissemination: r.dissemination, response: r.lines.map((l) => l.trim()).filter(Boolean).join("\n") }));
}

/** What a withholding country actually sent: never in the public edition. */
export const privateAnswer = (country: string): string => `${country}'s own answer, for the requesting NCP only.`;

/**
 * A seed row as a filled template: the response as the single response to all questions (the
 * withholding countries' own answer, which the seed does not print), and the dissemination choice.
 */
export function seedReturn(row: SeedRow, answers?: (spec: ReturnType<typeof templateSpec>["spec"]) => Edit[]): { spec: ReturnType<typeof templateSpec>["spec"]; edits: Edit[] } {
  const { spec, framework } = templateSpec("emn-ahq-2010", row.country, "initial", "2010");
  const given = answers ? answers(spec) : [editAt(spec, framework, "Q1-4", "Response", row.dissemination === "No" ? privateAnswer(row.country) : row.response)];
  return { spec, edits: [...given, { sheet: spec.sheets[0]?.name ?? "", row: META_ROWS.dissemination, col: 1, value: row.dissemination.toLowerCase() }] };
}

/** A "compilation as published" sheet read back: the label/value lines above the table, and the table with its heading row first. */
export function readPublished(sheet: SheetGrid): { header: Record<string, string>; rows: string[][] } {
  let headingRow = -1;
  const header: Record<string, string> = {};
  for (let r = 0; r < 20 && headingRow < 0; r++) {
    if (sheet.text(r, 0) === "Country") headingRow = r;
    else if (sheet.text(r, 1)) header[sheet.text(r, 0)] = sheet.text(r, 1);
  }
  const rows: string[][] = [];
  for (let r = headingRow + 1; sheet.text(r, 0); r++) rows.push([0, 1, 2].map((c) => sheet.text(r, c)));
  return { header, rows: [[0, 1, 2].map((c) => sheet.text(headingRow, c)), ...rows] };
}

export const EMN_FRAMEWORK = catalogue.framework("emn-ahq-2010");
