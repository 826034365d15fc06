import type { ColumnRole, EntryColumn, Framework, ValueMeaning } from "./schema";
import { columnRoles } from "./schema";

/**
 * The columns and values rules depend on, found by what the catalogue says they are for (`role`,
 * a list's `meaning`), never by their ids or words: a framework whose columns are named otherwise
 * keeps every rule, matrix and marking.
 */

/** The entry column with this role, if the framework has one. */
export function columnWithRole(framework: Pick<Framework, "entryColumns">, role: ColumnRole): EntryColumn | undefined {
  return framework.entryColumns.find((c) => c.role === role);
}

/** The id of each role's column, for rules that read entries by column id. */
export type RoleColumns = Readonly<Partial<Record<ColumnRole, string>>>;

export function roleColumns(framework: Pick<Framework, "entryColumns">): RoleColumns {
  const out: Partial<Record<ColumnRole, string>> = {};
  for (const role of columnRoles) {
    const c = columnWithRole(framework, role);
    if (c) out[role] = c.id;
  }
  return out;
}

/** Folded as a slip would differ from the value: case and white space. */
const fold = (s: string): string => s.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * What a value of a list column means to the rules, compared as list values are (case and spacing
 * ignored); undefined for a value the list gives no meaning, or a column that is not a list.
 */
export function meaningOf(framework: Pick<Framework, "lists">, column: Pick<EntryColumn, "list"> | undefined, value: unknown): ValueMeaning | undefined {
  if (!column?.list || typeof value !== "string") return undefined;
  const meaning = framework.lists.find((l) => l.id === column.list)?.meaning;
  if (!meaning) return undefined;
  const key = fold(value);
  for (const [v, m] of Object.entries(meaning)) if (fold(v) === key) return m;
  return undefined;
}

/** The values of a list column that have this meaning, as the list writes them. */
export function valuesMeaning(framework: Pick<Framework, "lists">, column: Pick<EntryColumn, "list"> | undefined, meaning: ValueMeaning): string[] {
  const m = framework.lists.find((l) => l.id === column?.list)?.meaning ?? {};
  return Object.entries(m).flatMap(([v, x]) => (x === meaning ? [v] : []));
}

/** The meaning of what a party wrote in the column with this role. */
export function roleMeaning(framework: Pick<Framework, "entryColumns" | "lists">, role: ColumnRole, value: unknown): ValueMeaning | undefined {
  return meaningOf(framework, columnWithRole(framework, role), value);
}

/** Whether a party's participation entry says it does not take part in the item. */
export function saysNotParticipating(framework: Pick<Framework, "entryColumns" | "lists">, value: unknown): boolean {
  return roleMeaning(framework, "participation", value) === "no";
}

export const textColumnsOf = (framework: Pick<Framework, "entryColumns">): string[] => framework.entryColumns.filter((c) => c.type === "text").map((c) => c.id);

/**
 * The entries of `textColumns` that decide "reported": the catalogue's primary entry columns; where
 * a catalogue marks none, its required text columns; where it has none either, none (then any text
 * entry given makes an item reported).
 */
export function decidingColumns(framework: Pick<Framework, "entryColumns">, textColumns: readonly string[] = textColumnsOf(framework)): EntryColumn[] {
  const among = framework.entryColumns.filter((c) => textColumns.includes(c.id));
  const primary = among.filter((c) => c.primary);
  return primary.length > 0 ? primary : among.filter((c) => c.required);
}
