import { buildRegister, type ReadOutcome } from "../../../src/core/consolidation/register";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { catalogue, fillAll, gridsWith, locate, templateSpec } from "../../support/returns";
import { META_ROWS } from "../../../src/core/template/layout";
import { SheetGrid, cellAddress } from "../../../src/core/grid/grid";
import { ACK_SHEET } from "../../../src/core/validation/acknowledgements";
import { RULE_CASES, caseReturn } from "../../support/rule-cases";

/** A returned file as the register sees it, from a filled template. */
function returned(file: string, frameworkId: string, party: string, opts: { round?: "initial" | "update"; modified?: string; received?: string; cycle?: string; breakIt?: boolean } = {}): ReadOutcome {
  const { spec, framework, party: p } = templateSpec(frameworkId, party, opts.round ?? "initial", opts.cycle ?? "2026");
  const edits = fillAll(spec, framework, p);
  if (opts.breakIt) {
    const first = framework.areas[0]?.items[0]?.ref ?? "";
    // An update's empty entry keeps the initial return's (no error): an update is broken by a value not in its list.
    const list = opts.round === "update" ? framework.entryColumns.find((c) => c.type === "list") : undefined;
    const header = list?.header ?? framework.entryColumns.find((c) => c.required && c.type === "text")?.header ?? "";
    edits.push({ ...locate(spec, framework, spec.sheets.length - 2, first, header), value: list ? "perhaps" : null });
  }
  const validation = validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue);
  return { source: { file, sha256: `sha-${file}`, ...(opts.modified ? { modified: opts.modified } : {}), ...(opts.received ? { received: opts.received } : {}) }, validation };
}

describe("the register", () => {
  it("keeps one row per input and rejects unreadable files with their coded reason", () => {
    const reg = buildRegister(
      [
        returned("b.xlsx", "prague-ap-2012", "AT"),
        { source: { file: "a.xls", sha256: "x" }, error: { code: "PT-READ-002", message: "legacy .xls" } },
        returned("c.xlsx", "prague-ap-2012", "GE"),
      ],
      catalogue,
    );
    expect(reg.rows.map((r) => [r.file, r.status, r.reason?.code ?? ""])).toEqual([
      ["a.xls", "rejected", "PT-READ-002"],
      ["b.xlsx", "accepted", ""],
      ["c.xlsx", "accepted", ""],
    ]);
    expect(reg.responses.map((r) => r.party.code)).toEqual(["AT", "GE"]);
  });

  it("lets an update supersede the initial contribution, keeping both in the register", () => {
    const reg = buildRegister(
      [
        returned("FR-update.xlsx", "pact-2008", "FR", { round: "update", modified: "2010-01-12T10:00:00Z" }),
        returned("FR-initial.xlsx", "pact-2008", "FR", { round: "initial", modified: "2009-11-14T10:00:00Z" }),
      ],
      catalogue,
    );
    // The Pact template has two sheets; each is a contribution of its own.
    expect(reg.rows.map((r) => [r.file, r.status])).toEqual([
      ["FR-initial.xlsx", "superseded"],
      ["FR-initial.xlsx", "superseded"],
      ["FR-update.xlsx", "accepted"],
      ["FR-update.xlsx", "accepted"],
    ]);
    expect(reg.rows[0]?.supersededBy).toMatch(/^FR-update\.xlsx › pact-2008 FR /);
    expect(reg.responses.every((r) => r.latest.round === "update" && r.usage.get(r.contributions[0]!)?.used === 0)).toBe(true);
  });

  it("within a round, lets the later file win", () => {
    const reg = buildRegister(
      [returned("late.xlsx", "emn-ahq-2010", "SE", { modified: "2010-08-02T08:00:00Z" }), returned("early.xlsx", "emn-ahq-2010", "SE", { modified: "2010-07-30T08:00:00Z" })],
      catalogue,
    );
    expect(reg.rows.map((r) => [r.file, r.status])).toEqual([
      ["early.xlsx", "superseded"],
      ["late.xlsx", "accepted"],
    ]);
  });

  it("includes and flags contributions with errors by default, leaves them out under strict", () => {
    const inputs = [returned("bad.xlsx", "prague-ap-2023", "AM", { breakIt: true })];
    expect(buildRegister(inputs, catalogue).rows.map((r) => [r.status, r.errors])).toEqual([["accepted with errors", 1]]);
    const strict = buildRegister(inputs, catalogue, { strict: true });
    expect(strict.rows.map((r) => [r.status, r.reason?.code])).toEqual([["rejected", "PT-CONS-004"]]);
    expect(strict.responses).toEqual([]);
  });

  it("under strict, a broken update does not displace a clean initial contribution", () => {
    const reg = buildRegister(
      [returned("AM-1.xlsx", "prague-ap-2023", "AM"), returned("AM-2.xlsx", "prague-ap-2023", "AM", { round: "update", breakIt: true })],
      catalogue,
      { strict: true },
    );
    expect(reg.rows.map((r) => [r.file, r.status])).toEqual([
      ["AM-1.xlsx", "accepted"],
      ["AM-2.xlsx", "rejected"],
    ]);
  });

  it("flags late returns against the round's deadline, by the date received and not the sender's own clock", () => {
    const reg = buildRegister(
      [
        returned("BE.xlsx", "pact-2008", "BE", { received: "2009-11-15T23:00:00Z", modified: "2009-12-30T09:00:00Z" }),
        returned("BG.xlsx", "pact-2008", "BG", { received: "2009-11-16T09:00:00Z", modified: "2009-11-01T09:00:00Z" }),
      ],
      catalogue,
      { deadlines: { initial: "2009-11-15" } },
    );
    expect(reg.rows.filter((r) => r.sheet.endsWith("factual")).map((r) => [r.party, r.late])).toEqual([
      ["BE", false],
      ["BG", true],
    ]);
  });

  it("takes the deadline from the framework's timetable for the sheet's cycle unless one is given", () => {
    const pact = [
      returned("BE.xlsx", "pact-2008", "BE", { cycle: "2009", received: "2009-11-15T23:59:00Z" }),
      returned("BG.xlsx", "pact-2008", "BG", { cycle: "2009", received: "2009-11-16T00:01:00Z" }),
      returned("CZ.xlsx", "pact-2008", "CZ", { cycle: "2009", round: "update", received: "2010-01-15T12:00:00Z" }),
      returned("DK.xlsx", "pact-2008", "DK", { cycle: "2009", round: "update", received: "2010-01-16T08:00:00Z" }),
      returned("DE.xlsx", "pact-2008", "DE", { cycle: "2010", received: "2010-01-20T08:00:00Z" }),
    ];
    const late = (options = {}) => buildRegister(pact, catalogue, options).rows.filter((r) => r.sheet.endsWith("factual")).map((r) => [r.party, r.round, r.late]);
    // Mid-November of the cycle's year, mid-January of the next, by the end of the day (UTC).
    expect(late()).toEqual([
      ["BE", "initial", false],
      ["BG", "initial", true],
      ["CZ", "update", false],
      ["DE", "initial", false],
      ["DK", "update", true],
    ]);
    // A deadline given overrides the timetable for its round only (and for every cycle: DE's 2010 return is after it).
    expect(late({ deadlines: { initial: "2009-11-30" } }).map((x) => x[2])).toEqual([false, false, false, true, true]);
    // A framework without a timetable has no deadline of its own.
    expect(buildRegister([returned("AT.xlsx", "prague-ap-2012", "AT", { cycle: "2009", received: "2030-01-01T00:00:00Z" })], catalogue).rows[0]?.late).toBe(false);
  });

  it("never judges the Commission (the EU level) by the Member States' due date, the timetable's nor one given", () => {
    // The timetable's mid-November is the Member States'; the Commission starts preparing its report from November.
    const ec = [returned("EC.xlsx", "pact-2008", "EC", { cycle: "2009", received: "2009-12-10T09:00:00Z" }), returned("BG.xlsx", "pact-2008", "BG", { cycle: "2009", received: "2009-12-10T09:00:00Z" })];
    for (const options of [{}, { deadlines: { initial: "2009-11-30" } }]) {
      expect(buildRegister(ec, catalogue, options).rows.map((r) => [r.party, r.late])).toEqual([
        ["BG", true],
        ["BG", true],
        ["EC", false],
        ["EC", false],
      ]);
    }
  });

  it("never flags a superseded or rejected input as late: nothing of it is in the report", () => {
    const reg = buildRegister(
      [
        returned("BE-1.xlsx", "emn-ahq-2010", "BE", { received: "2010-08-20T09:00:00Z" }),
        returned("BE-2.xlsx", "emn-ahq-2010", "BE", { received: "2010-08-21T09:00:00Z" }),
      ],
      catalogue,
      { deadlines: { initial: "2010-08-15" } },
    );
    expect(reg.rows.map((r) => [r.file, r.status, r.late])).toEqual([
      ["BE-1.xlsx", "superseded", false],
      ["BE-2.xlsx", "accepted", true],
    ]);
  });

  it("lists the parties that sent nothing", () => {
    const reg = buildRegister([returned("AT.xlsx", "emn-ahq-2010", "AT"), returned("BE.xlsx", "emn-ahq-2010", "BE")], catalogue);
    expect(reg.missing).toHaveLength(1);
    expect(reg.missing[0]?.parties).toHaveLength(24);
    expect(reg.missing[0]?.parties.map((p) => p.code)).not.toContain("AT");
  });

  it("is the same whatever the order of the inputs", () => {
    const inputs = [
      returned("x1.xlsx", "prague-jd-2009", "AL"),
      returned("x2.xlsx", "prague-jd-2009", "AL", { round: "update" }),
      returned("x3.xlsx", "prague-jd-2009", "UA"),
      { source: { file: "x0.txt", sha256: "0" }, error: { code: "PT-READ-001", message: "not a zip" } },
    ];
    const a = buildRegister(inputs, catalogue);
    const b = buildRegister([...inputs].reverse(), catalogue);
    expect(b.rows).toEqual(a.rows);
    expect(b.responses.map((x) => x.latest.source.file)).toEqual(a.responses.map((x) => x.latest.source.file));
  });
});

describe("national sheets pasted into one workbook", () => {
  it("are registered and consolidated sheet by sheet, identified by their own headers", () => {
    const sheets = ["AT", "BE", "FI"].flatMap((code) => {
      const { spec, framework, party } = templateSpec("emn-ahq-2010", code);
      return gridsWith(spec, fillAll(spec, framework, party)).filter((g) => g.name !== "pt_lists");
    });
    const validation = validateWorkbook(sheets.map((grid) => ({ grid })), catalogue);
    const reg = buildRegister([{ source: { file: "pasted.xlsx", sha256: "x" }, validation }], catalogue);
    expect(reg.rows.map((r) => [r.file, r.sheet, r.party, r.status])).toEqual([
      ["pasted.xlsx", "emn-ahq-2010 AT answers", "AT", "accepted"],
      ["pasted.xlsx", "emn-ahq-2010 BE answers", "BE", "accepted"],
      ["pasted.xlsx", "emn-ahq-2010 FI answers", "FI", "accepted"],
    ]);
  });

  it("take each sheet's own day of receipt where one is given: late or on time by it, the others by the file's", () => {
    const sheets = ["AT", "BE", "FI"].flatMap((code) => {
      const { spec, framework, party } = templateSpec("pact-2008", code);
      return gridsWith(spec, fillAll(spec, framework, party)).filter((g) => g.name !== "pt_lists");
    });
    const validation = validateWorkbook(sheets.map((grid) => ({ grid })), catalogue);
    const sheetsReceived = {
      "pact-2008 BE factual": { received: "2026-12-01", receivedFrom: "entered" as const },
      "pact-2008 BE report": { received: "2026-12-01", receivedFrom: "entered" as const },
      "pact-2008 XX factual": { received: "2026-11-01", receivedFrom: "entered" as const },
    };
    const reg = buildRegister([{ source: { file: "pasted.xlsx", sha256: "x", received: "2026-11-10", receivedFrom: "consolidated", sheetsReceived }, validation }], catalogue, { deadlines: { initial: "2026-11-15" } });
    const bySheet = Object.fromEntries(reg.rows.map((r) => [r.sheet, r]));
    expect(bySheet["pact-2008 AT factual"]).toMatchObject({ received: "2026-11-10", receivedFrom: "consolidated", late: false });
    expect(bySheet["pact-2008 BE factual"]).toMatchObject({ received: "2026-12-01", receivedFrom: "entered", late: true });
    expect(bySheet["pact-2008 BE report"]).toMatchObject({ received: "2026-12-01", late: true });
    expect(bySheet["pact-2008 FI report"]).toMatchObject({ received: "2026-11-10", late: false });
    // Each row says where its own date came from; a day for a sheet the file lacks is said, not dropped.
    expect(bySheet["pact-2008 BE factual"]?.note).toContain("received date: entered in the pane");
    expect(reg.rows.map((r) => r.note).join(" | ")).toContain("received date not used for sheet 'pact-2008 XX factual': no template sheet of that name in this file");
  });
});

describe("a return that may withhold but cannot be attributed", () => {
  /** An EMN return with header edits, validated from grids. */
  function emn(file: string, party: string, header: Partial<Record<keyof typeof META_ROWS, string | null>>, opts: { sheet?: string; title?: string } = {}): ReadOutcome {
    const t = templateSpec("emn-ahq-2010", party);
    const spec = opts.sheet ? { ...t.spec, sheets: t.spec.sheets.map((s, i) => (i === 0 ? { ...s, name: opts.sheet ?? s.name } : s)) } : t.spec;
    const sheet = spec.sheets[0]?.name ?? "";
    const edits = [
      ...fillAll(spec, t.framework, t.party),
      ...Object.entries(header).map(([k, value]) => ({ sheet, row: META_ROWS[k as keyof typeof META_ROWS], col: 1, value: value ?? null })),
      ...(opts.title !== undefined ? [{ sheet, row: 0, col: 0, value: opts.title }] : []),
    ];
    return { source: { file, sha256: `sha-${file}` }, validation: validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue) };
  }
  const presenceOf = (reg: ReturnType<typeof buildRegister>, code: string) => reg.presence.find((p) => p.party.code === code);

  it("withholds both parties a code and a name of two parties point to, where they sent anything", () => {
    // France's "no", with Germany's code: neither France's nor Germany's "yes" is published.
    const reg = buildRegister([emn("FR.xlsx", "FR", { dissemination: "no", partyCode: "DE" }), emn("FR-initial.xlsx", "FR", {}), emn("DE.xlsx", "DE", {})], catalogue);
    expect(presenceOf(reg, "FR")?.publishable).toBe(false);
    expect(presenceOf(reg, "DE")?.publishable).toBe(false);
    expect(presenceOf(reg, "DE")?.dissemination).toContain("FR.xlsx › emn-ahq-2010 FR answers: no, from a return whose party could not be told for sure");
    expect(reg.rows.find((r) => r.file === "FR.xlsx")?.note).toContain("withholds Germany (DE), France (FR) from the public edition");
    expect(reg.publicBlocked).toEqual([]);
  });

  it("does not take an edited header on faith: France's return with Germany's code and name is nobody's, and withholds both", () => {
    const reg = buildRegister([emn("FR.xlsx", "FR", { dissemination: "no", partyCode: "DE", party: "Germany" }), emn("DE.xlsx", "DE", {}), emn("FR-2.xlsx", "FR", {})], catalogue);
    expect(reg.rows.find((r) => r.file === "FR.xlsx")?.reason?.code).toBe("PT-STRUCT-023");
    expect(presenceOf(reg, "DE")?.publishable).toBe(false);
    expect(presenceOf(reg, "FR")?.publishable).toBe(false);
  });

  it("withholds in every cycle where it names none, and in every framework with a choice where its framework is unknown", () => {
    const reg = buildRegister([emn("AT.xlsx", "AT", { dissemination: "no", framework: "emn-ahq-201O", cycle: null }), emn("AT-2026.xlsx", "AT", {})], catalogue);
    expect(presenceOf(reg, "AT")?.publishable).toBe(false);
  });

  it("stops the public edition when it points to no party at all, and only while something it could belong to is consolidated", () => {
    const nobody = emn("reply.xlsx", "PL", { dissemination: "no", partyCode: null, party: "Our ministry" }, { sheet: "Sheet1", title: "Reply" });
    const reg = buildRegister([nobody, emn("BE.xlsx", "BE", {})], catalogue);
    expect(reg.publicBlocked).toEqual([expect.objectContaining({ file: "reply.xlsx", sheet: "Sheet1", code: "PT-CONS-006" })]);
    expect(reg.rows.find((r) => r.file === "reply.xlsx")?.note).toContain("blocks the public edition (PT-CONS-006)");
    // A clear yes, or nothing of its framework consolidated: nothing of anyone's can leak through it.
    // (A title typed over is itself a doubt about the choice: the yes must leave the template's title.)
    expect(buildRegister([emn("reply.xlsx", "PL", { partyCode: null, party: "Our ministry" }, { sheet: "Sheet1" }), emn("BE.xlsx", "BE", {})], catalogue).publicBlocked).toEqual([]);
    expect(buildRegister([emn("reply.xlsx", "PL", { partyCode: null, party: "Our ministry" }, { sheet: "Sheet1", title: "Reply" }), emn("BE.xlsx", "BE", {})], catalogue).publicBlocked).toHaveLength(1);
    expect(buildRegister([nobody, returned("AT.xlsx", "prague-ap-2012", "AT")], catalogue).publicBlocked).toEqual([]);
  });
});

describe("cycle labels", () => {
  it("are compared canonically: a label differing only in case and spacing is the same cycle, shown one way", () => {
    const reg = buildRegister([returned("AT.xlsx", "prague-ap-2012", "AT", { cycle: "h1 2026" }), returned("AT-update.xlsx", "prague-ap-2012", "AT", { cycle: "H1 2026", round: "update" })], catalogue);
    expect(reg.responses.map((r) => [r.party.code, r.cycle, r.contributions.length])).toEqual([["AT", "H1 2026", 2]]);
    expect(reg.rows.map((r) => r.cycle)).toEqual(["H1 2026", "H1 2026"]);
  });

  it("make an update that says no, in a cycle where its party sent no initial return, withhold the party's other cycles too", () => {
    const t = templateSpec("emn-ahq-2010", "FR", "update", "2025");
    const sheet = t.spec.sheets[0]?.name ?? "";
    const update = validateWorkbook(gridsWith(t.spec, [...fillAll(t.spec, t.framework, t.party), { sheet, row: META_ROWS.dissemination, col: 1, value: "no" }]).map((grid) => ({ grid })), catalogue);
    const reg = buildRegister([returned("FR.xlsx", "emn-ahq-2010", "FR"), { source: { file: "FR-update.xlsx", sha256: "x" }, validation: update }], catalogue);
    const in2026 = reg.presence.find((p) => p.cycle === "2026");
    expect(in2026?.publishable).toBe(false);
    expect(in2026?.dissemination).toContain("its cycle may be mislabelled");
  });

  it("that the rule refuses are named with PT-STRUCT-012, and still attribute the return", () => {
    const outcome = returned("AT.xlsx", "prague-ap-2012", "AT", { cycle: "2026?" });
    if ("error" in outcome) throw new Error("unreadable");
    expect(outcome.validation.findings.filter((f) => f.code === "PT-STRUCT-012").map((f) => f.message)).toEqual(["The reporting cycle is missing or invalid ('2026?')."]);
    expect(buildRegister([outcome], catalogue).responses.map((r) => r.cycle)).toEqual(["2026?"]);
  });
});

describe("accepted warnings", () => {
  it("reach the internal edition's register with their justification", () => {
    const c = RULE_CASES.find((x) => x.code === "PT-CONT-006");
    if (!c) throw new Error("no case");
    const { spec, broken, framework } = caseReturn(c);
    const where = locate(spec, framework, 0, "V.1", "Start date");
    const acks = new SheetGrid(ACK_SHEET, true);
    ["Sheet", "Cell", "Code", "Justification", "By", "Date"].forEach((h, col) => acks.set(0, col, h));
    [where.sheet, cellAddress(where.row, where.col), "PT-CONT-006", "Pilot project started before the plan was adopted.", "Unit B2", "2026-11-02"].forEach((v, col) => acks.set(1, col, v));
    const validation = validateWorkbook([...gridsWith(spec, broken), acks].map((grid) => ({ grid })), catalogue);
    const reg = buildRegister([{ source: { file: "AT.xlsx", sha256: "x" }, validation }], catalogue);
    expect(reg.rows[0]?.note).toBe(`accepted warning: PT-CONT-006 ${cellAddress(where.row, where.col)} [V.1] — 'Pilot project started before the plan was adopted.'`);
  });
});

describe("a cycle only withheld parties sent", () => {
  it("is not in the public edition at all: its label is theirs", async () => {
    const { buildCombinedReport } = await import("../../../src/core/consolidation/report");
    const t = templateSpec("emn-ahq-2010", "NL", "initial", "Q3 secret round");
    const sheet = t.spec.sheets[0]?.name ?? "";
    const nl = validateWorkbook(gridsWith(t.spec, [...fillAll(t.spec, t.framework, t.party), { sheet, row: META_ROWS.dissemination, col: 1, value: "no" }]).map((grid) => ({ grid })), catalogue);
    const reg = buildRegister([returned("BE.xlsx", "emn-ahq-2010", "BE"), { source: { file: "NL.xlsx", sha256: "x" }, validation: nl }], catalogue);
    const pub = buildCombinedReport(reg, catalogue, { edition: "public" });
    expect(JSON.stringify(pub)).not.toContain("secret round");
    expect(JSON.stringify(buildCombinedReport(reg, catalogue, { edition: "internal" }))).toContain("Q3 secret round");
  });
});
