import type { Finding } from "../../src/core/validation/finding";
import { errorsInOrder, filterFindings, groupByCode, nextError, ruleTitle, sheetsOf, NO_FILTER } from "../../src/taskpane/components/group-findings";

/** 5,000 findings as a half-filled set of returns gives them: mostly one code, on three sheets. */
function manyFindings(): Finding[] {
  const out: Finding[] = [];
  const sheets = ["Pact EL political report", "Pact EL factual table", "Prague AM"];
  for (let i = 0; i < 5000; i++) {
    const sheet = sheets[i % 3] ?? "";
    const cell = `E${14 + Math.floor(i / 3)}`;
    if (i % 10 < 7) out.push({ code: "PT-CONT-001", severity: "error", sheet, cell, message: `missing ${i}` });
    else if (i % 10 < 9) out.push({ code: "PT-CONT-006", severity: "warning", sheet, cell, message: `warning ${i}`, ...(i % 20 === 7 ? { acknowledged: { justification: "ok" } } : {}) });
    else out.push({ code: "PT-CONT-005", severity: "error", sheet, cell, message: `bad ${i}` });
  }
  return out;
}

describe("findings at scale", () => {
  const findings = manyFindings();

  it("summarises 5,000 findings by code: errors first, the most frequent first, each with the rule's meaning", () => {
    const groups = groupByCode(findings);
    expect(groups.map((g) => [g.kind, g.code, g.findings.length])).toEqual([
      ["error", "PT-CONT-001", 3500],
      ["error", "PT-CONT-005", 500],
      ["warning", "PT-CONT-006", 750],
      ["accepted", "PT-CONT-006", 250],
    ]);
    expect(groups.reduce((n, g) => n + g.findings.length, 0)).toBe(5000);
    expect(groups[0]?.title).toBe(ruleTitle("PT-CONT-001"));
    expect(groups[0]?.title).not.toBe("PT-CONT-001");
    // The validator's order is kept inside a group.
    expect(groups[1]?.findings.slice(0, 2).map((f) => f.message)).toEqual(["bad 9", "bad 19"]);
  });

  it("filters by severity and by sheet, alone and together", () => {
    expect(filterFindings(findings, NO_FILTER)).toHaveLength(5000);
    expect(filterFindings(findings, { kinds: new Set(["error"]) })).toHaveLength(4000);
    expect(filterFindings(findings, { kinds: new Set(["accepted"]) }).every((f) => f.acknowledged)).toBe(true);
    const factual = filterFindings(findings, { kinds: new Set(), sheet: "Pact EL factual table" });
    expect(factual).toHaveLength(1667);
    expect(new Set(factual.map((f) => f.sheet))).toEqual(new Set(["Pact EL factual table"]));
    const both = filterFindings(findings, { kinds: new Set(["warning"]), sheet: "Prague AM" });
    expect(both.every((f) => f.severity === "warning" && !f.acknowledged && f.sheet === "Prague AM")).toBe(true);
    expect(both.length).toBe(findings.filter((f) => f.sheet === "Prague AM" && f.severity === "warning" && !f.acknowledged).length);
    expect(sheetsOf(findings)).toEqual(["Pact EL political report", "Pact EL factual table", "Prague AM"]);
  });

  it("steps through the errors in the summary's order and starts again after the last", () => {
    const groups = groupByCode(filterFindings(findings, { kinds: new Set(), sheet: "Prague AM" }));
    const errors = errorsInOrder(groups);
    expect(errors.every((f) => f.severity === "error")).toBe(true);
    expect(errors).toHaveLength(groups.filter((g) => g.kind === "error").reduce((n, g) => n + g.findings.length, 0));
    const first = nextError(errors, undefined);
    expect(first).toBe(groups[0]?.findings[0]);
    expect(nextError(errors, first)).toBe(errors[1]);
    expect(nextError(errors, errors[errors.length - 1])).toBe(first);
    expect(nextError([], undefined)).toBeUndefined();
  });
});
