import { parseArgs } from "node:util";
import { CodedError } from "../core/errors/coded-error";
import { loadCatalogue } from "./catalogue-files";
import { frameworksJson, frameworksTable } from "./commands/frameworks";
import { generate } from "./commands/generate";
import { consolidate } from "./commands/consolidate";
import { validateCommand } from "./commands/validate";
import { usageError } from "./usage-error";

const HELP = `pact-tracker — templates, validation and consolidation for migration-policy reporting

Usage:
  pact-tracker frameworks [--json]
  pact-tracker generate --framework ID --country CODE|NAME [--cycle LABEL] [--round initial|update] --out FILE.xlsx
  pact-tracker generate --framework ID --all-parties --out-dir DIR [--cycle LABEL] [--round initial|update]
  pact-tracker validate FILE|FOLDER... [--json]
  pact-tracker consolidate INPUT... --out combined.xlsx [--public public.xlsx] [--order protocol|alpha]
               [--strict] [--deadline ROUND=YYYY-MM-DD]... [--received received.csv] [--json]

Options for every command:
  --framework-file PATH   also load a framework catalogue file (same schema as seeds/frameworks/*.json)

Options for consolidate:
  --received FILE.csv     when each return arrived: a header row "file,received", then per row a file
                          (its name, or its path as given) and YYYY-MM-DD or an ISO date-time; files
                          not listed count from their time on disk. Lateness and "the later file
                          wins" go by this date.

Folders are searched recursively and hide nothing: every file in them is an input (one that is not
a workbook is rejected with its code), except Excel's "~$" lock files and macOS/Windows folder
metadata, which are skipped and named. A file named on the command line is always read.

Exit codes: 0 done (validate: no errors; warnings allowed), 1 some files failed or have errors,
2 usage or input error (validate: a file is unreadable).`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(HELP);
    return command ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean", default: false },
        framework: { type: "string" },
        "framework-file": { type: "string", multiple: true, default: [] },
        country: { type: "string" },
        "all-parties": { type: "boolean", default: false },
        cycle: { type: "string" },
        round: { type: "string", default: "initial" },
        out: { type: "string" },
        "out-dir": { type: "string" },
        public: { type: "string" },
        order: { type: "string", default: "protocol" },
        strict: { type: "boolean", default: false },
        deadline: { type: "string", multiple: true, default: [] },
        received: { type: "string" },
      },
    });
  } catch (e) {
    throw usageError((e as Error).message);
  }
  const v = parsed.values;
  const catalogue = loadCatalogue(v["framework-file"] ?? []);
  switch (command) {
    case "frameworks":
      io.out(v.json ? JSON.stringify(frameworksJson(catalogue), null, 2) : frameworksTable(catalogue));
      return 0;
    case "generate": {
      if (!v.framework) throw usageError("generate needs --framework ID");
      const failed = await generate(
        catalogue,
        {
          framework: v.framework,
          country: v.country,
          allParties: v["all-parties"] ?? false,
          cycle: v.cycle ?? String(new Date().getFullYear()),
          round: v.round ?? "initial",
          out: v.out,
          outDir: v["out-dir"],
        },
        io.out,
        io.err,
      );
      return failed > 0 ? 1 : 0;
    }
    case "validate": {
      if (parsed.positionals.length === 0) throw usageError("validate needs at least one FILE or folder");
      if (v.received !== undefined) throw usageError("--received applies to consolidate only (validate does not judge lateness)");
      return validateCommand(parsed.positionals, catalogue, v.json ?? false, io.out);
    }
    case "consolidate":
      return consolidate(
        catalogue,
        {
          inputs: parsed.positionals,
          out: v.out ?? "",
          ...(v.public ? { publicOut: v.public } : {}),
          order: v.order ?? "protocol",
          strict: v.strict ?? false,
          deadlines: v.deadline ?? [],
          ...(v.received !== undefined ? { receivedCsv: v.received } : {}),
          json: v.json ?? false,
        },
        io.out,
        io.err,
      );
    default:
      throw usageError(`unknown command '${command}'`);
  }
}

/** Runs the CLI; every expected failure is one coded line on stderr. */
export async function main(argv: readonly string[], io: Io = consoleIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof CodedError) {
      io.err(`pact-tracker: ${e.describe()}`);
      return 2;
    }
    throw e;
  }
}
