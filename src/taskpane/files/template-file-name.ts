import type { Framework, Party } from "../../core/catalogue/schema";
import type { Round } from "../../core/template/builder";

/**
 * The download name of a template, the same as `pact-tracker generate --all-parties` writes, so a
 * file names itself the same way whichever tool made it.
 *
 * TO MOVE: duplicates templateFileName in src/cli/commands/generate.ts (which imports node:fs and
 * so cannot be bundled); it belongs in src/core/template, used by both.
 */
export function templateFileName(framework: Framework, party: Party, cycle: string, round: Round): string {
  const safeCycle = cycle.replace(/[^A-Za-z0-9._-]+/g, "-");
  return `${framework.id}_${party.code}_${safeCycle}_${round}.xlsx`;
}
