import type { GenerateChoices } from "./workspace";
import { SETTINGS_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";

/**
 * The Generate view's choices, kept in the workbook's own settings (Workbook.settings, ExcelApi
 * 1.4) so they travel with the file. Not Office.context.document.settings: that is the pane's
 * in-memory copy of the whole settings bag, saved whole by saveAsync, so two co-authors' panes
 * overwrite each other's keys, and it has known refresh and save failures on the web. Workbook
 * settings are entries of the document, one per key, read and written in a request like cells.
 */

export const CHOICES_KEY = "pactTracker.generateChoices";

/** A stored value from an older or foreign version is ignored, not trusted. */
function asChoices(v: unknown): GenerateChoices | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const { framework, party, cycle, round } = o;
  if (typeof framework !== "string" || typeof party !== "string" || typeof cycle !== "string") return undefined;
  if (round !== "initial" && round !== "update") return undefined;
  return { framework, party, cycle, round };
}

/** The last choices saved in this workbook, by anyone: read from the document each time. */
export function loadChoices(run: ExcelRun): Promise<GenerateChoices | undefined> {
  return withCode(SETTINGS_FAILED, "Could not read the choices saved in the workbook", {}, () =>
    run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(CHOICES_KEY).load("value");
      await context.sync();
      return setting.isNullObject ? undefined : asChoices(setting.value as unknown);
    }),
  );
}

/**
 * Saves the choices: one entry, replaced whole, so a co-author's other settings stand. Called after
 * a successful insert, so the message says the template is in and only the choices were not kept.
 */
export function saveChoices(run: ExcelRun, choices: GenerateChoices): Promise<void> {
  return withCode(SETTINGS_FAILED, "The template was inserted, but the choices could not be saved in the workbook", {}, () =>
    run(async (context) => {
      context.workbook.settings.add(CHOICES_KEY, { framework: choices.framework, party: choices.party, cycle: choices.cycle, round: choices.round });
      await context.sync();
    }),
  );
}
