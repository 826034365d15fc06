import type { Catalogue } from "../catalogue/catalogue";
import type { TemplateSheet } from "../validation/validate-sheet";
import type { ReadOutcome } from "./register";

/**
 * A read outcome as it crosses from a reading thread to the one that consolidates: plain data
 * only. A template sheet's framework and party are catalogue objects — large, and compared by
 * identity downstream — so they travel as their id and code and are looked up again in the
 * receiving thread's own catalogue (the same catalogue the reader validated against).
 */
export type PortableSheet = Omit<TemplateSheet, "framework" | "party"> & { readonly frameworkId?: string; readonly partyCode?: string };

export type PortableOutcome =
  | Extract<ReadOutcome, { error: unknown }>
  | { readonly source: ReadOutcome["source"]; readonly validation: Omit<Extract<ReadOutcome, { validation: unknown }>["validation"], "contributions"> & { readonly contributions: readonly PortableSheet[] } };

export function toPortable(outcome: ReadOutcome): PortableOutcome {
  if ("error" in outcome) return outcome;
  const contributions = outcome.validation.contributions.map((sheet): PortableSheet => {
    const { framework, party, ...rest } = sheet;
    return { ...rest, ...(framework ? { frameworkId: framework.id } : {}), ...(party ? { partyCode: party.code } : {}) };
  });
  return { source: outcome.source, validation: { ...outcome.validation, contributions } };
}

/**
 * The outcome with its catalogue objects restored from `catalogue`. A framework or party the
 * catalogue lacks can only mean the two threads loaded different catalogues — a bug, not a bad
 * file — so it throws rather than quietly dropping the sheet's attribution.
 */
export function fromPortable(outcome: PortableOutcome, catalogue: Catalogue): ReadOutcome {
  if ("error" in outcome) return outcome;
  const contributions = outcome.validation.contributions.map((p): TemplateSheet => {
    const { frameworkId, partyCode, ...rest } = p;
    if (frameworkId === undefined) return rest;
    const framework = catalogue.findFramework(frameworkId);
    if (!framework) throw new Error(`${outcome.source.file} › ${p.sheet} was read against framework '${frameworkId}', which this catalogue does not have`);
    if (partyCode === undefined) return { ...rest, framework };
    const party = catalogue.partiesOf(framework).find((x) => x.code === partyCode);
    if (!party) throw new Error(`${outcome.source.file} › ${p.sheet} was read against party '${partyCode}' of ${frameworkId}, which this catalogue does not have`);
    return { ...rest, framework, party };
  });
  return { source: outcome.source, validation: { ...outcome.validation, contributions } };
}
