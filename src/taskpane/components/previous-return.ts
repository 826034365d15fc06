import type { Catalogue } from "../../core/catalogue/catalogue";
import type { Framework, Party } from "../../core/catalogue/schema";
import { carriedFor, compareCycles, previousFromReturns, PREVIOUS_NOTHING, type CarriedStart, type PreviousCycle, type PreviousResponse } from "../../core/cycles/previous";
import { CodedError } from "../../core/errors/coded-error";
import { count } from "../../core/wording";
import type { PreviousRead } from "../files/file-actions";

/**
 * "Start from a previous return" in the Generate tab: what the user chose (a returned file, or a
 * return among the open workbook's sheets) and what it carries into the new template. The pane
 * only chooses and shows; reading is the hardened reader's, carrying is core's (cycles/previous.ts).
 */

/** A previous return the user chose. */
export interface PreviousChoice {
  /** The file it was read from ("This workbook" for the open workbook's sheets). */
  readonly file: string;
  /** Where it comes from, as errors and summaries name it: "FR-2025.xlsx › pact-2008 FR political, pact-2008 FR factual". */
  readonly origin: string;
  readonly previous: PreviousCycle;
}

const SEP = " › ";

/** "file › sheet, sheet": the sheets of `sources` ("file › sheet" each) read from `file`, after it. */
export function originOf(file: string, sources: readonly string[]): string {
  const sheets = [...new Set(sources.map((s) => (s.startsWith(`${file}${SEP}`) ? s.slice(file.length + SEP.length) : s)))];
  return sheets.length > 0 ? `${file}${SEP}${sheets.join(", ")}` : file;
}

/** What a file chosen as last cycle's holds: a return (or the open workbook's sheets), or our own combined report. */
export function choiceOf(read: PreviousRead, catalogue: Catalogue): PreviousChoice {
  const [file, previous] = read.kind === "report" ? [read.file, read.previous] : [read.outcome.source.file, previousFromReturns([read.outcome], catalogue)];
  return { file, origin: originOf(file, previous.responses.flatMap((r) => r.sources)), previous };
}

/** One of the returns a workbook holds, labelled for a list. */
export interface ReturnInWorkbook {
  readonly label: string;
  readonly choice: PreviousChoice;
}

/**
 * The returns among a workbook's template sheets, one per framework, party and cycle (a Pact
 * return's two sheets together), latest cycle first.
 */
export function returnsIn(whole: PreviousChoice): ReturnInWorkbook[] {
  const { file } = whole;
  const groups = new Map<string, PreviousResponse[]>();
  for (const r of whole.previous.responses) {
    const key = [r.framework.id, r.party.code, r.cycle].join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()]
    .sort((a, b) => compareCycles(b[0]?.cycle ?? "", a[0]?.cycle ?? ""))
    .map((responses) => {
      const first = responses[0] as PreviousResponse;
      const sources = responses.flatMap((r) => r.sources);
      const sheets = originOf(file, sources).slice(file.length + SEP.length);
      return {
        label: `${first.party.name} (${first.party.code}), cycle ${first.cycle}, ${first.framework.id}: ${sheets}`,
        choice: { file, origin: originOf(file, sources), previous: { responses, problems: [] } },
      };
    });
}

/** Whether the choice holds a return of this framework (and party, once one is chosen). */
export function fits(choice: PreviousChoice, framework: Framework | undefined, party: Party | undefined): boolean {
  // A party a public edition withheld fits too: its template starts from its "no" (core's carriedFor).
  const own = (r: { framework: Framework; party: Party }): boolean => r.framework.id === framework?.id && (!party || r.party.code === party.code);
  return choice.previous.responses.some(own) || (choice.previous.withheld ?? []).some(own);
}

/** The party to propose: the choice holds returns of this framework by one party only. */
export function proposedParty(choice: PreviousChoice, framework: Framework, catalogue: Catalogue): Party | undefined {
  const codes = new Set(choice.previous.responses.filter((r) => r.framework.id === framework.id).map((r) => r.party.code));
  const [only] = codes;
  return codes.size === 1 && only !== undefined ? catalogue.findParty(framework, only) : undefined;
}

/**
 * Throws the coded reason the choice cannot serve this framework and party (core's PT-CYCLE-001,
 * -002 or -003, naming the file and sheets); returns quietly where it can.
 */
export function refuseUnfit(choice: PreviousChoice, framework: Framework, party: Party | undefined, cycle: string, round: "initial" | "update" = "initial"): void {
  if (fits(choice, framework, party)) return;
  const someone = party ?? choice.previous.responses[0]?.party;
  if (someone) {
    carriedFor(choice.previous, framework, someone, cycle, choice.origin, round);
    return;
  }
  // Nothing of anyone could be read, and no party is chosen yet: the reader's reason, coded as core codes it.
  const problem = choice.previous.problems[0];
  throw new CodedError(PREVIOUS_NOTHING, `no return of ${framework.id} could be read${problem ? `: ${problem.code} ${problem.message}` : ""}`, {
    file: problem?.file ?? choice.origin,
    ...(problem?.sheet ? { sheet: problem.sheet } : {}),
  });
}

/** Entries carried: every value of every item (or area) and column, on every sheet. */
export function entriesCarried(start: CarriedStart): number {
  let n = 0;
  for (const entries of start.carried.entries.values()) for (const values of entries.values()) n += Object.keys(values).length;
  return n;
}

/** "Started from cycle 2025 (FR-2025.xlsx › …): 110 entries carried; no longer in the catalogue: I(z)". */
export function carriedSummary(start: CarriedStart, file: string, done: boolean): string {
  const origin = originOf(file, start.sources);
  const dropped = start.dropped.length > 0 ? `; no longer in the catalogue: ${start.dropped.join(", ")}` : "";
  return `${done ? "Started" : "Starts"} from cycle ${start.carried.cycle} (${origin}): ${count(entriesCarried(start), "entry", "entries")} carried${dropped}`;
}
