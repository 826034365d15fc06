import { CodedError } from "../../../src/core/errors/coded-error";
import { partiesNote } from "../../../src/core/catalogue/provenance";
import { PARTIES_NONE_CHOSEN, isEdited, partyEntries, runParties, runPartiesNote, runPartiesReportNote } from "../../../src/core/catalogue/run-parties";
import { buildTemplate } from "../../../src/core/template/builder";
import { META_ROWS } from "../../../src/core/template/layout";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { catalogue, fillAll, gridsWith } from "../../support/returns";

const prague = catalogue.framework("prague-ap-2023");
const pact = catalogue.framework("pact-2008");

function codedError(f: () => unknown): CodedError {
  try {
    f();
  } catch (e) {
    if (e instanceof CodedError) return e;
    throw e;
  }
  throw new Error("no error thrown");
}

describe("the parties a run is for", () => {
  it("is the framework's whole list when nothing is chosen, with the catalogue's own note", () => {
    const run = runParties(catalogue, prague);
    expect(run.parties).toEqual(catalogue.partiesOf(prague));
    expect(run.leftOut).toEqual([]);
    expect(isEdited(run)).toBe(false);
    expect(runPartiesNote(run)).toBe(partiesNote(prague));
    expect(runPartiesReportNote(run)).toBe(partiesNote(prague));
    // A framework whose document names its parties has no note at all.
    expect(runPartiesNote(runParties(catalogue, pact))).toBeUndefined();
  });

  it("resolves codes, ISO codes, names and aliases as returns are resolved, folds duplicates and keeps the catalogue's order", () => {
    const run = runParties(catalogue, prague, ["md", " Austria ", "ALB", "AT", "Republic of Moldova", "albania"]);
    expect(run.parties.map((p) => p.code)).toEqual(["AL", "AT", "MD"]);
    expect(run.leftOut).toHaveLength(catalogue.partiesOf(prague).length - 3);
    expect(run.leftOut.map((p) => p.code)).not.toContain("AT");
    expect(isEdited(run)).toBe(true);
  });

  it("choosing every party by name is the catalogue's list, not an edited one", () => {
    const run = runParties(catalogue, prague, catalogue.partiesOf(prague).map((p) => p.name));
    expect(isEdited(run)).toBe(false);
    expect(runPartiesNote(run)).toBe(partiesNote(prague));
  });

  it("names every entry that is no party of the framework, and where the list came from", () => {
    const one = codedError(() => runParties(catalogue, prague, ["AL", "Narnia"], "parties.txt"));
    expect(one.code).toBe("PT-CAT-003");
    expect(one.describe()).toMatch(/^PT-CAT-003 parties\.txt: 'Narnia' is not a party of prague-ap-2023 \(use a code such as /);
    const two = codedError(() => runParties(catalogue, pact, ["BE", "Norway", "XX", "Norway"], "--parties"));
    expect(two.describe()).toMatch(/^PT-CAT-003 --parties: 'Norway', 'XX' are not parties of pact-2008 \(use a code such as BE/);
  });

  it("refuses a list that names nobody", () => {
    const e = codedError(() => runParties(catalogue, prague, partyEntries(" , \n ;")));
    expect(e.code).toBe(PARTIES_NONE_CHOSEN);
    expect(e.message).toBe("no party is given for prague-ap-2023: name at least one, by code or name");
  });

  it("reads a typed list: lines, commas or semicolons; a file's lines keep their commas", () => {
    expect(partyEntries("AL, AT;MD\r\n\n  Moldova \n")).toEqual(["AL", "AT", "MD", "Moldova"]);
    expect(partyEntries("Korea, Republic of\nAT\n", false)).toEqual(["Korea, Republic of", "AT"]);
  });

  it("says the list is the user's, chosen from which list, instead of claiming the catalogue's", () => {
    const run = runParties(catalogue, prague, ["AL", "AT", "MD"]);
    expect(runPartiesNote(run)).toBe(`Parties chosen for this run by the user: AL, AT, MD (chosen from the catalogue's list). The catalogue's list: ${partiesNote(prague)}`);
    expect(runPartiesReportNote(run)).toBe(`${runPartiesNote(run)} Not in this run: ${run.leftOut.map((p) => p.code).join(", ")}; "missing" counts the chosen parties only.`);
    expect(runPartiesNote(runParties(catalogue, pact, ["FR", "BE"]))).toBe(`Parties chosen for this run by the user: BE, FR (chosen from the framework's list).`);
  });
});

describe("a template of a run for chosen parties", () => {
  const party = catalogue.party(prague, "AT");
  const run = runParties(catalogue, prague, ["AL", "AT", "MD"]);
  const plain = buildTemplate({ framework: prague, party, cycle: "2026", round: "initial" });
  const chosen = buildTemplate({ framework: prague, party, cycle: "2026", round: "initial", parties: run });
  const noteOf = (spec: typeof plain): unknown => spec.sheets[0]?.cells.find((c) => c.row === META_ROWS.party && c.col === 2)?.value;
  const findings = (spec: typeof plain, edits = fillAll(spec, prague, party)) =>
    validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue).findings.map((f) => `${f.code} ${f.cell ?? ""}`);

  it("prints the run's note beside the party", () => {
    expect(noteOf(plain)).toBe(partiesNote(prague));
    expect(noteOf(chosen)).toBe(runPartiesNote(run));
  });

  it("validates as the catalogue's template does: the note is the template's own", () => {
    expect(findings(chosen)).toEqual(findings(plain));
  });

  it("still names a note edited by hand, and one naming a run the sheet's party was not in", () => {
    const sheet = chosen.sheets[0]?.name ?? "";
    const base = findings(chosen);
    const edited = (value: string): string[] => findings(chosen, [...fillAll(chosen, prague, party), { sheet, row: META_ROWS.party, col: 2, value }]);
    expect(edited(`${String(noteOf(chosen))} No.`).length).toBeGreaterThan(base.length);
    const others = runPartiesNote(runParties(catalogue, prague, ["AL", "MD"])) ?? "";
    expect(edited(others).length).toBeGreaterThan(base.length);
    expect(edited(others.replace("AL, MD", "MD, AL")).length).toBeGreaterThan(base.length);
  });
});
