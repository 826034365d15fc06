import { readFileSync } from "node:fs";
import { join } from "node:path";
import { shippedCatalogue } from "../../../src/core/catalogue/builtin";
import { itemsOf, parseFramework, parsePartyLists, PARTY_UNKNOWN, FRAMEWORK_UNKNOWN, CATALOGUE_INVALID } from "../../../src/core/catalogue/catalogue";
import { catalogueFingerprint } from "../../../src/core/catalogue/fingerprint";
import { columnNote, hintNote, instructionsNote, isEuLevel, itemNote, listNote, partiesNote, periodNotice, restoredNote, roundNote, toolNote, unlabelled } from "../../../src/core/catalogue/provenance";
import type { Framework } from "../../../src/core/catalogue/schema";
import { CodedError } from "../../../src/core/errors/coded-error";
import { buildTemplate } from "../../../src/core/template/builder";
import { INSTRUCTIONS_ROW, META_ROWS, TABLE_HEADER_ROW } from "../../../src/core/template/layout";

const catalogue = shippedCatalogue();
/** The source documents, kept beside the catalogues that cite them. */
const SOURCES = join(__dirname, "..", "..", "..", "seeds", "sources");

/** Items per area, counted in the source documents. */
const EXPECTED_COUNTS: Record<string, Record<string, number>> = {
  "pact-2008": { I: 8, II: 8, III: 7, IV: 5, V: 8 },
  "prague-ap-2012": { I: 3, II: 4, III: 6, IV: 2, V: 4, VI: 3 },
  "prague-ap-2023": { I: 9, II: 7, III: 11, IV: 6, V: 9, VI: 11 },
  "prague-jd-2009": { "(f)": 11, "(g)": 11, "(h)": 8, "(i)": 5, "(j)": 11 },
  "emn-ahq-2010": { Q: 4 },
};

/** The reference form each framework uses, as the documents number things. */
const REF_PATTERNS: Record<Framework["kind"], { item: RegExp; sub: RegExp }> = {
  pact: { item: /^(I|II|III|IV|V)\([a-h]\)$/, sub: /^(I|II|III|IV|V)\([a-h]\)\.\d+$/ },
  "action-plan": { item: /^(I|II|III|IV|V|VI)\.\d+$/, sub: /^(I|II|III|IV|V|VI)\.\d+\([a-z]\)$/ },
  "joint-declaration": { item: /^\([f-j]\)\d+$/, sub: /^\([f-j]\)\d+\([a-z]\)$/ },
  "ad-hoc-query": { item: /^Q\d$/, sub: /^Q\d\([a-z]\)$/ },
};

function allTexts(fw: Framework): string[] {
  return [
    fw.title,
    ...(fw.politicalReport ? [fw.politicalReport.prompt] : []),
    ...fw.areas.flatMap((a) => [a.title, a.mainCommitment ?? "", ...a.items.flatMap((i) => [i.text, ...i.guidance, ...i.subitems.map((s) => s.text)])]),
  ].filter((t) => t.length > 0);
}

describe.each(catalogue.frameworks.map((fw) => [fw.id, fw] as const))("catalogue %s", (id, fw) => {
  it("has the item count per area the document has", () => {
    // An item answering others in one go (the EMN query's single response) is not one of the document's.
    const counts = Object.fromEntries(fw.areas.map((a) => [a.id, a.items.filter((i) => !i.covers).length]));
    expect(counts).toEqual(EXPECTED_COUNTS[id]);
  });

  it("uses the document's references, unique and in order", () => {
    const pattern = REF_PATTERNS[fw.kind];
    const refs = itemsOf(fw).map((x) => x.item.ref);
    expect(new Set(refs).size).toBe(refs.length);
    for (const { areaId, item } of itemsOf(fw)) {
      // A single response's reference names the first and last item it covers: Q1-4.
      expect(item.ref).toMatch(item.covers ? new RegExp(`^${item.covers[0] ?? "?"}-${(item.covers.at(-1) ?? "?").replace(/^\D+/, "")}$`) : pattern.item);
      expect(item.ref.startsWith(areaId)).toBe(true);
      item.subitems.forEach((s) => {
        expect(s.ref).toMatch(pattern.sub);
        expect(s.ref.startsWith(item.ref)).toBe(true);
      });
    }
    // Numbering restored where the extraction lost it: consecutive letters or numbers, none skipped.
    for (const area of fw.areas) {
      const ordinals = area.items.filter((i) => !i.covers).map((i) => i.ref.slice(area.id.length).replace(/[().]/g, ""));
      const expected = fw.kind === "pact" ? ordinals.map((_, k) => String.fromCharCode(97 + k)) : ordinals.map((_, k) => String(k + 1));
      expect(ordinals).toEqual(expected);
    }
  });

  it("cites a source for every area, item and sub-item", () => {
    for (const area of fw.areas) {
      expect(area.source.length).toBeGreaterThan(5);
      for (const item of area.items) {
        expect(item.source.length).toBeGreaterThan(5);
        item.subitems.forEach((s) => expect(s.source.length).toBeGreaterThan(5));
      }
    }
  });

  it("has clean text: no extraction artefacts", () => {
    for (const text of allTexts(fw)) {
      expect(text).not.toMatch(/\t/);
      expect(text).not.toMatch(/ {2}/);
      expect(text).not.toMatch(/ [,;:.](\s|$)/);
      expect(text).not.toMatch(/<\/?[a-z]+>/i);
      expect(text).not.toMatch(/^[-•·\u2022]/);
      expect(text).not.toMatch(/^([a-z]\)|\d+\.)\s/);
      expect(text).not.toMatch(/\*\*/);
    }
    for (const { item } of itemsOf(fw)) {
      expect(item.text).not.toMatch(/Please (also )?(report|provide)/);
    }
  });

  it("contains no word the source document split across a tab", () => {
    const source = readFileSync(join(SOURCES, fw.source.file ?? ""), "utf8");
    const splits = [...source.matchAll(/([A-Za-z]{1,})\t([a-z]{1,})/g)].map((m) => `${m[1]} ${m[2]}`);
    const joined = allTexts(fw).join("\n");
    for (const split of splits) {
      const [a, b] = split.split(" ");
      // "ca apacities" or "Lega al": a fragment pair that is not two real words of the document.
      const realPair = new RegExp(`\\b${a} ${b}\\b`).test(source.replace(/\t/g, "#"));
      if (!realPair) expect(joined).not.toContain(split);
    }
  });

  it("uses only words that occur in its source document", () => {
    const source = readFileSync(join(SOURCES, fw.source.file ?? ""), "utf8").toLowerCase();
    const words = new Set(source.match(/[a-z\u00c0-\u024f]+/g) ?? []);
    const itemTexts = itemsOf(fw).flatMap(({ item }) => [item.text, ...item.subitems.map((s) => s.text)]);
    const unknown = new Set<string>();
    for (const text of itemTexts) for (const w of text.toLowerCase().match(/[a-z\u00c0-\u024f]+/g) ?? []) if (!words.has(w)) unknown.add(w);
    expect([...unknown]).toEqual([]);
  });

  it("flags every guidance text that does not occur in the source as reconstructed, citing what does", () => {
    // The source with the extraction's tabs, markup and spaces before punctuation folded away.
    const fold = (t: string) => t.replace(/<\/?[a-z]+>/gi, "").replace(/\s+/g, " ").replace(/ ([,;.])/g, "$1");
    const source = fold(readFileSync(join(SOURCES, fw.source.file ?? ""), "utf8"));
    for (const { item } of itemsOf(fw)) {
      const verbatim = item.guidance.every((g) => source.includes(fold(g)));
      expect([item.ref, item.reconstructed?.part]).toEqual([item.ref, verbatim ? undefined : "guidance"]);
      if (item.reconstructed) {
        // The note quotes the fragment the source does carry, and the reconstruction keeps it.
        const fragments = [...item.reconstructed.note.matchAll(/"([^"…]+)"/g)].map((m) => m[1] ?? "");
        expect(fragments.some((f) => source.includes(f) && item.guidance.some((g) => g.includes(f)))).toBe(true);
      }
    }
  });

  it("cites, or labels as pact-tracker's own, every list, round, entry column, hint, instruction line and item that is not the document's text", () => {
    expect(unlabelled(fw)).toEqual([]);
    // Every label is a sentence saying why, and a cited one is not labelled too.
    for (const x of [...fw.lists, ...fw.rounds, ...fw.entryColumns, ...itemsOf(fw).map((i) => i.item)]) if (x.tool) expect(x.tool).toMatch(/^pact-tracker's\b.{20,}[.)]$/);
    for (const x of [...fw.lists, ...fw.rounds]) expect([x.id, Boolean(x.source && x.tool)]).toEqual([x.id, false]);
    for (const c of fw.entryColumns) expect([c.id, Boolean(c.hintSource && c.hintTool)]).toEqual([c.id, false]);
  });

  it("fails the provenance check when any one label is removed", () => {
    const labelled: ((f: Framework) => void)[] = [
      ...fw.lists.map((_, i) => (f: Framework) => { const l = f.lists[i]; if (l) { delete l.tool; delete l.source; } }),
      ...fw.rounds.map((_, i) => (f: Framework) => { const r = f.rounds[i]; if (r) { delete r.tool; delete r.source; } }),
      ...fw.entryColumns.map((c, i) => (f: Framework) => { const x = f.entryColumns[i]; if (x) { if (c.hint) { delete x.hintTool; delete x.hintSource; } else { delete x.tool; delete x.source; delete x.primary; } } }),
      ...(fw.instructions ? [(f: Framework) => { delete f.instructionsTool; }] : []),
      ...itemsOf(fw).filter(({ item }) => item.tool || item.restored).map(({ item }) => (f: Framework) => { const x = itemsOf(f).find((y) => y.item.ref === item.ref)?.item; if (x) { delete x.tool; delete x.restored; } }),
      ...itemsOf(fw).flatMap(({ item }) => item.subitems.filter((s) => s.restored).map((s) => (f: Framework) => { const x = itemsOf(f).flatMap((y) => y.item.subitems).find((y) => y.ref === s.ref); if (x) delete x.restored; })),
    ];
    expect(labelled.length).toBeGreaterThan(0);
    for (const remove of labelled) {
      const changed = structuredClone(fw);
      remove(changed);
      expect(unlabelled(changed).length).toBeGreaterThan(0);
    }
  });

  it("flags every number restored from the document's order, keeping the words in the source", () => {
    for (const { item } of itemsOf(fw)) {
      for (const x of [item, ...item.subitems]) {
        expect([x.ref, x.restored]).toEqual([x.ref, /number restored from order/.test(x.source) ? "number" : undefined]);
        expect(restoredNote(x)).toBe(x.restored ? "number restored from the document's order" : undefined);
      }
    }
  });

  it("has a stable fingerprint that changes with the content", () => {
    const fp = catalogueFingerprint(fw);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(catalogueFingerprint(structuredClone(fw))).toBe(fp);
    const changed = structuredClone(fw);
    const first = changed.areas[0]?.items[0];
    if (!first) throw new Error("no item");
    first.text = `${first.text} (amended)`;
    expect(catalogueFingerprint(changed)).not.toBe(fp);
  });
});

describe("Pact specifics", () => {
  const pact = catalogue.framework("pact-2008");
  it("keeps guidance prompts with their commitment and continuation paragraphs as sub-items", () => {
    const item = (ref: string) => itemsOf(pact).find((x) => x.item.ref === ref)?.item;
    expect(item("I(a)")?.guidance.join(" ")).toMatch(/labour migration legislation and\/or policy has been affected by the economic crisis/);
    expect(item("II(b)")?.guidance).toContain("Please report on bilateral agreements that you have concluded.");
    expect(item("II(b)")?.subitems.map((s) => s.text)).toContain("the effectiveness of EU readmission agreements will be evaluated;");
    expect(item("I(a)")?.text).toMatch(/^to invite Member States and the Commission to implement policies for labour migration, with due regard to the acquis communautaire/);
  });
  it("has the five main commitments and both entry columns", () => {
    expect(pact.areas.map((a) => a.mainCommitment)).toEqual([
      expect.stringMatching(/^Organise legal immigration/),
      expect.stringMatching(/^Control illegal immigration/),
      "Make border controls more effective",
      "Construct a Europe of asylum",
      expect.stringMatching(/^Create a comprehensive partnership/),
    ]);
    expect(pact.entryColumns.map((c) => c.header)).toEqual([
      "Main actions undertaken at Member State level",
      "Most significant developments planned at Member State level",
    ]);
  });
});

describe("reconstructed text", () => {
  const pact = catalogue.framework("pact-2008");
  const item = itemsOf(pact).find((x) => x.item.ref === "II(f)")?.item;
  it("is flagged in the catalogue and shown as such in the template's guidance cell", () => {
    expect(item?.reconstructed).toEqual({ part: "guidance", note: expect.stringContaining('"voluntary return has been affected by the economic"') });
    const sheet = buildTemplate({ framework: pact, party: catalogue.party(pact, "FR"), cycle: "2026", round: "initial" }).sheets.find((s) => s.role === "factual");
    const row = sheet?.cells.find((c) => c.col === 0 && c.value === "II(f)")?.row;
    const guidance = String(sheet?.cells.find((c) => c.row === row && c.style === "guidance")?.value);
    expect(guidance.split("\n")).toEqual([
      "Please also report on how your national policy on voluntary return has been affected by the economic crisis.",
      expect.stringMatching(/^\[This guidance is reconstructed from the source: the document's prompt survives only as the fragment .*COM\(2009\) 266 final, Annex, part II, area II, \(f\).*\]$/),
    ]);
    // Guidance the document carries whole is shown without a note.
    const other = sheet?.cells.find((c) => c.style === "guidance" && c.row !== row && c.value !== null);
    expect(String(other?.value)).not.toMatch(/reconstructed/);
  });
  it("is part of the fingerprint, so a template from before the flag is outdated", () => {
    const unflagged = structuredClone(pact);
    const same = itemsOf(unflagged).find((x) => x.item.ref === "II(f)")?.item;
    if (!same) throw new Error("no II(f)");
    delete same.reconstructed;
    expect(catalogueFingerprint(unflagged)).not.toBe(catalogueFingerprint(pact));
  });
});

describe("Prague and EMN specifics", () => {
  it("names the plan's timeframe and funding sources", () => {
    const ap = catalogue.framework("prague-ap-2012");
    expect(ap.timeframe).toEqual({ start: "2012-01-01", end: "2016-12-31" });
    expect(catalogue.framework("prague-ap-2023").timeframe?.end).toBe("2027-12-31");
  });
  it("asks about each funding source the 2012 plan names in a yes/no column of its own, citing the plan; the 2023 plan names none", () => {
    const ap = catalogue.framework("prague-ap-2012");
    const sources = ["European Union funds", "national funds of the Parties", "funds from other international institutions and organisations"];
    expect(ap.funding?.sources.map((f) => f.name)).toEqual(sources);
    const text = readFileSync(join(SOURCES, ap.source.file ?? ""), "utf8");
    expect(ap.funding?.source).toMatch(/Resource allocation – financing/);
    expect(text).toMatch(/financed through the following sources:\s+- European Union funds,\s+- national funds of the Parties,\s+- funds from other international institutions and organisations\./);
    for (const f of ap.funding?.sources ?? []) {
      const col = ap.entryColumns.find((c) => c.id === f.column);
      expect([col?.header, col?.type, col?.list, col?.source]).toEqual([`Funding: ${f.name}`, "list", "yesNo", ap.funding?.source]);
    }
    // Sources combine: no single funding dropdown, no source the plan does not name.
    expect(ap.lists.map((l) => l.id)).not.toContain("funding");
    const ap2023 = catalogue.framework("prague-ap-2023");
    expect(readFileSync(join(SOURCES, ap2023.source.file ?? ""), "utf8")).not.toMatch(/financed|funding|funds/i);
    expect([ap2023.funding, ap2023.entryColumns.filter((c) => /fund/i.test(c.header)), ap2023.instructions]).toEqual([undefined, [], expect.not.stringMatching(/fund/i)]);
    expect(() => parseFramework({ ...structuredClone(ap), funding: { source: "x source", sources: [{ name: "EU", column: "fundingMoon" }] } }, "f.json")).toThrow(/names no list column 'fundingMoon'/);
  });
  it("asks for impact where the documents do, citing them", () => {
    for (const [id, passage] of [["prague-ap-2012", /evaluate the impact of completed actions/], ["prague-jd-2009", /impact assessment for those elements which have already been implemented/]] as const) {
      const fw = catalogue.framework(id);
      const impact = fw.entryColumns.find((c) => c.id === "impact");
      expect([impact?.header, impact?.type, impact?.source]).toEqual(["Impact / results", "text", expect.stringMatching(passage)]);
      const sourceText = readFileSync(join(SOURCES, fw.source.file ?? ""), "utf8");
      expect(sourceText).toMatch(passage);
      expect(fw.instructions).toMatch(/impact/);
    }
    expect(catalogue.framework("pact-2008").entryColumns.map((c) => c.id)).not.toContain("impact");
  });
  it("keeps each Joint Declaration element's final punctuation, as its source line ends", () => {
    const jd = catalogue.framework("prague-jd-2009");
    const fold = (t: string) => t.replace(/<\/?[a-z]+>/gi, "").replace(/\*\*/g, "").replace(/\s+/g, " ").replace(/ ([,;.])/g, "$1");
    const source = fold(readFileSync(join(SOURCES, jd.source.file ?? ""), "utf8"));
    for (const { item } of itemsOf(jd)) {
      const at = source.indexOf(fold(item.text));
      // The text is the whole indent: it ends with the line's own punctuation, and the next indent or block follows.
      expect([item.ref, at >= 0, item.text.slice(-1), source.slice(at + fold(item.text).length, at + fold(item.text).length + 2)]).toEqual([item.ref, true, expect.stringMatching(/^[,.]$/), expect.stringMatching(/^ [-(]/)]);
    }
    expect(itemsOf(jd).filter(({ item }) => item.text.endsWith(".")).map(({ item }) => item.ref)).toEqual(["(f)11", "(g)11", "(h)8", "(j)11"]);
  });
  it("gives the Joint Declaration the document's title and date, and instructions naming only its columns", () => {
    const jd = catalogue.framework("prague-jd-2009");
    expect(jd.title).toMatch(/Draft Joint Declaration/);
    expect(jd.source.date).toBe("2009-02-11");
    expect(readFileSync(join(SOURCES, jd.source.file ?? ""), "utf8")).toMatch(/Brussels, 11 February 2009[\s\S]*REVISED NOTE\s+from: the Presidency[\s\S]*DRAFT JOINT DECLARATION/);
    const cells = buildTemplate({ framework: jd, party: catalogue.party(jd, "AT"), cycle: "2026", round: "initial" }).sheets[0]?.cells ?? [];
    const instruction = String(cells.find((c) => c.row === INSTRUCTIONS_ROW && c.col === 0)?.value);
    // The catalogue's line, labelled as the tool's wording, then the columns that are the tool's.
    expect(instruction.split("\n")).toEqual([`${jd.instructions ?? ""} (pact-tracker's wording)`, "Columns of pact-tracker's (the document does not ask for them): Participation, Status, Activities planned."]);
    expect(instruction).not.toMatch(/date|funding/i);
    const headers = cells.filter((c) => c.row === TABLE_HEADER_ROW).map((c) => c.value);
    expect(headers).toEqual(expect.arrayContaining(["Participation", "Status", "Activities undertaken", "Activities planned", "Impact / results"]));
    expect(headers.some((h) => /date|funding/i.test(String(h)))).toBe(false);
  });
  it("gives the EMN template the query's background, the block's closing request and the footnote's wording", () => {
    const ahq = catalogue.framework("emn-ahq-2010");
    const source = readFileSync(join(SOURCES, ahq.source.file ?? ""), "utf8").replace(/\s+/g, " ");
    expect(ahq.request).toMatchObject({ requestedBy: "Austria EMN NCP", date: "2010-07-26", definitions: [{ term: "Migration Partnership", meaning: "enhanced cooperation with certain countries of origin" }] });
    for (const text of [ahq.request?.background, ahq.request?.disclaimer, ahq.dissemination?.hint, ahq.areas[0]?.closing, ...(ahq.request?.definitions.map((d) => d.meaning) ?? [])]) expect(source).toContain(text?.replace(/\s+/g, " "));
    // The closing request belongs to the block, not to question 4.
    expect(itemsOf(ahq).flatMap(({ item }) => item.guidance)).toEqual([]);
    const sheet = buildTemplate({ framework: ahq, party: catalogue.party(ahq, "AT"), cycle: "2010", round: "initial" }).sheets[0];
    const cell = (row: number, col: number) => sheet?.cells.find((c) => c.row === row && c.col === col)?.value;
    expect(String(cell(INSTRUCTIONS_ROW, 0)).split("\n")).toEqual([
      "Requested by Austria EMN NCP on 26 July 2010.",
      // The background's own paragraphs stay lines of their own.
      ...`Background: ${ahq.request?.background ?? "?"}`.split("\n"),
      '"Migration Partnership": enhanced cooperation with certain countries of origin.',
      `${ahq.instructions ?? ""} (pact-tracker's wording)`,
    ]);
    expect(ahq.instructions).toMatch(/beyond other EMN NCPs/);
    const heading = sheet?.cells.find((c) => c.style === "areaHeading" && c.col === 1)?.value;
    expect(heading).toBe("Questions\nAny other additional information in this regard would be highly appreciated.");
    expect(sheet?.validations.find((v) => v.range.top === META_ROWS.dissemination)).toMatchObject({ prompt: expect.stringMatching(/^A default "Yes" is given .* disseminated beyond other EMN NCPs\.$/) });
    expect(cell(META_ROWS.dissemination, 2)).toBe("Wider Dissemination?");
    // The single response to all questions is a row of its own, after the questions.
    expect(itemsOf(ahq).map(({ item }) => [item.ref, item.covers ?? []])).toEqual([["Q1", []], ["Q2", []], ["Q3", []], ["Q4", []], ["Q1-4", ["Q1", "Q2", "Q3", "Q4"]]]);
    expect(() => parseFramework({ ...structuredClone(ahq), areas: [{ ...structuredClone(ahq.areas[0]), items: [...(ahq.areas[0]?.items.slice(0, 4) ?? []), { ...ahq.areas[0]?.items[4], covers: ["Q9"] }] }] }, "x.json")).toThrow(/'Q9' is not another item of area Q/);
  });
  it("carries the EMN dissemination choice and its standard sentence", () => {
    const ahq = catalogue.framework("emn-ahq-2010");
    expect(ahq.dissemination?.standardSentence).toBe(
      "This EMN NCP has provided a response to the requesting EMN NCP. However, they have requested that it is not disseminated further.",
    );
    expect(ahq.dissemination?.default).toBe("yes");
  });
});

describe("parties", () => {
  const pact = catalogue.framework("pact-2008");
  const prague = catalogue.framework("prague-ap-2012");
  const emn = catalogue.framework("emn-ahq-2010");
  it("lists the EU-27 of 2009 in protocol order with EU codes, and the Commission for the EU level", () => {
    const codes = catalogue.partiesOf(pact).map((p) => p.code);
    expect(codes).toEqual(["BE", "BG", "CZ", "DK", "DE", "EE", "IE", "EL", "ES", "FR", "IT", "CY", "LV", "LT", "LU", "HU", "MT", "NL", "AT", "PL", "PT", "RO", "SI", "SK", "FI", "SE", "UK", "EC"]);
    expect(pact.euLevel).toMatchObject({ party: "EC", source: expect.stringMatching(/at EU level and at Member State level for each of the commitments/) });
    expect(catalogue.party(pact, "Commission").code).toBe("EC");
  });
  it("lists the 51 Prague Process states of the 2011 plan and the Commission", () => {
    const parties = catalogue.partiesOf(prague);
    expect(parties).toHaveLength(52);
    expect(new Set(parties.map((p) => p.code)).size).toBe(52);
    expect(parties.at(-1)?.code).toBe("EC");
  });
  it("lists the EMN NCPs of 2010 (no Denmark)", () => {
    const codes = catalogue.partiesOf(emn).map((p) => p.code);
    expect(codes).toHaveLength(26);
    expect(codes).not.toContain("DK");
  });
  it("accepts codes and English names, case- and article-insensitive", () => {
    expect(catalogue.party(pact, "be").code).toBe("BE");
    expect(catalogue.party(pact, "Greece").code).toBe("EL");
    expect(catalogue.party(pact, "the netherlands").code).toBe("NL");
    expect(catalogue.party(pact, "Czechia").code).toBe("CZ");
    expect(catalogue.party(prague, "Russia").name).toMatch(/Russian Federation/);
    expect(catalogue.party(prague, "North Macedonia").code).toBe("MK");
    expect(catalogue.party(prague, "Kosovo").code).toBe("XK");
  });
  it("accepts ISO alpha-2 codes where the EU writes another, and ISO alpha-3 codes, in any case", () => {
    for (const [input, code] of [["GR", "EL"], ["gr", "EL"], ["GRC", "EL"], ["GB", "UK"], ["gbr", "UK"], ["DEU", "DE"], ["FRA", "FR"], ["AUT", "AT"], ["ROU", "RO"]] as const) {
      expect([input, catalogue.party(pact, input).code]).toEqual([input, code]);
    }
    for (const [input, code] of [["CHE", "CH"], ["MKD", "MK"], ["XKX", "XK"], ["GB", "UK"], ["SRB", "RS"]] as const) expect([input, catalogue.party(prague, input).code]).toEqual([input, code]);
    // A party's own code always wins; an ISO code of a party outside the framework is still refused.
    expect(catalogue.party(pact, "EL").code).toBe("EL");
    expect(() => catalogue.party(pact, "NOR")).toThrow(expect.objectContaining({ code: PARTY_UNKNOWN }));
    expect(() => catalogue.party(emn, "DNK")).toThrow(expect.objectContaining({ code: PARTY_UNKNOWN }));
  });
  it("every party of the shipped lists but the Commission has its alpha-3 code, and codes name one party each", () => {
    for (const fw of [pact, prague, catalogue.framework("prague-ap-2023"), emn]) {
      for (const p of catalogue.partiesOf(fw)) {
        if (p.code === "EC") expect(p.isoCodes).toEqual([]);
        else expect([p.code, p.isoCodes.filter((c) => c.length === 3)]).toEqual([p.code, [expect.stringMatching(/^[A-Z]{3}$/)]]);
        if (p.isoCodes.some((c) => c.length === 2)) expect(["EL", "UK"]).toContain(p.code);
      }
    }
    const list = (parties: unknown[]) => ({ schemaVersion: 1, lists: [{ id: "x", title: "X", source: "test", parties }] });
    expect(() => parsePartyLists(list([{ code: "EL", name: "Greece", isoCodes: ["GR"] }, { code: "GR", name: "Grenada" }]), "parties.json")).toThrow(/code 'GR' already names EL/);
    expect(() => parsePartyLists(list([{ code: "EL", name: "Greece", isoCodes: ["grc"] }]), "parties.json")).toThrow(/ISO codes are 2 or 3 capital letters/);
  });
  it("every party list cites its source, and every renaming too", () => {
    const lists = parsePartyLists(JSON.parse(readFileSync(join(SOURCES, "..", "parties.json"), "utf8")), "parties.json");
    expect(lists.map((l) => l.id)).toEqual(["eu27-2009", "eu27-2009-commission", "prague-process-2011", "prague-process-2023", "emn-ncp-2010"]);
    for (const list of lists) {
      expect([list.id, list.source.length > 20]).toEqual([list.id, true]);
      for (const r of list.renamed) expect([r.code, r.source.length > 20]).toEqual([r.code, true]);
    }
    for (const fw of catalogue.frameworks) expect(catalogue.partyListOf(fw).source.length).toBeGreaterThan(20);
  });
  it("the 2023-2027 plan has its own list: the same states, current names, former names as aliases", () => {
    const ap2023 = catalogue.framework("prague-ap-2023");
    const now = catalogue.partiesOf(ap2023);
    const then = catalogue.partiesOf(prague);
    expect(now.map((p) => p.code)).toEqual(then.map((p) => p.code));
    const name = (code: string) => now.find((p) => p.code === code)?.name;
    expect([name("MK"), name("TR"), name("CZ")]).toEqual(["North Macedonia", "Türkiye", "Czech Republic"]);
    expect(catalogue.partyListOf(ap2023).renamed.map((r) => [r.code, r.name, r.source])).toEqual([
      ["MK", "North Macedonia", expect.stringMatching(/Prespa.*12 February 2019/)],
      ["TR", "Türkiye", expect.stringMatching(/1 June 2022/)],
    ]);
    // Former names (what an older template prints) still resolve, as do the new ones typed without accents.
    for (const [input, code] of [["Former Yugoslav Republic of Macedonia", "MK"], ["FYROM", "MK"], ["Turkey", "TR"], ["Turkiye", "TR"], ["Czechia", "CZ"], ["MKD", "MK"]] as const) {
      expect([input, catalogue.party(ap2023, input).code]).toEqual([input, code]);
    }
    // A 2023-2027 template prints the current name, even when the user typed the former one.
    for (const [typed, printed] of [["Former Yugoslav Republic of Macedonia", "North Macedonia"], ["Turkey", "Türkiye"]] as const) {
      const cells = buildTemplate({ framework: ap2023, party: catalogue.party(ap2023, typed), cycle: "2026", round: "initial" }).sheets[0]?.cells ?? [];
      expect(cells.find((c) => c.row === META_ROWS.party && c.col === 1)?.value).toBe(printed);
      expect(String(cells.find((c) => c.row === 0 && c.col === 0)?.value)).toMatch(new RegExp(`— ${printed}$`));
    }
    // The 2012-2016 plan keeps the names of 2011.
    expect(then.find((p) => p.code === "MK")?.name).toBe("the former Yugoslav Republic of Macedonia");
    // The 2011 plan's spelling is the name; the spelling of earlier catalogues still resolves.
    expect(readFileSync(join(SOURCES, prague.source.file ?? ""), "utf8")).toContain("Luxembourg, the former Yugoslav Republic of Macedonia, Malta");
    for (const input of ["Former Yugoslav Republic of Macedonia", "the former Yugoslav Republic of Macedonia", "FYROM", "North Macedonia"]) expect([input, catalogue.party(prague, input).code]).toEqual([input, "MK"]);
    expect(catalogue.party(prague, "Türkiye").name).toBe("Turkey");
  });
  it("refuses a dated list based on no earlier list, or renaming a party its base does not have", () => {
    const base = { id: "a", title: "A", source: "test source", parties: [{ code: "TR", name: "Turkey" }] };
    const file = (renamed: unknown, basedOn = "a") => ({ schemaVersion: 1, lists: [base, { id: "b", title: "B", source: "test source", basedOn, renamed }] });
    expect(() => parsePartyLists(file([{ code: "TR", name: "Türkiye", source: "UN 2022" }], "z"), "p.json")).toThrow(/based on 'z'/);
    expect(() => parsePartyLists(file([{ code: "XX", name: "X", source: "UN 2022" }]), "p.json")).toThrow(/renames 'XX'/);
    expect(parsePartyLists(file([{ code: "TR", name: "Türkiye", source: "UN 2022" }]), "p.json")[1]?.parties).toEqual([expect.objectContaining({ code: "TR", name: "Türkiye", aliases: ["Turkey"], isoCodes: [] })]);
  });
  it("refuses a party that is not in the framework, with a code, naming the ISO codes accepted", () => {
    expect(() => catalogue.party(pact, "Norway")).toThrow(expect.objectContaining({ code: PARTY_UNKNOWN }));
    expect(() => catalogue.party(pact, "Norway")).toThrow("'Norway' is not a party of pact-2008 (use a code such as BE, BG, CZ; ISO codes also work: GR and GRC for EL, GB and GBR for UK, BEL for BE; or an English name)");
    expect(() => catalogue.party(emn, "Denmark")).toThrow(CodedError);
  });
});

describe("provenance labels", () => {
  const ap = catalogue.framework("prague-ap-2012");
  const pact = catalogue.framework("pact-2008");
  const emn = catalogue.framework("emn-ahq-2010");
  const col = (fw: Framework, id: string) => fw.entryColumns.find((c) => c.id === id) ?? { tool: undefined, hint: undefined, hintTool: undefined };
  it("gives the short visible label of what is pact-tracker's, and nothing for what is the document's", () => {
    expect(ap.lists.map((l) => [l.id, listNote(l)])).toEqual([["yesNo", "pact-tracker's list"], ["status", "pact-tracker's list"]]);
    expect(ap.lists.find((l) => l.id === "status")?.tool).toMatch(/defines no status values; "not started \/ planned \/ ongoing \/ completed \/ not applicable" are the tool's/);
    expect(emn.lists.map((l) => listNote(l))).toEqual([undefined]);
    expect(ap.rounds.map((r) => roundNote(r))).toEqual(["a round of pact-tracker's", "a round of pact-tracker's"]);
    expect(ap.rounds[0]?.tool).toMatch(/on an annual basis at the Senior Officials' Meetings/);
    expect(pact.rounds.map((r) => [roundNote(r), r.source])).toEqual([[undefined, expect.stringMatching(/mid-November/)], [undefined, expect.stringMatching(/mid-January 2010/)]]);
    expect(emn.rounds.map((r) => [r.label, roundNote(r)])).toEqual([["Response", undefined], ["Updated response", "a round of pact-tracker's"]]);
    expect([columnNote(col(ap, "participation")), hintNote(col(ap, "participation")), col(ap, "participation").hint]).toEqual(["pact-tracker's column", "pact-tracker's hint", "Does your state take part in this action?"]);
    expect([columnNote(col(ap, "actions")), columnNote(col(ap, "impact")), hintNote(col(ap, "impact"))]).toEqual([undefined, undefined, undefined]);
    expect([instructionsNote(ap), instructionsNote(pact), instructionsNote({ instructions: "As the document says." })]).toEqual(["pact-tracker's wording", "pact-tracker's wording", undefined]);
    const q14 = itemsOf(emn).find((x) => x.item.ref === "Q1-4")?.item;
    expect([itemNote(q14 ?? {}), q14?.tool, itemNote(itemsOf(emn)[0]?.item ?? { tool: "x" })]).toEqual(["pact-tracker's row", expect.stringMatching(/single response to all of them/), undefined]);
    expect([toolNote({ tool: "pact-tracker's: why." }, "list"), toolNote({}, "round")]).toEqual(["pact-tracker's list", undefined]);
  });
  it("refuses nothing at load time: an unlabelled catalogue loads, and the check names what is unlabelled", () => {
    const fw = structuredClone(ap);
    delete fw.instructionsTool;
    delete fw.lists[1]?.tool;
    delete fw.entryColumns[0]?.hintTool;
    const { rounds: _rounds, ...withoutRounds } = fw;
    const loaded = parseFramework(withoutRounds, "old.json");
    // A catalogue without rounds gets pact-tracker's default rounds, labelled as such.
    expect(loaded.rounds.map((r) => roundNote(r))).toEqual(["a round of pact-tracker's", "a round of pact-tracker's"]);
    expect(unlabelled(loaded)).toEqual(["lists.status", "entryColumns.participation.hint", "instructions"]);
  });
  it("says whose party list a framework uses where its document gives none", () => {
    expect(catalogue.frameworks.map((fw) => [fw.id, partiesNote(fw) !== undefined])).toEqual([
      ["pact-2008", false], ["prague-ap-2012", false], ["prague-ap-2023", true], ["prague-jd-2009", true], ["emn-ahq-2010", false],
    ]);
    const jd = catalogue.framework("prague-jd-2009");
    expect(partiesNote(jd)).toBe("Participants as of the 2011 Poznan list (Prague Process Action Plan 2012–2016): the draft declaration names only “Albania; Austria,.... and the European Commission”.");
    expect(readFileSync(join(SOURCES, jd.source.file ?? ""), "utf8")).toContain("Albania; Austria,.... and the European Commission");
    expect(partiesNote(catalogue.framework("prague-ap-2023"))).toMatch(/^Participants as of the 2011 Poznan list .*names no participating states\.$/);
  });
});

describe("the EU level", () => {
  const pact = catalogue.framework("pact-2008");
  const source = readFileSync(join(SOURCES, pact.source.file ?? ""), "utf8").replace(/\t+/g, " — ").replace(/[ ]+/g, " ");
  it("has the Commission's own timetable in the document's words, with no due day", () => {
    expect(pact.euLevel?.timetable?.text).toBe("from November — To start preparing the annual report as regards implementation at EU level; mid-April — To adopt and present the annual report.");
    for (const line of ["from November — To start preparing the annual report as regards implementation at EU level", "mid-April — To adopt and present the annual report"]) {
      expect(source).toContain(line);
      expect(pact.euLevel?.timetable?.source).toContain(line);
    }
    expect(pact.euLevel?.timetable).not.toHaveProperty("month");
  });
  it("has a political-report prompt addressed to the Commission, built from section 2's words", () => {
    const words = "a short summary political report highlighting the main developments over the reporting period and the most significant developments planned, at both EU and Member State levels, and any recommendations suggested by the Commission";
    expect(source).toContain(words);
    expect(pact.euLevel?.politicalReport?.prompt).toBe(`Please give ${words}.`);
    expect(pact.euLevel?.politicalReport?.source).toMatch(/adapted from section 2/);
  });
  it("tells the EU-level party of a framework", () => {
    expect([isEuLevel(pact, "EC"), isEuLevel(pact, "ec"), isEuLevel(pact, catalogue.party(pact, "Commission")), isEuLevel(pact, "FR")]).toEqual([true, true, true, false]);
    const ap = catalogue.framework("prague-ap-2012");
    expect(isEuLevel(ap, catalogue.party(ap, "EC"))).toBe(false);
  });
});

describe("period notice", () => {
  const ap = catalogue.framework("prague-ap-2012");
  it("says when a plan is run for a cycle outside its period", () => {
    expect(periodNotice(ap, "2026")).toBe("Cycle 2026 is outside the plan's period (2012–2016).");
    expect(periodNotice(ap, "H1 2026")).toBe("Cycle H1 2026 is outside the plan's period (2012–2016).");
    expect(periodNotice(ap, "2010-2011")).toBe("Cycle 2010-2011 is outside the plan's period (2012–2016).");
    expect(periodNotice(catalogue.framework("prague-ap-2023"), "2028")).toBe("Cycle 2028 is outside the plan's period (2023–2027).");
  });
  it("says nothing inside the period, for a label without a year, or for a framework without a period", () => {
    for (const cycle of ["2012", "2016", "H2 2014", "2016-2017", "2014/15", "H1"]) expect([cycle, periodNotice(ap, cycle)]).toEqual([cycle, undefined]);
    expect(periodNotice(catalogue.framework("pact-2008"), "2030")).toBeUndefined();
    expect(periodNotice({ kind: "joint-declaration", timeframe: { start: "2009-04-28", end: "2011-11-04" } }, "2012")).toBe("Cycle 2012 is outside the framework's period (2009–2011).");
  });
});

describe("loading", () => {
  it("refuses an unknown framework with a code", () => {
    expect(() => catalogue.framework("stockholm-2010")).toThrow(expect.objectContaining({ code: FRAMEWORK_UNKNOWN }));
  });
  it("refuses an invalid framework file, naming the file and the field", () => {
    const broken = { ...structuredClone(catalogue.framework("pact-2008")), areas: [] };
    try {
      parseFramework(broken, "next-year.json");
      throw new Error("accepted");
    } catch (e) {
      expect(e).toBeInstanceOf(CodedError);
      expect((e as CodedError).code).toBe(CATALOGUE_INVALID);
      expect((e as CodedError).describe()).toMatch(/next-year\.json.*areas/);
    }
  });
  it("refuses tab characters and duplicate references in a framework file", () => {
    const fw = structuredClone(catalogue.framework("prague-ap-2012"));
    const area = fw.areas[0];
    if (!area?.items[0] || !area.items[1]) throw new Error("no items");
    area.items[1].ref = area.items[0].ref;
    expect(() => parseFramework(fw, "dup.json")).toThrow(/used twice/);
    const tabbed = structuredClone(catalogue.framework("prague-ap-2012"));
    const item = tabbed.areas[0]?.items[0];
    if (!item) throw new Error("no item");
    item.text = "Lega\tal immigration";
    expect(() => parseFramework(tabbed, "tab.json")).toThrow(/tab characters/);
  });
});
