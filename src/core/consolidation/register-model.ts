import type { Framework, Party } from "../catalogue/schema";
import type { RunParties } from "../catalogue/run-parties";
import type { TemplateSheet } from "../validation/validate-sheet";
import type { WorkbookValidation } from "../validation/validate-workbook";
import type { AcceptedContribution, ReturnedFile } from "./contribution";
import type { PartyResponse, PublicationDecision } from "./party-response";
import type { ReceivedFrom } from "./received";

/** What the register is made of (register.ts builds it): its rows and statuses, its codes, a candidate for merging. */

export type ReadOutcome =
  | { readonly source: ReturnedFile; readonly error: { readonly code: string; readonly message: string } }
  | { readonly source: ReturnedFile; readonly validation: WorkbookValidation };

export type RegisterStatus = "accepted" | "accepted with errors" | "superseded" | "rejected";
export const REGISTER_STATUSES: readonly RegisterStatus[] = ["accepted", "accepted with errors", "superseded", "rejected"];

export interface RegisterRow {
  readonly file: string;
  readonly sheet: string;
  readonly framework: string;
  /** The party's code as resolved through the party list (as written when it could not be). */
  readonly party: string;
  readonly partyName: string;
  readonly cycle: string;
  readonly round: string;
  readonly version: string;
  /** The sender's own last-saved time (docProps), for information only. */
  readonly modified: string;
  /** When it was received: what lateness and ordering go by. */
  readonly received: string;
  /** Where that date came from (see ReceivedFrom); absent when the input came without one. */
  readonly receivedFrom?: ReceivedFrom;
  readonly sha256: string;
  readonly errors: number;
  readonly warnings: number;
  readonly status: RegisterStatus;
  /** "file › sheet" of the contributions that replaced this one's entries. */
  readonly supersededBy?: string;
  readonly reason?: { readonly code: string; readonly message: string };
  /** Received after the round's deadline; only said of inputs whose entries the report uses. */
  readonly late: boolean;
  /**
   * Its entries are in the report but kept out of the public edition (the party's wider-dissemination
   * choice is not a clear yes, here or in another of its returns). Never said of superseded or rejected inputs.
   */
  readonly withheld: boolean;
  /** The wider-dissemination choice as read ("yes", "no", "withheld ('Nein' is not yes or no)"), where the framework has one. */
  readonly dissemination: string;
  /** What became of the entries: carried, replaced, withheld from the public edition. */
  readonly note: string;
}

export interface RegisterOptions {
  /** Leave out contributions with errors (default: include and flag them). */
  readonly strict?: boolean;
  /**
   * Last accepted day per round, ISO date, e.g. { initial: "2009-11-15", update: "2010-01-15" }: overrides
   * the framework's timetable, which gives the deadline of a round it has a due day for.
   */
  readonly deadlines?: Readonly<Partial<Record<string, string>>>;
  /**
   * The parties chosen for this run, per framework (catalogue/run-parties): who is missing is counted
   * against them. A framework without a choice expects its whole list.
   */
  readonly parties?: readonly RunParties[];
}

/**
 * A party that sent something attributable to it (its framework, cycle and party are clear), and
 * whether it may be published — decided over every such return, those left out under --strict too:
 * whether a party is withheld must never depend on what it wrote.
 */
export interface PartyPresence extends PublicationDecision {
  readonly framework: Framework;
  readonly cycle: string;
  readonly party: Party;
}

export interface Register {
  readonly rows: readonly RegisterRow[];
  readonly presence: readonly PartyPresence[];
  /** Per framework, cycle, party and sheet role: what the report shows, merged from its contributions. */
  readonly responses: readonly PartyResponse[];
  /** Per framework and cycle present, the parties that sent nothing that counts. */
  readonly missing: readonly { readonly framework: string; readonly cycle: string; readonly parties: readonly Party[] }[];
  /**
   * Returns that may withhold their answers but name no party that can be told (see
   * withholdUnattributed): while there is one, the public edition is not written.
   */
  readonly publicBlocked: readonly { readonly file: string; readonly sheet: string; readonly code: string; readonly message: string }[];
  /**
   * Parties an unattributable return that may withhold points to, per framework and cycle (every
   * cycle where it names none): withheld where present, and none of their earlier cycles' answers
   * is shown in public — whether they sent anything else or not.
   */
  readonly pointedWithheld: readonly { readonly framework: Framework; readonly cycle?: string; readonly party: Party }[];
  /** The parties chosen for this run, per framework, as given (RegisterOptions.parties): the report says whose list it counts. */
  readonly chosen: readonly RunParties[];
}

// Unreadable files keep the reader's own code (PT-READ-…, PT-IO-…) in the register.
export const NO_TEMPLATE_SHEET = "PT-CONS-002";
export const HEADER_UNUSABLE = "PT-CONS-003";
export const STRICT_EXCLUDED = "PT-CONS-004";
/** No input could be consolidated: nothing to report on. */
export const NOTHING_TO_CONSOLIDATE = "PT-CONS-005";
/** A return that may withhold its answers and whose party cannot be told: the public edition is not written. */
export const PUBLIC_BLOCKED = "PT-CONS-006";
/** How the note of a return that fills no entry begins (what counts it as "returned empty"). */
export const RETURNED_EMPTY_NOTE = "returned empty: no entry is filled";

/** A row before the merge decides its status and note. */
export type RowDraft = Omit<RegisterRow, "status" | "supersededBy" | "note">;

/** An accepted contribution waiting for the merge, with its row. */
export interface Candidate {
  readonly row: RowDraft;
  readonly contribution: AcceptedContribution;
}

/** "file › sheet": how the register and the report name one contribution. */
export const contributionLabel = (c: { readonly source: ReturnedFile; readonly sheet: TemplateSheet }): string => `${c.source.file} › ${c.sheet.sheet}`;
