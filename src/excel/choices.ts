import type { GenerateChoices } from "./workspace";
import { SETTINGS_FAILED, withCode } from "./codes";
import type { SettingsStore } from "./host";

/** The Generate view's choices, kept in the workbook's settings so they travel with the file. */

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

/** The last choices saved in this workbook, by anyone: the settings are read again first. */
export function loadChoices(settings: SettingsStore): Promise<GenerateChoices | undefined> {
  return withCode(SETTINGS_FAILED, "Could not read the choices saved in the workbook", {}, async () => {
    await settings.refresh();
    return asChoices(settings.get(CHOICES_KEY));
  });
}

/**
 * Saves the choices. The settings are read again first, so a co-author's settings saved since are
 * not overwritten by this pane's older copy. Called after a successful insert, so the message
 * says the template is in and only the choices were not kept.
 */
export function saveChoices(settings: SettingsStore, choices: GenerateChoices): Promise<void> {
  return withCode(SETTINGS_FAILED, "The template was inserted, but the choices could not be saved in the workbook", {}, async () => {
    await settings.refresh();
    settings.set(CHOICES_KEY, { framework: choices.framework, party: choices.party, cycle: choices.cycle, round: choices.round });
    await settings.save();
  });
}
