import { periodNotice } from "../../core/catalogue/provenance";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { Framework, Party } from "../../core/catalogue/schema";
import { CodedError } from "../../core/errors/coded-error";
import { sameCycle, type CarriedCycle } from "../../core/cycles/carried";
import { CYCLE_RULE, isCycleLabel } from "../../core/cycles/cycle-label";
import { PREVIOUS_NOTHING, carriedFor, type CarriedStart, type PreviousCycle } from "../../core/cycles/previous";
import { buildTemplate, type Round } from "../../core/template/builder";
import { templateFileName } from "../../core/template/file-name";
import { OUTPUT_EXISTS, refuseToOverwrite } from "../output-files";
import { entriesIn, mergedPrevious, previousProblemLines, problemLine, readPreviousInputs, type PreviousInputs } from "../previous-inputs";
import { WRITE_FAILED, usageError } from "../usage-error";
import { chosenParties, givenParties, type PartyChoiceOptions } from "../party-choice";
import { isEdited, type RunParties } from "../../core/catalogue/run-parties";
import { count, describeOsError } from "../wording";

export interface GenerateOptions extends PartyChoiceOptions {
  readonly framework: string;
  readonly country?: string;
  readonly allParties: boolean;
  readonly cycle: string;
  readonly round: string;
  readonly out?: string;
  readonly outDir?: string;
  /** Replace files that are already there; without it an existing file stops the command. */
  readonly force?: boolean;
  /** `--from FILE`: last cycle's return of the party (or our combined report) to start from. */
  readonly from?: string;
  /** `--from-dir DIR`: last cycle's returns (or reports), matched by party. */
  readonly fromDir?: string;
}

function parseRound(round: string): Round {
  if (round === "initial" || round === "update") return round;
  throw usageError(`--round must be 'initial' or 'update', not '${round}'`);
}

/** `--cycle`, by the one cycle label rule (core/cycles/cycle-label.ts). */
export function parseCycle(cycle: string): string {
  if (isCycleLabel(cycle)) return cycle;
  throw usageError(`--cycle must be ${CYCLE_RULE}, e.g. 2026 or 2009-2010, not '${cycle}'`);
}

async function writeTemplate(framework: Framework, party: Party, cycle: string, round: Round, file: string, force: boolean, previous?: CarriedCycle, run?: RunParties): Promise<void> {
  // Loaded when first needed: commands that write nothing start without the writer.
  const { workbookBytes } = await import("../../xlsx/write-spec");
  const bytes = await workbookBytes(buildTemplate({ framework, party, cycle, round, ...(previous ? { previous } : {}), ...(run && isEdited(run) ? { parties: run } : {}) }));
  try {
    // "wx": even a file that appeared since the check is never replaced without --force.
    writeFileSync(file, bytes, { flag: force ? "w" : "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new CodedError(OUTPUT_EXISTS, "already exists; not written (give --force to overwrite it)", { file });
    throw new CodedError(WRITE_FAILED, `cannot write: ${describeOsError(e, "write")}`, { file });
  }
}

/**
 * "Started from cycle 2025 (FILE › SHEET): N entries carried; items no longer in the catalogue: …";
 * an update started from its own cycle's return: "Started from cycle 2026 (this cycle's return: FILE › SHEET): …".
 */
export function startedLine(start: CarriedStart, cycle?: string): string {
  const n = entriesIn(start.carried.entries.values());
  const dropped = start.dropped.length > 0 ? start.dropped.join(", ") : "none";
  const own = sameCycle(cycle, start.carried.cycle) ? "this cycle's return: " : "";
  return `Started from cycle ${start.carried.cycle} (${own}${start.sources.join(", ")}): ${count(n, "entry", "entries")} carried; items no longer in the catalogue: ${dropped}`;
}

/** What `--from`/`--from-dir` name, for messages. */
function origin(o: GenerateOptions): string {
  return [o.from, o.fromDir].filter((x): x is string => x !== undefined).join(", ");
}

function readPrevious(catalogue: Catalogue, o: GenerateOptions): PreviousInputs | undefined {
  if (o.from === undefined && o.fromDir === undefined) return undefined;
  return readPreviousInputs(o.from !== undefined ? [o.from] : [], o.fromDir !== undefined ? [o.fromDir] : [], catalogue, { file: "--from", dir: "--from-dir" });
}

/** Returns the number of files that could not be written (0 on full success). */
export async function generate(catalogue: Catalogue, o: GenerateOptions, log: (line: string) => void, warn: (line: string) => void): Promise<number> {
  const framework = catalogue.framework(o.framework);
  const round = parseRound(o.round);
  const cycle = parseCycle(o.cycle);
  const force = o.force ?? false;
  // Still written (a late report is asked for too), but never silently: the template says it as well.
  const outside = periodNotice(framework, cycle);
  if (outside) warn(`pact-tracker: warning: ${outside} The template says so beside its cycle.`);
  // Resolved before anything is read or written: a misspelt party stops the command at once.
  const given = givenParties(o);
  const run = chosenParties(catalogue, framework, given);
  if (o.allParties) {
    if (!o.outDir) throw usageError("--all-parties needs --out-dir DIR");
    if (o.country) throw usageError("give either --country or --all-parties, not both");
    if (o.out) throw usageError("--all-parties writes one file per party into --out-dir DIR; --out is for one --country");
    const parties = run.parties;
    const files = parties.map((party) => join(o.outDir ?? "", templateFileName(framework, party, cycle, round)));
    // Every target is checked before the first is written: all or nothing.
    refuseToOverwrite(files, force);
    const inputs = readPrevious(catalogue, o);
    const previous = inputs ? mergedPrevious(inputs) : undefined;
    if (inputs) for (const line of previousProblemLines(inputs, "previous")) warn(line);
    if (inputs && previous?.responses.length === 0) {
      throw new CodedError(PREVIOUS_NOTHING, `nothing of a previous cycle could be read from ${count(inputs.files.length, "file")} (each is named above); no template was written`, { file: origin(o) });
    }
    if (previous) {
      const others = [...new Set(previous.responses.filter((r) => r.framework.id !== framework.id).map((r) => `${r.framework.id} ${r.cycle}`))];
      if (others.length > 0) warn(`previous: not used, not of ${framework.id}: ${others.join(", ")}`);
    }
    try {
      mkdirSync(o.outDir, { recursive: true });
    } catch (e) {
      throw new CodedError(WRITE_FAILED, `cannot create the output folder: ${describeOsError(e, "write")}`, { file: o.outDir });
    }
    if (isEdited(run)) log(`parties chosen with ${given?.origin ?? "--parties"}: ${count(parties.length, "party", "parties")} of the ${run.catalogueList.length} of ${framework.id}'s list; the templates say so beside the party`);
    let failed = 0;
    for (const [i, party] of parties.entries()) {
      const file = files[i] ?? "";
      try {
        const start = previous ? startOf(previous, framework, party, cycle, origin(o), round) : undefined;
        await writeTemplate(framework, party, cycle, round, file, force, start?.carried, run);
        log(`[${i + 1}/${parties.length}] ${party.code} ${party.name} -> ${file}`);
        if (previous) log(`  ${start ? startedLine(start, cycle) : `No previous return of ${party.name} (${party.code}) in ${origin(o)}: blank template`}`);
      } catch (e) {
        if (!(e instanceof CodedError)) throw e;
        failed++;
        warn(`[${i + 1}/${parties.length}] ${e.describe()}`);
      }
    }
    return failed;
  }
  if (o.outDir) throw usageError("--out-dir is for --all-parties; for one party give --out FILE.xlsx");
  if (!o.country) throw usageError("generate needs --country CODE|NAME or --all-parties");
  if (!o.out) throw usageError("generate needs --out FILE.xlsx");
  const party = catalogue.party(framework, o.country);
  if (given && !run.parties.includes(party)) throw usageError(`--country ${o.country} is not one of the parties chosen with ${given.origin} (${run.parties.map((p) => p.code).join(", ")})`);
  refuseToOverwrite([o.out], force);
  const inputs = readPrevious(catalogue, o);
  let start: CarriedStart | undefined;
  if (inputs) {
    const previous = mergedPrevious(inputs);
    const [problem, ...more] = previous.problems;
    // Nothing readable: the reader's own code and reason, as validate gives them.
    if (previous.responses.length === 0 && problem) {
      for (const p of more) warn(`previous: ${problemLine(p)}`);
      throw new CodedError(problem.code, problem.message, { file: problem.file, ...(problem.sheet ? { sheet: problem.sheet } : {}) });
    }
    for (const line of previousProblemLines(inputs, "previous")) warn(line);
    // An update may start from this cycle's initial return (carriedFor, round "update").
    start = carriedFor(previous, framework, party, cycle, origin(o), round);
  }
  await writeTemplate(framework, party, cycle, round, o.out, force, start?.carried, run);
  log(`${framework.id} template for ${party.name} (${party.code}), cycle ${cycle}, ${round} -> ${o.out}`);
  if (start) log(startedLine(start, cycle));
  return 0;
}

/** The party's previous answers, or undefined when the previous inputs hold none of its (a blank template, said so). */
function startOf(previous: PreviousCycle, framework: Framework, party: Party, cycle: string, from: string, round: Round): CarriedStart | undefined {
  const own = (r: { framework: Framework; party: Party }): boolean => r.framework.id === framework.id && r.party.code === party.code;
  if (!previous.responses.some(own) && !(previous.withheld ?? []).some(own)) return undefined;
  return carriedFor(previous, framework, party, cycle, from, round);
}
