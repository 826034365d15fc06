import { count } from "../wording";
import { EMPTY_IN_UPDATE_AND_INITIAL, checkUpdate, type EarlierReturn } from "../validation/update-round";
import type { AcceptedContribution } from "./contribution";
import { contributionLabel, STRICT_EXCLUDED, type Candidate, type RegisterRow } from "./register-model";

/**
 * An update gives only what changed (validation/update-round.ts): each update of a group, oldest
 * first, is checked against the returns merged before it. Its PT-CONT-021 errors (an entry empty
 * in it and in the initial return) count as its own, and under --strict leave it out like any
 * return with errors — so a later update is checked without it.
 */
export function checkUpdateRound(group: readonly Candidate[], leftOut: readonly AcceptedContribution[], strict: boolean, rows: RegisterRow[]): Candidate[] {
  const earlierOf = (c: AcceptedContribution): EarlierReturn => ({ sheet: c.sheet, label: contributionLabel(c), round: c.round });
  const first = group[0]?.contribution;
  const out = first ? leftOut.filter((x) => x.framework === first.framework && x.cycle === first.cycle && x.party.code === first.party.code && x.role === first.role).map(earlierOf) : [];
  const kept: Candidate[] = [];
  for (const c of group) {
    const extra = checkUpdate(c.contribution.sheet, kept.map((k) => earlierOf(k.contribution)), out);
    if (extra.length === 0) {
      kept.push(c);
      continue;
    }
    const row = { ...c.row, errors: c.row.errors + extra.length };
    if (strict) {
      const why = `${count(extra.length, "entry", "entries")} empty in this update and in the initial return, ${EMPTY_IN_UPDATE_AND_INITIAL}`;
      rows.push({ ...row, late: false, status: "rejected", reason: { code: STRICT_EXCLUDED, message: `left out under --strict: ${count(row.errors, "error")} (${why})` }, note: "" });
      continue;
    }
    kept.push({ row, contribution: { ...c.contribution, sheet: { ...c.contribution.sheet, findings: [...c.contribution.sheet.findings, ...extra] }, hasErrors: true } });
  }
  return kept;
}
