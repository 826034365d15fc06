import type { Framework } from "../catalogue/schema";

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

const fold = (s: string): string => s.trim().replace(/\s+/g, " ").toLowerCase();

/** The choice a sheet makes; undefined for frameworks without a dissemination choice. */
export function disseminationChoice(framework: Framework, written: string | undefined): DisseminationChoice | undefined {
  const d = framework.dissemination;
  if (!d) return undefined;
  if (written === undefined) return { kind: "unrecognised", written };
  const choice = fold(written) === "" ? d.default : fold(written);
  return { kind: choice === "yes" ? "yes" : choice === "no" ? "no" : "unrecognised", written };
}

/** Whether a response may appear in the public edition. */
export function isPublishable(choice: DisseminationChoice | undefined): boolean {
  return choice === undefined || choice.kind === "yes";
}

/** How the internal edition names a choice: "yes", "no", "withheld: 'Nein' is not yes or no". */
export function describeChoice(choice: DisseminationChoice | undefined): string {
  if (!choice) return "";
  const written = choice.written === undefined ? "no dissemination row" : choice.written.trim() === "" ? "blank, read as the default" : `'${choice.written}'`;
  if (choice.kind === "unrecognised") return `withheld (${written} is not yes or no)`;
  return choice.written !== undefined && fold(choice.written) === choice.kind ? choice.kind : `${choice.kind} (${written})`;
}
