import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ReadOutcome } from "../../core/consolidation/register";
import { consolidateReturns } from "../../core/consolidation/consolidate";
import type { WorkbookSpec } from "../../core/template/spec";
import { validateWorkbook } from "../../core/validation/validate-workbook";
import { readReturnFile } from "../files/read-file";
import { withReceived } from "../files/file-bytes";
import { isReceivedDay } from "../../core/consolidation/received";
import { comparisonOf, readEarlierCycles } from "./earlier-cycle";
import { fromPlainSheet } from "./plain-sheet";
import type { ConsolidationProgress, ConsolidationRequest, ConsolidationResult } from "./protocol";


export interface ConsolidationDeps {
  readonly catalogue: Catalogue;
  /** Renders a report spec to .xlsx bytes (our package writer, in the worker). */
  readonly writeBytes: (spec: WorkbookSpec) => Promise<Uint8Array>;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * What `pact-tracker consolidate` does, on files the user chose and on the open workbook's sheets:
 * read and validate every input (a bad one becomes a rejected register row, never an abort), build
 * the register, then both editions of the combined report — compared with the earlier cycles read
 * from `request.previous`, when given. Runs inside the worker.
 */
export async function runConsolidation(
  request: ConsolidationRequest,
  deps: ConsolidationDeps,
  onProgress: (p: ConsolidationProgress) => void,
): Promise<ConsolidationResult> {
  const { catalogue } = deps;
  const outcomes: ReadOutcome[] = [];
  const earlierFiles = [...(request.previous ?? [])].sort(byName);
  const total = earlierFiles.length + request.files.length + (request.workbook ? 1 : 0);
  let done = 0;

  // Last cycle first, as the CLI reads it: all its returns merged into one cycle, each report its own.
  const previous = await readEarlierCycles(earlierFiles, catalogue, (name, i) => onProgress({ phase: "reading", done: i, total, current: name, earlier: true }));
  done = earlierFiles.length;
  if (request.workbook) {
    onProgress({ phase: "reading", done, total, current: request.workbook.label });
    const validation = validateWorkbook(request.workbook.sheets.map(fromPlainSheet), catalogue);
    // No bytes to checksum: the open workbook is not a file until it is saved.
    const { received, receivedFrom, sheetsReceived } = request.workbook;
    const days = Object.entries(sheetsReceived ?? {}).filter(([, day]) => isReceivedDay(day));
    const perSheet = days.length ? { sheetsReceived: Object.fromEntries(days.map(([sheet, day]) => [sheet, { received: day, receivedFrom: "entered" as const }])) } : {};
    outcomes.push({ source: { file: request.workbook.label, sha256: "", ...(received !== undefined ? { received, receivedFrom: receivedFrom ?? "consolidated" } : {}), ...perSheet }, validation });
    done++;
  }
  // Sorted, as the CLI sorts its paths: the same files in any order give the same register.
  const files = request.files.map((file, i) => ({ file, name: file.name, day: request.receivedDays?.[i] }));
  for (const { file, day } of files.sort(byName)) {
    onProgress({ phase: "reading", done, total, current: file.name });
    const outcome = await readReturnFile(file, catalogue);
    // A day entered in the pane replaces the file's time on disk, as a `--received` list does in the CLI.
    outcomes.push(day !== undefined && isReceivedDay(day) ? withReceived(outcome, day, "entered") : outcome);
    done++;
  }
  onProgress({ phase: "reading", done, total, current: "" });

  const made = consolidateReturns(outcomes, catalogue, {
    strict: request.strict,
    order: request.order,
    ...(request.deadlines ? { deadlines: request.deadlines } : {}),
    ...(request.generatedOn ? { generatedAt: request.generatedOn } : {}),
    ...(request.previous ? { previous } : {}),
  });
  const { register } = made;
  const summary = { rows: register.rows, missing: register.missing };
  if (made.kind === "nothing") return { summary, failure: made.failure };
  onProgress({ phase: "writing", edition: "internal" });
  const internalSpec = made.internal;
  const internal = await deps.writeBytes(internalSpec);
  // Fails closed, as the CLI does: no public edition while a return may withhold and its party cannot be told.
  const publicSpec = made.publicEdition();
  if (publicSpec) onProgress({ phase: "writing", edition: "public" });
  const publicEdition = publicSpec ? { public: await deps.writeBytes(publicSpec) } : { publicBlocked: register.publicBlocked };
  return {
    summary,
    reports: { internal, ...publicEdition, ...(request.includeSpec ? { internalSpec } : {}) },
    ...(made.earlier ? { comparison: comparisonOf(earlierFiles.map((f) => f.name), made.earlier, internalSpec) } : {}),
  };
}
