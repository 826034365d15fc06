import fc from "fast-check";
import { runParties, runPartiesReportNote } from "../../../src/core/catalogue/run-parties";
import { consolidateReturns } from "../../../src/core/consolidation/consolidate";
import type { SheetSpec } from "../../../src/core/template/spec";
import { generatedReturn, registerOf } from "../../support/consolidation";
import { catalogue } from "../../support/returns";

const prague = catalogue.framework("prague-ap-2023");
const list = catalogue.partiesOf(prague);

const cellTexts = (sheet: SheetSpec | undefined): string[] => (sheet?.cells ?? []).map((c) => (typeof c.value === "string" ? c.value : ""));

describe("consolidating for the parties chosen for the run", () => {
  const chosen = runParties(catalogue, prague, ["AL", "AT", "MD"]);
  const returns = [generatedReturn("AL.xlsx", "prague-ap-2023", "AL"), generatedReturn("GE.xlsx", "prague-ap-2023", "GE")];

  it("counts as missing only the chosen parties that sent nothing", () => {
    const register = registerOf(returns, { parties: [chosen] });
    expect(register.missing).toEqual([{ framework: "prague-ap-2023", cycle: "2026", parties: [catalogue.party(prague, "AT"), catalogue.party(prague, "MD")] }]);
    // Without a choice, the whole list is expected.
    expect(registerOf(returns).missing[0]?.parties).toHaveLength(list.length - 2);
  });

  it("compiles a return from outside the chosen parties, and its register row says so", () => {
    const register = registerOf(returns, { parties: [chosen] });
    expect(register.rows.map((r) => [r.file, r.status, r.note])).toEqual([
      ["AL.xlsx", "accepted", ""],
      ["GE.xlsx", "accepted", "Georgia (GE) is outside the parties chosen for this run (AL, AT, MD): compiled all the same"],
    ]);
    expect(register.responses.map((r) => r.party.code)).toEqual(["AL", "GE"]);
  });

  it("says on the report's sheets whose list the run used, and marks the outsider on the Summary", () => {
    const made = consolidateReturns(
      returns.map((r) => r.outcome),
      catalogue,
      { order: "protocol", parties: [chosen] },
    );
    if (made.kind !== "report") throw new Error("no report");
    const note = runPartiesReportNote(chosen) ?? "";
    for (const spec of [made.internal, made.publicEdition()]) {
      const summary = spec?.sheets.find((s) => s.name === "Summary");
      const texts = cellTexts(summary);
      expect(texts).toContain("Georgia (GE) — outside the parties chosen for this run");
      expect(texts).toEqual(expect.arrayContaining(["Austria (AT)", "Republic of Moldova (MD)"]));
      expect(texts).not.toContain("Armenia (AM)");
      const compilation = spec?.sheets.find((s) => /compilation$/.test(s.name) || / matrix$/.test(s.name));
      expect(cellTexts(compilation).some((t) => t.includes(note))).toBe(true);
    }
    // The catalogue's list is not claimed anywhere.
    const plainNote = prague.partiesSupplied?.note ?? "";
    const claims = made.internal.sheets.flatMap((s) => cellTexts(s)).filter((t) => t.includes(plainNote) && !t.includes("Parties chosen for this run"));
    expect(claims).toEqual([]);
  });

  it("never drops a return, whichever parties are chosen and whichever send", () => {
    const sample = list.slice(0, 8);
    const made = new Map(sample.map((p) => [p.code, generatedReturn(`${p.code}.xlsx`, "prague-ap-2023", p.code)]));
    fc.assert(
      fc.property(fc.subarray(sample.map((p) => p.code), { minLength: 1 }), fc.subarray(sample.map((p) => p.code), { minLength: 1 }), (chosenCodes, senders) => {
        const run = runParties(catalogue, prague, chosenCodes);
        const register = registerOf(senders.map((c) => made.get(c)!), { parties: [run] });
        // Every return has its row, is compiled, and one from outside the run says so.
        expect(register.rows.map((r) => r.party).sort()).toEqual([...senders].sort());
        expect(register.rows.every((r) => r.status === "accepted")).toBe(true);
        expect(register.responses.map((r) => r.party.code).sort()).toEqual([...senders].sort());
        for (const r of register.rows) expect(r.note.includes("outside the parties chosen for this run")).toBe(!chosenCodes.includes(r.party));
        // Missing: the chosen parties that did not send, in the list's order.
        expect(register.missing[0]?.parties.map((p) => p.code)).toEqual(run.parties.map((p) => p.code).filter((c) => !senders.includes(c)));
      }),
      { numRuns: 40 },
    );
  });
});
