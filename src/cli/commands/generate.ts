import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { Framework, Party } from "../../core/catalogue/schema";
import { CodedError } from "../../core/errors/coded-error";
import { buildTemplate, type Round } from "../../core/template/builder";
import { workbookBytes } from "../../xlsx/write-spec";
import { templateFileName } from "../../core/template/file-name";
import { WRITE_FAILED, usageError } from "../usage-error";

export interface GenerateOptions {
  readonly framework: string;
  readonly country?: string;
  readonly allParties: boolean;
  readonly cycle: string;
  readonly round: string;
  readonly out?: string;
  readonly outDir?: string;
}

function parseRound(round: string): Round {
  if (round === "initial" || round === "update") return round;
  throw usageError(`--round must be 'initial' or 'update', not '${round}'`);
}

async function writeTemplate(framework: Framework, party: Party, cycle: string, round: Round, file: string): Promise<void> {
  const bytes = await workbookBytes(buildTemplate({ framework, party, cycle, round }));
  try {
    writeFileSync(file, bytes);
  } catch (e) {
    throw new CodedError(WRITE_FAILED, `cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file });
  }
}

/** Returns the number of files that could not be written (0 on full success). */
export async function generate(catalogue: Catalogue, o: GenerateOptions, log: (line: string) => void, warn: (line: string) => void): Promise<number> {
  const framework = catalogue.framework(o.framework);
  const round = parseRound(o.round);
  if (o.allParties) {
    if (!o.outDir) throw usageError("--all-parties needs --out-dir DIR");
    if (o.country) throw usageError("give either --country or --all-parties, not both");
    try {
      mkdirSync(o.outDir, { recursive: true });
    } catch (e) {
      throw new CodedError(WRITE_FAILED, `cannot create the output folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: o.outDir });
    }
    const parties = catalogue.partiesOf(framework);
    let failed = 0;
    for (const [i, party] of parties.entries()) {
      const file = join(o.outDir, templateFileName(framework, party, o.cycle, round));
      try {
        await writeTemplate(framework, party, o.cycle, round, file);
        log(`[${i + 1}/${parties.length}] ${party.code} ${party.name} -> ${file}`);
      } catch (e) {
        if (!(e instanceof CodedError)) throw e;
        failed++;
        warn(`[${i + 1}/${parties.length}] ${e.describe()}`);
      }
    }
    return failed;
  }
  if (!o.country) throw usageError("generate needs --country CODE|NAME or --all-parties");
  if (!o.out) throw usageError("generate needs --out FILE.xlsx");
  const party = catalogue.party(framework, o.country);
  await writeTemplate(framework, party, o.cycle, round, o.out);
  log(`${framework.id} template for ${party.name} (${party.code}), cycle ${o.cycle}, ${round} -> ${o.out}`);
  return 0;
}
