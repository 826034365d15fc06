import { readFileSync } from "node:fs";
import { join } from "node:path";

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
