import { z } from "zod";
import validationData from "../../../seeds/validation.json";
import { RULE_CODES } from "./rule-codes";
import { foldKey } from "./typed-text";

/**
 * The rule registry is data (seeds/validation.json): a stable code, a severity and a message
 * template with {parameters}. Codes never change meaning; users search for them.
 */

export const severities = ["error", "warning", "info"] as const;
export type Severity = (typeof severities)[number];

const ruleSchema = z.object({
  // The codes compiled into code (rule-codes.ts, written from this file): one not among them is refused here.
  code: z.enum(RULE_CODES),
  severity: z.enum(severities),
  title: z.string().min(1),
  message: z.string().min(1),
  /** The advice differs with the column: a dropdown is chosen, a date has a form, text can say "nothing to report". */
  byColumnType: z.object({ text: z.string().min(1), list: z.string().min(1), date: z.string().min(1) }).partial().optional(),
  /**
   * Where the rule is checked: on one sheet (validate, the pane; the default), or only at
   * consolidation, where the other returns of the party are known (an update against its initial return).
   */
  stage: z.enum(["validation", "consolidation"]).optional(),
});

const validationConfigSchema = z.object({
  schemaVersion: z.literal(1),
  /** Accepted spellings of an explicit "nothing to report", compared case- and space-insensitively. */
  nothingToReport: z.array(z.string().min(1)).min(1),
  /** Above this many characters a text entry draws an advisory warning. */
  advisoryLength: z.number().int().positive(),
  rules: z.array(ruleSchema).min(1),
});

export type Rule = z.output<typeof ruleSchema>;
export type ValidationConfig = z.output<typeof validationConfigSchema>;

export const validationConfig: ValidationConfig = validationConfigSchema.parse(validationData);

const byCode: ReadonlyMap<string, Rule> = new Map(validationConfig.rules.map((r) => [r.code, r]));

export function rule(code: string): Rule {
  const r = byCode.get(code);
  // A code used in code but absent from the registry is a programming error, caught by tests.
  if (!r) throw new Error(`rule ${code} is not in seeds/validation.json`);
  return r;
}

export type Params = Readonly<Record<string, string | number>>;

export function formatMessage(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Excel's own limit on the characters in one cell. */
export const EXCEL_CELL_LIMIT = 32767;

const markers = new Set(validationConfig.nothingToReport.map(foldKey));
/** Longer text cannot be a marker, whatever its spacing: skip folding it (most entries are long). */
const longestMarker = Math.max(...validationConfig.nothingToReport.map((m) => m.length)) * 4 + 16;

export function isNothingToReport(text: string): boolean {
  return text.length <= longestMarker && markers.has(foldKey(text));
}
