import { Command, CommanderError, Option } from "commander";
import { version } from "../../package.json";
import { CodedError } from "../core/errors/coded-error";
import { loadCatalogue } from "./catalogue-files";
import { frameworksJson, frameworksTable } from "./commands/frameworks";
import { generate } from "./commands/generate";
import { CYCLE_RULE } from "../core/cycles/cycle-label";
import { consolidate } from "./commands/consolidate";
import { validateCommand } from "./commands/validate";
import { processIo, type Io } from "./io";
import { defaultJobs } from "./read-pool";
import { USAGE, usageError } from "./usage-error";

export type { Io } from "./io";

const EXIT_CODES = `Exit codes: 0 done (validate: no errors; warnings allowed), 1 some files failed or have errors,
2 usage or input error (validate: a file is unreadable).`;

const FOLDERS = `Folders are searched recursively and hide nothing: every file in them is an input (one that is not
a workbook is rejected with its code), except Excel's "~$" lock files and macOS/Windows folder
metadata, which are skipped and named. A file named on the command line is always read. Finding
no file to read at all is a usage error (exit 2).`;

const examples = (lines: readonly string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}`;

/** `--framework-file PATH`, repeatable, on every command: they all read the catalogue. */
function frameworkFileOption(): Option {
  return new Option("--framework-file <path>", "also load a framework catalogue file (same schema as seeds/frameworks/*.json); repeatable")
    .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .default([] as string[], "none");
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `--parties` on generate and consolidate: the parties the run is for; `what` says what it does there. */
function partiesOption(what: string): Option {
  return new Option("--parties <list>", `only these parties of the framework's list ${what}: codes or names separated by commas (AL,AT,MD or "Austria, Moldova"); repeatable`).argParser(collect);
}

/** `--parties-file FILE`: the same, one a line, so a name may hold a comma. */
function partiesFileOption(): Option {
  return new Option("--parties-file <file>", "the same, from a text file with one code or name per line (blank lines ignored)");
}

const PARTIES_HELP = `The parties of a run: by default every party of the framework's list (for a framework whose
document names no parties, the catalogue's supplied list, e.g. the 2011 Poznan participants for
prague-ap-2023). --parties/--parties-file choose some of them, by code, ISO code or name, in any
case, duplicates folded; a name the list does not have is PT-CAT-003, naming it. The templates and
the report then say the list was chosen for the run, and which parties of the catalogue's were left
out, instead of claiming the catalogue's list.`;

/** `--jobs N` on the commands that read folders of returns: threads to read them on. */
function jobsOption(): Option {
  return new Option("--jobs <n>", "read returns on N threads at once; 1 reads them one by one")
    .argParser((value: string) => {
      if (!/^[1-9][0-9]?$/.test(value.trim())) throw usageError(`--jobs takes a whole number from 1 to 99, not '${value}'`);
      return Number(value);
    })
    .default(defaultJobs(), `one per core, at most 4: ${defaultJobs()} here`);
}

/** The commands, their options and help. `done` receives each command's exit code. */
function program(io: Io, done: (code: number) => void): Command {
  const cli = new Command("pact-tracker")
    .description("Templates, validation and consolidation for migration-policy reporting")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help (for a command: pact-tracker COMMAND --help)")
    .helpCommand("help [command]", "show help for a command")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, "")),
      writeErr: (s) => io.err(s.replace(/\n$/, "")),
      // Errors become one coded line (see main); commander's own wording is kept in it.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    .addHelpText("after", `\n${FOLDERS}\n\n${EXIT_CODES}`);

  cli
    .command("frameworks")
    .description("list the framework catalogues (id, version, size, title)")
    .option("--json", 'print {"frameworks":[{"id","title","version","areas":[…]}]}')
    .addOption(frameworkFileOption())
    .addHelpText("after", examples(["pact-tracker frameworks", "pact-tracker frameworks --json > catalogues.json", "pact-tracker frameworks --framework-file stockholm-2010.json"]))
    .action((o: { json?: boolean; frameworkFile: string[] }) => {
      const catalogue = loadCatalogue(o.frameworkFile);
      io.out(o.json === true ? JSON.stringify(frameworksJson(catalogue), null, 2) : frameworksTable(catalogue));
      done(0);
    });

  cli
    .command("generate")
    .description("write a template for one party (--country) or for every party (--all-parties)")
    .option("--framework <id>", "framework id, e.g. pact-2008 (see: pact-tracker frameworks)")
    .option("--country <code|name>", "the party: a code (EL, el), an ISO code (GR, GRC) or an English name (Greece)")
    .option("--all-parties", "one template per party of the framework, into --out-dir")
    .option("--cycle <label>", `reporting cycle, ${CYCLE_RULE}`, String(new Date().getFullYear()))
    .option("--round <round>", "initial or update", "initial")
    .option("--out <file>", "the template to write (with --country)")
    .option("--out-dir <dir>", "the folder to write into (with --all-parties); made if missing")
    .option("--force", "overwrite files that already exist (without it, an existing file stops the command and nothing is written)")
    .option("--from <file>", "start from the party's return of a previous cycle (or our combined report of it), or with --round update from this cycle's initial return: its entries are carried, marked until edited")
    .option("--from-dir <dir>", "start from the returns (or reports) in this folder, matched by party; with --all-parties a party without one gets a blank template")
    .addOption(partiesOption("(with --all-parties: a template for each of them only; with --country: the party must be one of them)"))
    .addOption(partiesFileOption())
    .addOption(frameworkFileOption())
    .addHelpText(
      "after",
      `
${PARTIES_HELP}

Starting from a previous cycle: the entries of the latest earlier cycle of the same framework and
party are carried (the Pact's "Most significant developments planned" also shown read-only as
"Planned last cycle", Prague's status as "Status last cycle"), review states reset to draft, and
each carried entry stays marked, and warned as unchanged by validate, until it is edited. Another
party's or framework's return (PT-CYCLE-001, -002), one of the same or a later cycle (PT-CYCLE-004),
or an unreadable file (its reader's code) is refused with exit 2; with --from-dir, a bad file is
named with its code and the others are used.
An update (--round update) may start from this cycle's initial return instead: its entries are
carried into the update, with no "last cycle" column and no "unchanged" warnings; change only what
changed. An update may also give only the rows that changed: an entry it leaves empty keeps the
initial return's when the returns are consolidated (PT-CONT-020, info), unless the initial return
does not give it either (PT-CONT-021, an error at consolidation). A return of a later cycle is
still PT-CYCLE-004.
${examples([
  "pact-tracker generate --framework pact-2008 --country Belgium --cycle 2026 --out BE.xlsx",
  "pact-tracker generate --framework pact-2008 --country GR --round update --out EL-update.xlsx",
  "pact-tracker generate --framework pact-2008 --country GR --round update --from EL.xlsx --out EL-update.xlsx",
  "pact-tracker generate --framework prague-ap-2023 --all-parties --out-dir requests/ --cycle 2026",
  "pact-tracker generate --framework prague-ap-2023 --all-parties --parties AL,AT,MD --out-dir requests/ --cycle 2026",
  "pact-tracker generate --framework prague-ap-2023 --all-parties --parties-file parties-2026.txt --out-dir requests/",
  "pact-tracker generate --framework pact-2008 --country BE --cycle 2026 --from returns-2025/BE.xlsx --out BE-2026.xlsx",
  "pact-tracker generate --framework prague-ap-2023 --all-parties --cycle 2026 --from-dir returns-2025/ --out-dir requests/",
  "pact-tracker generate --framework pact-2008 --all-parties --cycle 2026 --from combined-2025.xlsx --out-dir requests/",
])}`,
    )
    .action(async (o: { framework?: string; country?: string; allParties?: boolean; cycle: string; round: string; out?: string; outDir?: string; force?: boolean; from?: string; fromDir?: string; parties?: string[]; partiesFile?: string; frameworkFile: string[] }) => {
      if (!o.framework) throw usageError("generate needs --framework ID");
      const catalogue = loadCatalogue(o.frameworkFile);
      const failed = await generate(
        catalogue,
        {
          framework: o.framework,
          ...(o.country !== undefined ? { country: o.country } : {}),
          allParties: o.allParties ?? false,
          cycle: o.cycle,
          round: o.round,
          ...(o.out !== undefined ? { out: o.out } : {}),
          ...(o.outDir !== undefined ? { outDir: o.outDir } : {}),
          force: o.force ?? false,
          ...(o.from !== undefined ? { from: o.from } : {}),
          ...(o.fromDir !== undefined ? { fromDir: o.fromDir } : {}),
          ...(o.parties !== undefined ? { parties: o.parties } : {}),
          ...(o.partiesFile !== undefined ? { partiesFile: o.partiesFile } : {}),
        },
        io.out,
        io.err,
      );
      done(failed > 0 ? 1 : 0);
    });

  cli
    .command("validate")
    .description("check returns before sending or on receipt: template sheets found, findings by sheet with code, cell and item")
    .argument("<paths...>", "files and folders (searched recursively)")
    .option("--json", "print [{file, status, error?, skipped?, contributions, findings}]")
    .addOption(frameworkFileOption())
    .addOption(jobsOption())
    // Kept so the mistake gets a precise answer rather than "unknown option".
    .addOption(new Option("--received <csv>").hideHelp())
    .addHelpText(
      "after",
      `\nExit codes: 0 no errors (warnings allowed), 1 a file has errors, 2 a file is unreadable, no file was
found, or a usage error.
${examples(["pact-tracker validate BE.xlsx", "pact-tracker validate returns/ --json > findings.json", "pact-tracker validate returns/ | less"])}`,
    )
    .action(async (paths: string[], o: { json?: boolean; frameworkFile: string[]; received?: string; jobs: number }) => {
      if (o.received !== undefined) throw usageError("--received applies to consolidate only (validate does not judge lateness)");
      done(await validateCommand(paths, loadCatalogue(o.frameworkFile), { json: o.json ?? false, jobs: o.jobs }, io.out));
    });

  cli
    .command("consolidate")
    .description("combine the returns into one report (internal edition, and a public one with --public) with a register of every input")
    .argument("<inputs...>", "files and folders (searched recursively)")
    .option("--out <file>", "the internal edition to write (.xlsx); required")
    .option("--public <file>", "also write the public edition (only what parties agreed to disseminate)")
    .option("--order <order>", "party order: protocol (the framework's list) or alpha", "protocol")
    .option("--strict", "leave out contributions with errors (by default included and flagged)")
    .option("--deadline <round=YYYY-MM-DD>", "due date of a round (initial or update), judged in UTC; overrides the framework's timetable; repeatable", collect, [] as string[])
    .option(
      "--received <csv>",
      'when each return arrived: a header row "file,received" (optionally "sheet" too, for national sheets pasted into one workbook), then per row a file (its name, or its path as given) and YYYY-MM-DD or an ISO date-time; files not listed count from their time on disk',
    )
    .option("--previous <file>", "compare with an earlier cycle: our combined report of it, or a return; repeatable", collect, [] as string[])
    .option("--previous-dir <dir>", "compare with an earlier cycle's returns (or reports) in this folder; repeatable", collect, [] as string[])
    .option("--json", "print {rows, counts, missing, skipped, reports, previous?} (see README) instead of the summary")
    .option("--force", "overwrite report files that already exist")
    .addOption(partiesOption("(who is missing is counted against them; a return from another party is still compiled, and its register row says it is outside them)"))
    .addOption(partiesFileOption())
    .option("--framework <id>", "the framework --parties is for (needed only when the returns are of several frameworks)")
    .addOption(frameworkFileOption())
    .addOption(jobsOption())
    .addHelpText(
      "after",
      `\nExit codes: 0 the report was written (even if some inputs were rejected: the summary names them),
1 the public edition was refused (PT-CONS-006: a return may withhold and names no party; the internal
edition is written), 2 usage error, or nothing could be read.
${examples([
  "pact-tracker consolidate returns/ --out combined.xlsx",
  "pact-tracker consolidate returns/ late/FR.xlsx --out combined.xlsx --public public.xlsx --deadline initial=2026-11-15",
  "pact-tracker consolidate returns/ --out combined.xlsx --received received.csv --json > register.json",
  "pact-tracker consolidate returns-2026/ --previous-dir returns-2025/ --out combined-2026.xlsx --public public-2026.xlsx",
  "pact-tracker consolidate returns-2026/ --previous combined-2025.xlsx --out combined-2026.xlsx",
  "pact-tracker consolidate returns/ --parties AL,AT,MD --out combined.xlsx",
  "pact-tracker consolidate returns/ --framework prague-ap-2023 --parties-file parties-2026.txt --out combined.xlsx",
])}

${PARTIES_HELP}

With --previous or --previous-dir, the report compares each framework with its latest earlier cycle
given: a "<framework> changes" sheet (item x party: new, changed with both texts, unchanged, no longer
reported, no return this cycle), a trend per area on the coverage sheet over every cycle, and status
moves ("planned → ongoing") on status matrices; in both editions, the public one honouring each
cycle's dissemination choices. A previous input that cannot be read or used is named with its code
(and in --json under "previous"); if none can be read, nothing is written (exit 2).`,
    )
    .action(async (inputs: string[], o: { out?: string; public?: string; order: string; strict?: boolean; deadline: string[]; received?: string; json?: boolean; force?: boolean; previous: string[]; previousDir: string[]; parties?: string[]; partiesFile?: string; framework?: string; frameworkFile: string[]; jobs: number }) => {
      const catalogue = loadCatalogue(o.frameworkFile);
      done(
        await consolidate(
          catalogue,
          {
            inputs,
            out: o.out ?? "",
            ...(o.public !== undefined ? { publicOut: o.public } : {}),
            order: o.order,
            strict: o.strict ?? false,
            deadlines: o.deadline,
            ...(o.received !== undefined ? { receivedCsv: o.received } : {}),
            json: o.json ?? false,
            force: o.force ?? false,
            previous: o.previous,
            previousDirs: o.previousDir,
            jobs: o.jobs,
            ...(o.parties !== undefined ? { parties: o.parties } : {}),
            ...(o.partiesFile !== undefined ? { partiesFile: o.partiesFile } : {}),
            ...(o.framework !== undefined ? { framework: o.framework } : {}),
          },
          io.out,
          io.err,
        ),
      );
    });
  return cli;
}

const COMMANDS = ["frameworks", "generate", "validate", "consolidate"] as const;

/** Commander's message for a usage mistake, as our coded error: "unknown option '--bogus'". */
function fromCommander(e: CommanderError): CodedError {
  return usageError(e.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " "));
}

/** The one line on stderr; a usage error points at the help of the command it was given to. */
function errorLine(e: CodedError, argv: readonly string[]): string {
  if (e.code !== USAGE) return `pact-tracker: ${e.describe()}`;
  const command = COMMANDS.find((c) => c === argv[0]);
  return `pact-tracker: ${e.describe()} (see 'pact-tracker ${command ? `${command} ` : ""}--help')`;
}

/** Runs the CLI; every expected failure is one coded line on stderr. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  try {
    if (argv.length === 0) {
      // No command: the overview, as a usage error.
      program(io, () => undefined).outputHelp({ error: true });
      return 2;
    }
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: "user" });
    return code;
  } catch (thrown) {
    // --help and --version end here with exit code 0.
    if (thrown instanceof CommanderError && (thrown.code === "commander.helpDisplayed" || thrown.code === "commander.version" || thrown.code === "commander.help")) return thrown.exitCode === 0 ? 0 : 2;
    const e = thrown instanceof CommanderError ? fromCommander(thrown) : thrown;
    if (e instanceof CodedError) {
      io.err(errorLine(e, argv));
      return 2;
    }
    throw e;
  }
}
