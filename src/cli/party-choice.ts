import { readFileSync } from "node:fs";
import type { Catalogue } from "../core/catalogue/catalogue";
import { partyEntries, runParties, type RunParties } from "../core/catalogue/run-parties";
import type { Framework } from "../core/catalogue/schema";
import { READ_FAILED } from "./usage-error";
import { CodedError } from "../core/errors/coded-error";
import { describeOsError } from "./wording";

/**
 * `--parties LIST` (codes or names, separated by commas; repeatable) and `--parties-file FILE` (one
 * code or name a line, so a name may hold a comma): the parties a run is for, as typed, with where
 * they were given — resolved against a framework by core (catalogue/run-parties).
 */
export interface PartyChoiceOptions {
  readonly parties?: readonly string[];
  readonly partiesFile?: string;
}

export interface GivenParties {
  readonly entries: readonly string[];
  /** Where the list came from, for errors: "--parties", the file, or both. */
  readonly origin: string;
}

/** What the options give, or undefined when they give no choice (the framework's whole list). */
export function givenParties(o: PartyChoiceOptions): GivenParties | undefined {
  const typed = o.parties?.flatMap((p) => partyEntries(p));
  if (typed === undefined && o.partiesFile === undefined) return undefined;
  let listed: string[] = [];
  if (o.partiesFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(o.partiesFile, "utf8");
    } catch (e) {
      throw new CodedError(READ_FAILED, `cannot read the --parties-file list: ${describeOsError(e)}`, { file: o.partiesFile });
    }
    // A byte-order mark is no part of the first party's name.
    listed = partyEntries(text.replace(/^\uFEFF/, ""), false);
  }
  const origin = [...(typed !== undefined ? ["--parties"] : []), ...(o.partiesFile !== undefined ? [o.partiesFile] : [])].join(" and ");
  return { entries: [...(typed ?? []), ...listed], origin };
}

/** The run's parties of a framework from what was given (the whole list when nothing was). */
export function chosenParties(catalogue: Catalogue, framework: Framework, given: GivenParties | undefined): RunParties {
  return given ? runParties(catalogue, framework, given.entries, given.origin) : runParties(catalogue, framework);
}
