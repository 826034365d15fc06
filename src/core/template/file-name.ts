import type { Framework, Party } from "../catalogue/schema";
import type { Round } from "./builder";

/**
 * The download name of a template, the same as `pact-tracker generate --all-parties` writes, so a
 * file names itself the same way whichever tool made it.
 */
export function templateFileName(framework: Framework, party: Party, cycle: string, round: Round): string {
  const safeCycle = cycle.replace(/[^A-Za-z0-9._-]+/g, "-");
  return `${framework.id}_${party.code}_${safeCycle}_${round}.xlsx`;
}
