import type { Framework } from "../catalogue/schema";
import { foldKey as fold } from "./typed-text";

/**
 * A party's "wider dissemination" choice (EMN ad-hoc queries). The public edition fails closed:
 * a response is published only when the choice is recognisably "yes" — the framework's default
 * when the cell is blank, or "yes" in any case and spacing. Everything else withholds it.
 */
export interface DisseminationChoice {
  /** yes: published; no: withheld as chosen; unrecognised: withheld, and an error finding says why. */
  readonly kind: "yes" | "no" | "unrecognised";
  /** The cell as written ("" when blank; undefined when the sheet has no dissemination row at all). */
  readonly written: string | undefined;
}


/** The choice a sheet makes; undefined for frameworks without a dissemination choice. */
export function disseminationChoice(framework: Framework, written: string | undefined): DisseminationChoice | undefined {
  const d = framework.dissemination;
  if (!d) return undefined;
  if (written === undefined) return { kind: "unrecognised", written };
  const choice = fold(written) === "" ? d.default : fold(written);
  return { kind: choice === "yes" ? "yes" : choice === "no" ? "no" : "unrecognised", written };
}

/** Whether a response may appear in the public edition: always where the framework has no choice, else only on a clear yes. */
export function isPublishable(framework: Framework, choice: DisseminationChoice | undefined): boolean {
  return framework.dissemination === undefined || choice?.kind === "yes";
}

/** How the internal edition names a choice: "yes", "no", "withheld ('Nein' is not yes or no)". */
export function describeChoice(choice: DisseminationChoice | undefined): string {
  if (!choice) return "";
  // What was written is quoted short: the register and the compilation are no place for a pasted essay.
  const quoted = choice.written && choice.written.length > 60 ? `${choice.written.slice(0, 60)}…` : choice.written;
  const written = quoted === undefined ? "no dissemination row" : quoted.trim() === "" ? "blank, read as the default" : `'${quoted}'`;
  if (choice.kind === "unrecognised") return `withheld (${written} is not yes or no)`;
  return choice.written !== undefined && fold(choice.written) === choice.kind ? choice.kind : `${choice.kind} (${written})`;
}
