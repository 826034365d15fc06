import type { Framework } from "../catalogue/schema";
import { foldKey as fold } from "./typed-text";

/**
 * A party's "wider dissemination" choice (EMN ad-hoc queries). The public edition fails closed:
 * a response is published only when every source of the choice agrees on a recognisable yes — the
 * framework's default when the cell is blank, or "yes" in any case and spacing — and nothing else
 * in the sheet's header block could say otherwise. Everything else withholds it.
 */
export interface DisseminationChoice {
  /**
   * yes: published; no: withheld as chosen; unrecognised: withheld, and an error finding says why;
   * in doubt: the cell reads yes or no, but another source could say otherwise (see `doubts`): withheld.
   */
  readonly kind: "yes" | "no" | "unrecognised" | "in doubt";
  /** The cell as written ("" when blank; undefined when the sheet has no dissemination row at all). */
  readonly written: string | undefined;
  /** Why the choice is not taken at its word (a formula, a comment, a "No" typed beside it…), where in doubt. */
  readonly doubts?: readonly string[];
}


/** The choice a cell makes; undefined for frameworks without a dissemination choice. */
export function disseminationChoice(framework: Framework, written: string | undefined): DisseminationChoice | undefined {
  const d = framework.dissemination;
  if (!d) return undefined;
  return choiceOf(written, d.default);
}

/** The choice written, read against a default (undefined: a blank choice is not a yes). */
export function choiceOf(written: string | undefined, blankMeans: string | undefined): DisseminationChoice {
  if (written === undefined) return { kind: "unrecognised", written };
  const choice = fold(written) === "" ? blankMeans : fold(written);
  return { kind: choice === "yes" ? "yes" : choice === "no" ? "no" : "unrecognised", written };
}

/** The same choice, no longer taken at its word. */
export function inDoubt(choice: DisseminationChoice, doubts: readonly string[]): DisseminationChoice {
  if (doubts.length === 0) return choice;
  return { kind: choice.kind === "unrecognised" ? "unrecognised" : "in doubt", written: choice.written, doubts: [...(choice.doubts ?? []), ...doubts] };
}

/** Whether a response may appear in the public edition: always where the framework has no choice, else only on a clear yes. */
export function isPublishable(framework: Framework, choice: DisseminationChoice | undefined): boolean {
  return framework.dissemination === undefined || choice?.kind === "yes";
}

/** What was written, quoted short: the register and the compilation are no place for a pasted essay. */
export function quotedChoice(choice: Pick<DisseminationChoice, "written">): string {
  const quoted = choice.written && choice.written.length > 60 ? `${choice.written.slice(0, 60)}…` : choice.written;
  return quoted === undefined ? "no dissemination row" : quoted.trim() === "" ? "blank, read as the default" : `'${quoted}'`;
}

/** How the internal edition names a choice: "yes", "no", "withheld ('Nein' is not yes or no)", "withheld ('yes' in doubt: …)". */
export function describeChoice(choice: DisseminationChoice | undefined): string {
  if (!choice) return "";
  const written = quotedChoice(choice);
  const doubts = choice.doubts ?? [];
  const why = doubts.length ? `${doubts[0] ?? ""}${doubts.length > 1 ? `; ${doubts.length - 1} more` : ""}` : "";
  if (choice.kind === "unrecognised") return `withheld (${written} is not yes or no${why ? `; ${why}` : ""})`;
  if (choice.kind === "in doubt") return `withheld (${written} in doubt: ${why})`;
  return choice.written !== undefined && fold(choice.written) === choice.kind ? choice.kind : `${choice.kind} (${written})`;
}
