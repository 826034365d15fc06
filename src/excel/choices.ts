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

export async function loadChoices(settings: SettingsStore): Promise<GenerateChoices | undefined> {
  return asChoices(settings.get(CHOICES_KEY));
}

export function saveChoices(settings: SettingsStore, choices: GenerateChoices): Promise<void> {
  return withCode(SETTINGS_FAILED, "Could not save the choices in the workbook", {}, async () => {
    settings.set(CHOICES_KEY, { framework: choices.framework, party: choices.party, cycle: choices.cycle, round: choices.round });
    await settings.save();
  });
}
