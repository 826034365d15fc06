import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import { titleParty } from "../template/read-template";
import type { TemplateSheet } from "../validation/validate-sheet";

/**
 * Who a sheet may be from, where its header does not say for sure: every place that names a party
 * — the header's code and name, the title the template wrote, the sheet's name, the file's name —
 * each resolved through the party list. Used to fail closed: a return that may withhold its answers,
 * but that cannot be attributed, withholds every party it points to.
 */

/** Invisible characters (zero-width space, joiners, marks) a paste can leave inside a code. */
const INVISIBLE = /[\p{Cf}\s]+/gu;
const WORDS = /[^\p{L}\p{N}]+/u;

function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.[^.]*$/, "");
}

/** The words a sheet and its file name a party with, as written and without invisible characters. */
export function identityClues(sheet: Pick<TemplateSheet, "meta" | "sheet" | "title">, file: string): string[] {
  const { meta } = sheet;
  const title = sheet.title ?? "";
  const whole = [meta.partyCode ?? "", meta.party ?? "", titleParty(title), sheet.sheet, baseName(file)];
  const words = [sheet.sheet, baseName(file), title].flatMap((s) => s.split(WORDS));
  const out = new Set<string>();
  for (const c of [...whole, ...words]) {
    for (const v of [c.trim(), c.replace(INVISIBLE, "")]) if (v.length >= 2) out.add(v);
  }
  return [...out];
}

/** The parties of `framework` the clues name, in the party list's order. */
export function partiesPointedTo(catalogue: Catalogue, framework: Framework, clues: readonly string[]): Party[] {
  const found = new Set<string>();
  for (const c of clues) {
    const p = catalogue.findParty(framework, c);
    if (p) found.add(p.code);
  }
  return catalogue.partiesOf(framework).filter((p) => found.has(p.code));
}
