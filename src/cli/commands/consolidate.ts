import { SingleBar } from "cli-progress";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ReadOutcome, Register, RegisterRow } from "../../core/consolidation/register";
import { consolidateReturns } from "../../core/consolidation/consolidate";
import { COUNTING_NOTE, RETURN_STATUSES, countRegister, groupReturns, type RegisterCounts } from "../../core/consolidation/return-counts";
import type { PartyOrder } from "../../core/consolidation/report";
import { CodedError } from "../../core/errors/coded-error";
import { PREVIOUS_NOTHING } from "../../core/cycles/previous";
import { previousProblemLines, readPreviousInputs, type PreviousInputs } from "../previous-inputs";
import type { EarlierCycleFound, EarlierCycles } from "../../core/cycles/comparison";
import type { writeSpecToFile } from "../../xlsx/write-spec-file";
import { readReturns } from "../read-pool";
import { WRITE_FAILED, usageError } from "../usage-error";
import { expandPaths, receivedFromCsv, requireInput, skippedLine, type SkippedFile } from "../inputs";
import { distinctOutputs, refuseToOverwrite } from "../output-files";
import { count, describeOsError } from "../wording";
import { chosenParties, givenParties, type GivenParties, type PartyChoiceOptions } from "../party-choice";
import type { RunParties } from "../../core/catalogue/run-parties";

export interface ConsolidateOptions extends PartyChoiceOptions {
  /** `--framework ID`: the framework `--parties` is for (without it, the one framework the returns are of). */
  readonly framework?: string;
  readonly inputs: readonly string[];
  readonly out: string;
  readonly publicOut?: string;
  readonly order: string;
  readonly strict: boolean;
  readonly deadlines: readonly string[];
  /** `--received FILE.csv`: when each return arrived; others count from their time on disk. */
  readonly receivedCsv?: string;
  readonly json: boolean;
  /** Replace report files that are already there; without it an existing file stops the command. */
  readonly force?: boolean;
  /** `--previous FILE` (a combined report or a return of an earlier cycle), repeatable. */
  readonly previous?: readonly string[];
  /** `--previous-dir DIR` (an earlier cycle's returns or reports), repeatable. */
  readonly previousDirs?: readonly string[];
  /** `--jobs N`: threads to read the returns on (default: one per core, at most 4). */
  readonly jobs?: number;
}

/**
 * What `--previous`/`--previous-dir` gave, in `--json`: the files read, per framework and cycle the
 * parties read, and the problems — inputs that gave nothing and cycles that could not be compared.
 */
export type PreviousJson = Omit<PreviousInputs, "cycles"> & { readonly cycles: readonly Pick<EarlierCycleFound, "framework" | "cycle" | "parties">[] };

/**
 * What `consolidate --json` prints: one JSON document on stdout (README, "Command line").
 * `counts.returns` and `counts.sheets` are core's one counting (core/consolidation/return-counts.ts),
 * the pane's too: by party's return, and by register row (a workbook with two template sheets has
 * two); `files` is the inputs read (one per file), `skipped` the files skipped in folders (no row).
 */
export interface ConsolidateJson {
  readonly rows: readonly RegisterRow[];
  readonly counts: { readonly files: number; readonly skipped: number } & RegisterCounts;
  /** Per framework and cycle present in the inputs, the parties that sent nothing that counts. */
  readonly missing: readonly { readonly framework: string; readonly cycle: string; readonly parties: readonly { readonly code: string; readonly name: string }[] }[];
  readonly skipped: readonly SkippedFile[];
  /** The files written: the internal edition, and the public one when --public was given and could be written. */
  readonly reports: { readonly internal: string; readonly public?: string };
  /** Returns that stopped the public edition (PT-CONS-006): each may withhold, and no party can be told from it. */
  readonly publicBlocked?: Register["publicBlocked"];
  /** With --previous or --previous-dir only. */
  readonly previous?: PreviousJson;
}

export function consolidateJson(register: Register, files: number, skipped: readonly SkippedFile[], reports: ConsolidateJson["reports"], previous?: PreviousJson): ConsolidateJson {
  return {
    rows: register.rows,
    counts: { files, skipped: skipped.length, ...countRegister(register.rows) },
    missing: register.missing.map((m) => ({ framework: m.framework, cycle: m.cycle, parties: m.parties.map((p) => ({ code: p.code, name: p.name })) })),
    skipped: skipped.map((s) => ({ file: s.file, reason: s.reason })),
    reports,
    ...(register.publicBlocked.length ? { publicBlocked: register.publicBlocked } : {}),
    ...(previous ? { previous } : {}),
  };
}

function previousJson(inputs: PreviousInputs, earlier: EarlierCycles): PreviousJson {
  return { files: inputs.files, cycles: earlier.found.map((c) => ({ framework: c.framework, cycle: c.cycle, parties: c.parties })), problems: earlier.problems, skipped: inputs.skipped };
}

/** "previous: pact-2008 2025 — 3 parties: AT, BE, FR", per framework and cycle read. */
function previousFoundLines(earlier: EarlierCycles): string[] {
  return earlier.found.map((c) => `previous: ${c.framework} ${c.cycle} — ${count(c.parties.length, "party", "parties")}: ${c.parties.join(", ")}`);
}

function parseDeadlines(specs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const m = /^(initial|update)=(\d{4}-\d{2}-\d{2})$/.exec(s);
    if (!m?.[1] || !m[2]) throw usageError(`--deadline takes ROUND=YYYY-MM-DD with ROUND initial or update, not '${s}'`);
    out[m[1]] = m[2];
  }
  return out;
}

function parseOrder(order: string): PartyOrder {
  if (order === "protocol" || order === "alpha") return order;
  throw usageError(`--order must be 'protocol' or 'alpha', not '${order}'`);
}

async function write(spec: Parameters<typeof writeSpecToFile>[0], file: string): Promise<void> {
  // Loaded when first needed: commands that write nothing start without the writer.
  const { writeSpecToFile } = await import("../../xlsx/write-spec-file");
  try {
    await writeSpecToFile(spec, file);
  } catch (e) {
    throw new CodedError(WRITE_FAILED, `cannot write: ${describeOsError(e, "write")}`, { file });
  }
}

/**
 * The summary's counts: every status by return and by sheet (core's one counting, as the pane shows
 * it), the definitions under them. `received` is every input; the statuses add up to it.
 */
export function countLines(counts: RegisterCounts): string[] {
  const line = (label: string, returns: number, sheets: number): string => `${label.padEnd(24)}${String(returns).padStart(7)}${String(sheets).padStart(8)}`;
  return [
    `${"".padEnd(24)}${"returns".padStart(7)}${"sheets".padStart(8)}`,
    line("received", counts.returns.received, counts.sheets.received),
    ...RETURN_STATUSES.map((s) => line(`  ${s}`, counts.returns[s], counts.sheets[s])),
    line("late", counts.returns.late, counts.sheets.late),
    line("withheld from public", counts.returns.withheld, counts.sheets.withheld),
    `counted: ${COUNTING_NOTE}`,
  ];
}

export function summaryLines(register: Register): string[] {
  const counts = countRegister(register.rows);
  const lines = countLines(counts);
  const late = groupReturns(register.rows).filter((g) => g.late);
  if (late.length) {
    const names = late.slice(0, 10).map((g) => `${g.file}${g.party ? ` (${g.party})` : ""}`);
    lines.push(`late (${count(counts.returns.late, "return")}, ${count(counts.sheets.late, "sheet")}): ${names.join(", ")}${late.length > 10 ? ", …" : ""}`);
  }
  for (const r of register.rows.filter((x) => x.status === "rejected")) lines.push(`rejected: ${r.file}${r.sheet ? ` › ${r.sheet}` : ""} — ${r.reason?.code} ${r.reason?.message}`);
  for (const m of register.missing) lines.push(`missing for ${m.framework} ${m.cycle}: ${m.parties.length ? m.parties.map((p) => p.code).join(", ") : "none"}`);
  return lines;
}

/**
 * Reads `--previous`/`--previous-dir`. Nothing readable at all is an input error (exit 2), after a
 * line per file saying why; otherwise the problems are reported with the summary.
 */
function readPrevious(catalogue: Catalogue, o: ConsolidateOptions, err: (l: string) => void): PreviousInputs | undefined {
  const files = o.previous ?? [];
  const dirs = o.previousDirs ?? [];
  if (files.length === 0 && dirs.length === 0) return undefined;
  const inputs = readPreviousInputs(files, dirs, catalogue, { file: "--previous", dir: "--previous-dir" });
  if (inputs.cycles.some((c) => c.responses.length > 0)) return inputs;
  for (const line of previousProblemLines(inputs, "previous")) err(line);
  throw new CodedError(PREVIOUS_NOTHING, `nothing of a previous cycle could be read from ${count(inputs.files.length, "file")} given with --previous/--previous-dir (each is named above)`);
}

/** Returns the exit code: 0 when the report was written. */
export async function consolidate(catalogue: Catalogue, o: ConsolidateOptions, out: (l: string) => void, err: (l: string) => void): Promise<number> {
  if (o.inputs.length === 0) throw usageError("consolidate needs at least one INPUT file or folder");
  if (!o.out) throw usageError("consolidate needs --out FILE.xlsx");
  if (!distinctOutputs(o.out, o.publicOut)) throw usageError(`--out and --public name the same file '${o.out}'; the editions need a file each`);
  const order = parseOrder(o.order);
  const given = givenParties(o);
  if (o.framework !== undefined && !given) throw usageError("--framework says which framework --parties or --parties-file is for; give one of them too");
  // With --framework the list is checked before anything is read; without, once the returns say their framework.
  const chosenUpFront = given && o.framework !== undefined ? chosenParties(catalogue, catalogue.framework(o.framework), given) : undefined;
  const deadlines = parseDeadlines(o.deadlines);
  // Checked before anything is read: hours of returns are not read to end on "already exists".
  refuseToOverwrite([o.out, ...(o.publicOut ? [o.publicOut] : [])], o.force ?? false);
  // Last cycle first: a wrong --previous stops the command before hours of returns are read.
  const previousInputs = readPrevious(catalogue, o, err);
  const inputs = expandPaths(o.inputs);
  requireInput(o.inputs, inputs);
  // Sorted: the same inputs in any order give the same register and report.
  const files = [...inputs.files].sort();
  // What is not the report itself goes to stderr under --json, so stdout stays one JSON document.
  const notes: string[] = [];
  const skipped = skippedLine(inputs.skipped);
  if (skipped) notes.push(skipped);
  let received: ReadonlyMap<string, string> = new Map();
  let sheetsReceived: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map();
  if (o.receivedCsv !== undefined) {
    const list = receivedFromCsv(o.receivedCsv, files);
    for (const w of list.warnings) err(w);
    received = list.byFile;
    sheetsReceived = list.bySheet;
    const sheets = [...list.bySheet.values()].reduce((n, s) => n + Object.keys(s).length, 0);
    notes.push(`received dates: ${received.size} from ${o.receivedCsv}, ${files.length - received.size} from the files' times on disk${sheets ? `; ${count(sheets, "sheet")} dated on ${count(list.bySheet.size, "file")} of their own` : ""}`);
  }
  let previousReport: PreviousJson | undefined;

  const bar = process.stderr.isTTY ? new SingleBar({ format: "reading returns [{bar}] {value}/{total} {file}", hideCursor: true, stream: process.stderr }) : undefined;
  bar?.start(files.length, 0, { file: "" });
  const outcomes = withSheetsReceived(await readReturns(files, catalogue, received, { ...(o.jobs !== undefined ? { jobs: o.jobs } : {}), onRead: (file) => bar?.increment(1, { file }) }), sheetsReceived);
  bar?.stop();

  // The day only: the compilation date the EMN's published compilations print, and the same all day long.
  const generatedAt = new Date().toISOString().slice(0, 10);
  const chosen = chosenUpFront ?? (given ? chosenForReturns(outcomes, catalogue, given) : undefined);
  if (chosen) notes.push(`parties chosen with ${given?.origin ?? "--parties"} for ${chosen.framework.id}: ${chosen.parties.map((p) => p.code).join(", ")} (${chosen.parties.length} of the ${chosen.catalogueList.length} of its list); missing is counted against them`);
  const made = consolidateReturns(outcomes, catalogue, { ...(chosen ? { parties: [chosen] } : {}), strict: o.strict, deadlines, order, generatedAt, ...(previousInputs ? { previous: previousInputs.cycles } : {}) });
  const { register } = made;
  if (made.kind === "nothing") {
    for (const line of [...summaryLines(register), ...notes]) err(line);
    throw new CodedError(made.failure.code, made.failure.message);
  }
  await write(made.internal, o.out);
  // Fails closed: while a return may withhold and its party cannot be told, no public edition is written (exit 1).
  const publicSpec = o.publicOut !== undefined ? made.publicEdition() : undefined;
  const publicRefused = o.publicOut !== undefined && publicSpec === undefined;
  if (o.publicOut && publicSpec) await write(publicSpec, o.publicOut);
  if (previousInputs && made.earlier) {
    notes.push(...previousFoundLines(made.earlier), ...previousProblemLines({ ...previousInputs, problems: made.earlier.problems }, "previous"));
    previousReport = previousJson(previousInputs, made.earlier);
  }

  if (o.json) {
    const reports = { internal: o.out, ...(o.publicOut && !publicRefused ? { public: o.publicOut } : {}) };
    out(JSON.stringify(consolidateJson(register, files.length, inputs.skipped, reports, previousReport), null, 2));
    for (const line of notes) err(line);
  } else {
    for (const line of [...summaryLines(register), ...notes]) out(line);
    out(`combined report (internal) -> ${o.out}`);
    if (o.publicOut && !publicRefused) out(`combined report (public) -> ${o.publicOut}`);
  }
  if (!publicRefused) return 0;
  for (const b of register.publicBlocked) err(`pact-tracker: ${new CodedError(b.code, b.message, { file: `${b.file} › ${b.sheet}` }).describe()}`);
  err(`pact-tracker: the public edition ${o.publicOut} was not written; the internal edition's register names the return${register.publicBlocked.length > 1 ? "s" : ""}`);
  return 1;
}

/**
 * `--parties` without `--framework`: for the one framework the returns are of. Returns of several
 * frameworks leave it open which list was meant, and nothing is guessed.
 */
function chosenForReturns(outcomes: readonly ReadOutcome[], catalogue: Catalogue, given: GivenParties): RunParties | undefined {
  const ids = new Set(outcomes.flatMap((o) => ("validation" in o ? o.validation.contributions.flatMap((c) => (c.framework ? [c.framework.id] : [])) : [])));
  const [only, ...more] = [...ids].sort();
  if (more.length > 0) throw usageError(`the returns are of ${ids.size} frameworks (${[only, ...more].join(", ")}): say which one ${given.origin} is for with --framework ID`);
  return only === undefined ? undefined : chosenParties(catalogue, catalogue.framework(only), given);
}

/** The outcomes with the days the --received list gives their sheets (national sheets pasted into one workbook). */
function withSheetsReceived(outcomes: readonly ReadOutcome[], bySheet: ReadonlyMap<string, Readonly<Record<string, string>>>): ReadOutcome[] {
  return outcomes.map((o) => {
    const days = bySheet.get(o.source.file);
    if (!days) return o;
    const sheetsReceived = Object.fromEntries(Object.entries(days).map(([sheet, received]) => [sheet, { received, receivedFrom: "received list" as const }]));
    return { ...o, source: { ...o.source, sheetsReceived } };
  });
}
