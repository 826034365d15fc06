import { count } from "../wording";
import { EMPTY_IN_UPDATE_AND_INITIAL } from "../validation/update-round";
import type { TemplateSheet } from "../validation/validate-sheet";
import type { PartyResponse } from "./party-response";
import { contributionLabel } from "./register-model";

/** The register's notes on what became of a return's entries. */

/** An update's entries empty in it and in the initial return (PT-CONT-021), named in its note. */
export function emptyInUpdateNote(sheet: TemplateSheet): string {
  const empty = sheet.findings.filter((f) => f.code === EMPTY_IN_UPDATE_AND_INITIAL);
  if (empty.length === 0) return "";
  const refs = [...new Set(empty.map((f) => f.ref ?? ""))];
  return `${count(empty.length, "entry", "entries")} empty in this update and in the initial return (${EMPTY_IN_UPDATE_AND_INITIAL}): ${refs.slice(0, 8).join(", ")}${refs.length > 8 ? ` and ${refs.length - 8} more` : ""}`;
}

/** The warnings the party accepted, each with its justification: the desk officer reads why, not only that. */
export function acceptedNote(sheet: TemplateSheet): string {
  const accepted = sheet.findings.filter((f) => f.acknowledged);
  if (accepted.length === 0) return "";
  return `accepted ${accepted.length === 1 ? "warning" : "warnings"}: ${accepted.map((f) => `${f.code} ${f.cell ?? ""}${f.ref ? ` [${f.ref}]` : ""} — '${f.acknowledged?.justification ?? ""}'`).join("; ")}`;
}

export function carriedNote(response: PartyResponse): string {
  const carried = [...response.usage.entries()].filter(([c, u]) => c !== response.latest && u.used > 0);
  if (carried.length === 0) return "";
  return carried.map(([c, u]) => `${count(u.used, "entry", "entries")} carried from ${contributionLabel(c)}`).join("; ");
}
