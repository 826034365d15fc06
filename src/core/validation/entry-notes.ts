import type { SheetDetails } from "../grid/sheet-details";

/**
 * What an entry cell holds besides its value — a formula, a cached error, a link's address, a
 * comment — kept with the entry so the report carries it as text instead of dropping it.
 */
export type EntryNoteKind = "formula" | "error" | "link" | "comment";

export interface EntryNote {
  readonly kind: EntryNoteKind;
  readonly text: string;
}

/** The notes on one cell, in a fixed order (formula, error, link, comment). */
export function notesAt(details: SheetDetails, a1: string): EntryNote[] {
  const notes: EntryNote[] = [];
  const formula = details.formulas.get(a1);
  if (formula !== undefined) notes.push({ kind: "formula", text: formula });
  const error = details.errors.get(a1);
  if (error !== undefined) notes.push({ kind: "error", text: error });
  const link = details.links.get(a1);
  if (link !== undefined) notes.push({ kind: "link", text: link });
  const comment = details.comments.get(a1);
  if (comment !== undefined) notes.push({ kind: "comment", text: comment });
  return notes;
}

const LABEL: Readonly<Record<EntryNoteKind, string>> = { formula: "formula", error: "cell error", link: "link", comment: "comment" };

/** "link: https://…", as the report and messages show a note. */
export function describeNote(note: EntryNote): string {
  return `${LABEL[note.kind]}: ${note.text}`;
}
