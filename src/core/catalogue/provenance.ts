import { cycleYear } from "./timetable";
import type { EntryColumn, Framework, Item, List, Round, Subitem } from "./schema";

/**
 * What in a catalogue is the document's and what is pact-tracker's own. Everything that is not the
 * document's text is either cited (`source`, `hintSource`, `primary.source`) or labelled as the
 * tool's (`tool`, `hintTool`, `instructionsTool`: a sentence saying why). The helpers here give the
 * short visible label a template or report prints beside such a thing, or undefined where it is the
 * document's; `unlabelled` lists what is neither, and the catalogue tests require it to be empty.
 */

/** The short visible labels, by what they label. */
export const TOOL_LABELS = {
  list: "pact-tracker's list",
  round: "a round of pact-tracker's",
  column: "pact-tracker's column",
  hint: "pact-tracker's hint",
  instructions: "pact-tracker's wording",
  item: "pact-tracker's row",
} as const;

/** The label of a number the catalogue restored from the document's order. */
export const RESTORED_NUMBER_LABEL = "number restored from the document's order";

/** "pact-tracker's list" for a list whose values the document does not give, else undefined. */
export function listNote(list: Pick<List, "tool">): string | undefined {
  return list.tool ? TOOL_LABELS.list : undefined;
}

/** "a round of pact-tracker's" for a round the document does not have, else undefined. */
export function roundNote(round: Pick<Round, "tool">): string | undefined {
  return round.tool ? TOOL_LABELS.round : undefined;
}

/** "pact-tracker's column" for an entry column the document does not ask for, else undefined. */
export function columnNote(column: Pick<EntryColumn, "tool">): string | undefined {
  return column.tool ? TOOL_LABELS.column : undefined;
}

/** "pact-tracker's hint" for a column's hint in pact-tracker's words, else undefined (no hint, or a cited one). */
export function hintNote(column: Pick<EntryColumn, "hint" | "hintTool">): string | undefined {
  return column.hint && column.hintTool ? TOOL_LABELS.hint : undefined;
}

/**
 * "pact-tracker's wording" for the item sheet's instruction line: the catalogue's, labelled as the
 * tool's, or, where the catalogue has none, the template's default (pact-tracker's too).
 */
export function instructionsNote(framework: Pick<Framework, "instructions" | "instructionsTool">): string | undefined {
  return framework.instructionsTool || !framework.instructions ? TOOL_LABELS.instructions : undefined;
}

/** "pact-tracker's row" for an item that is not the document's (the EMN query's `Q1-4`), else undefined. */
export function itemNote(item: Pick<Item, "tool">): string | undefined {
  return item.tool ? TOOL_LABELS.item : undefined;
}

/** "number restored from the document's order" for an item or sub-item whose number the catalogue restored, else undefined. */
export function restoredNote(entry: Pick<Item | Subitem, "restored">): string | undefined {
  return entry.restored === "number" ? RESTORED_NUMBER_LABEL : undefined;
}

/** Generic form: the visible label of anything labelled with `tool`, by what it is, else undefined. */
export function toolNote(x: { tool?: string | undefined }, what: keyof typeof TOOL_LABELS): string | undefined {
  return x.tool ? TOOL_LABELS[what] : undefined;
}

/** The note saying whose party list a framework uses where its document gives none, else undefined. */
export function partiesNote(framework: Pick<Framework, "partiesSupplied">): string | undefined {
  return framework.partiesSupplied?.note;
}

/** Whether the party (its code) is the one reporting the framework's EU level (the Pact's Commission). */
export function isEuLevel(framework: Pick<Framework, "euLevel">, party: string | { code: string }): boolean {
  const code = typeof party === "string" ? party.trim().toUpperCase() : party.code;
  return framework.euLevel !== undefined && framework.euLevel.party === code;
}

/**
 * "Cycle 2026 is outside the plan's period (2012–2016).", where the framework has a period
 * (`timeframe`) and the cycle's year (the first year its label names, as for due days: `2026`,
 * `H1 2026`, `2026-2027`) falls outside it; undefined otherwise (no period, no year, or inside).
 */
export function periodNotice(framework: Pick<Framework, "timeframe" | "kind">, cycle: string): string | undefined {
  const period = framework.timeframe;
  const year = cycleYear(cycle);
  if (!period || year === undefined) return undefined;
  const start = Number(period.start.slice(0, 4));
  const end = Number(period.end.slice(0, 4));
  if (year >= start && year <= end) return undefined;
  const whose = framework.kind === "action-plan" ? "the plan's" : "the framework's";
  return `Cycle ${cycle.trim()} is outside ${whose} period (${start}–${end}).`;
}

/**
 * Everything of a framework that is neither the document's (cited) nor labelled as pact-tracker's,
 * as paths ("lists.status", "rounds.update", "entryColumns.status.hint", "instructions",
 * "items.Q1-4", "items.I.3 restored"): what a catalogue must not have.
 */
export function unlabelled(framework: Framework): string[] {
  const out: string[] = [];
  for (const l of framework.lists) if (!l.source && !l.tool) out.push(`lists.${l.id}`);
  for (const r of framework.rounds) if (!r.source && !r.tool) out.push(`rounds.${r.id}`);
  for (const c of framework.entryColumns) {
    if (!c.source && !c.primary && !c.tool) out.push(`entryColumns.${c.id}`);
    if (c.hint && !c.hintSource && !c.hintTool) out.push(`entryColumns.${c.id}.hint`);
  }
  if (framework.instructions && !framework.instructionsTool) out.push("instructions");
  const restoredInWords = (source: string) => /number restored/i.test(source);
  for (const area of framework.areas)
    for (const item of area.items) {
      // An item answering others in one go is not the document's: it says whose it is.
      if (item.covers && !item.tool) out.push(`items.${item.ref}`);
      if (restoredInWords(item.source) !== (item.restored === "number")) out.push(`items.${item.ref} restored`);
      for (const s of item.subitems) if (restoredInWords(s.source) !== (s.restored === "number")) out.push(`items.${s.ref} restored`);
    }
  return out;
}
