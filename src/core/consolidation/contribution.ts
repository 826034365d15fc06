import type { Framework, Party } from "../catalogue/schema";
import type { SheetRole } from "../template/spec";
import type { TemplateSheet } from "../validation/validate-sheet";
import type { ReceivedFrom } from "./received";

/**
 * A returned file and a contribution accepted from it: what the register (register.ts) produces
 * and the merge (party-response.ts) consumes. Kept here, below both, so neither imports the other
 * for the type. register.ts re-exports them for its callers.
 */

export interface ReturnedFile {
  readonly file: string;
  readonly sha256: string;
  /** Last-modified time from the file's own properties (docProps/core.xml), ISO: the sender's clock. */
  readonly modified?: string;
  /**
   * When the secretariat received it, ISO (a day or a date-time): the file's time on disk, a
   * `--received` list, or the time a file was picked in the pane. Lateness and "the later file
   * wins" are judged by this, never by the sender's own "last modified".
   */
  readonly received?: string;
  /** Where `received` came from (absent: not said, e.g. a test's own outcome). */
  readonly receivedFrom?: ReceivedFrom;
  /**
   * Days of receipt per sheet, for a workbook into which national sheets were pasted as they came
   * in (one file, many arrivals): by sheet name, each overriding `received` for that sheet.
   */
  readonly sheetsReceived?: Readonly<Record<string, SheetReceived>>;
}

/** When one sheet of a file was received, and where that date came from. */
export interface SheetReceived {
  readonly received: string;
  readonly receivedFrom: ReceivedFrom;
}

/** A contribution that goes into the combined report. */
export interface AcceptedContribution {
  readonly source: ReturnedFile;
  readonly sheet: TemplateSheet;
  readonly framework: Framework;
  readonly party: Party;
  readonly role: SheetRole;
  readonly cycle: string;
  readonly round: string;
  readonly hasErrors: boolean;
}
