import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { EDITION_PAGE_TEXT, buildCombinedReport, type Edition } from "../../src/core/consolidation/report";
import type { SheetSpec, WorkbookSpec } from "../../src/core/template/spec";
import { writeSpecToFile } from "../../src/xlsx/write-spec-file";
import { generatedReturn, registerOf, seeded, type GeneratedReturn } from "../support/consolidation";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { hasSoffice, sofficeProfile, tempDir, toolAvailable } from "../support/tools";

/**
 * Both editions of a combined report of many parties, and a filled return of every framework, as
 * they come out of a printer: LibreOffice turns each file into a PDF (one soffice call for all), and
 * every page is read with poppler's pdftotext.
 *
 * Text size: `pdftotext -bbox-layout` gives each word's box; its height is the font size times the
 * font's ascent plus descent. That factor is measured on a calibration file converted in the same
 * call — one 10 pt cell printed at 100 % — so a word's size is its height × 10 / the calibration
 * word's height. The smallest word on every page must print at 8 pt or more (10 pt cells at 80 %),
 * less 0.1 pt for the rounding of LibreOffice's fitted scale.
 *
 * Every page also says which edition it is (a template: whose return it is) and "Page N of M".
 */

const MIN_PT = 8 - 0.1;
const dir = tempDir("print-size");

interface Word {
  readonly height: number;
  readonly text: string;
}

/** Each page's words with their box heights, as pdftotext -bbox-layout gives them. */
function pageWords(pdf: string): Word[][] {
  const xml = execFileSync("pdftotext", ["-bbox-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  return [...xml.matchAll(/<page [^>]*>([\s\S]*?)<\/page>/g)].map(([, page]) =>
    [...(page ?? "").matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ height: Number(m[2]) - Number(m[1]), text: m[3] ?? "" })),
  );
}

/** Each page's text (pdftotext separates pages with a form feed). */
function pageTexts(pdf: string): string[] {
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  return text.split("\f").slice(0, -1);
}

/** A template with every entry filled, as a ministry prints its return for sign-off. */
function filledTemplate(frameworkId: string): WorkbookSpec {
  const framework = catalogue.framework(frameworkId);
  const party = catalogue.partiesOf(framework)[1];
  if (!party) throw new Error(`${frameworkId} has no second party`);
  const { spec } = templateSpec(frameworkId, party.code);
  const edits = new Map(fillAll(spec, framework, party).map((e) => [`${e.sheet}\u0000${e.row}:${e.col}`, e.value]));
  return {
    ...spec,
    sheets: spec.sheets.map((s): SheetSpec => ({ ...s, cells: s.cells.map((c) => { const k = `${s.name}\u0000${c.row}:${c.col}`; return edits.has(k) ? { ...c, value: edits.get(k) ?? null } : c; }) })),
  };
}

/** Returns of the Pact and an action plan from many parties, and of an ad-hoc query where some say no to wider dissemination. */
function combinedReturns(): GeneratedReturn[] {
  const rand = seeded(7);
  const out: GeneratedReturn[] = [];
  for (const [fwId, count] of [["pact-2008", 12], ["prague-ap-2023", 12], ["emn-ahq-2010", 8]] as const) {
    const fw = catalogue.framework(fwId);
    const first = fw.areas[0]?.items[0]?.ref ?? "";
    catalogue.partiesOf(fw).slice(0, count).forEach((p, i) => {
      out.push(generatedReturn(`${fwId}-${p.code}.xlsx`, fwId, p.code, { rand, ...(fw.dissemination ? { dissemination: i % 3 === 0 ? "no" : "yes" } : {}), blankRefs: i % 4 === 1 ? [first] : [] }));
    });
  }
  return out;
}

/** One 10 pt cell printed at 100 %: the word height of 10 pt text. */
const CALIBRATION: WorkbookSpec = {
  title: "calibration",
  subject: "",
  definedNames: [],
  sheets: [{ name: "c", role: "report", hidden: false, columnWidths: [30], cells: [{ row: 0, col: 0, value: "Calibration", style: "reportText" }], merges: [], validations: [], protect: false, print: { titleRows: { first: 0, last: 0 }, scale: 100 } }],
};

const hasPoppler = (): boolean => toolAvailable("pdftotext", ["-v"]);

// Without LibreOffice or poppler the suite is skipped, visibly (CI installs both: .ci/run).
const printable = hasSoffice() && hasPoppler();

(printable ? describe : describe.skip)("every page of the combined report and of a filled return prints at 8 pt or more, and says what it is", () => {
  const files: { name: string; spec: WorkbookSpec; says: string }[] = [];
  const measured = new Map<string, { sizes: number[]; texts: string[] }>();

  beforeAll(async () => {
    const register = registerOf(combinedReturns());
    for (const edition of ["internal", "public"] as Edition[]) {
      files.push({ name: `report-${edition}`, spec: buildCombinedReport(register, catalogue, { edition, generatedAt: "2026-11-20T10:00:00Z" }), says: EDITION_PAGE_TEXT[edition] });
    }
    for (const fwId of ["pact-2008", "prague-ap-2012", "prague-ap-2023", "prague-jd-2009", "emn-ahq-2010"]) {
      const party = catalogue.partiesOf(catalogue.framework(fwId))[1];
      files.push({ name: `template-${fwId}`, spec: filledTemplate(fwId), says: `${party?.name} (${party?.code})` });
    }
    const all = [{ name: "calibration", spec: CALIBRATION }, ...files];
    for (const f of all) await writeSpecToFile(f.spec, join(dir, `${f.name}.xlsx`));
    const profile = sofficeProfile();
    const r = spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...all.map((f) => join(dir, `${f.name}.xlsx`))], { stdio: "pipe", timeout: 170000 });
    if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr.toString()}`);
    const calibration = pageWords(join(dir, "calibration.pdf"))[0]?.find((w) => w.text === "Calibration");
    if (!calibration) throw new Error("no calibration word");
    const perPt = calibration.height / 10;
    for (const f of files) {
      const pdf = join(dir, `${f.name}.pdf`);
      measured.set(f.name, { sizes: pageWords(pdf).map((words) => Math.min(...words.map((w) => w.height / perPt))), texts: pageTexts(pdf) });
    }
    // What a reader of this test's log wants to know: pages and the smallest size of each file.
    console.log([...measured].map(([n, m]) => `${n}: ${m.sizes.length} pages, smallest ${Math.min(...m.sizes).toFixed(1)} pt`).join("\n"));
  }, 180000);

  it("prints no page of any file below 8 pt", () => {
    expect(measured.size).toBe(files.length);
    for (const f of files) {
      const m = measured.get(f.name);
      expect(m?.sizes.length).toBeGreaterThan(0);
      m?.sizes.forEach((pt, i) => expect({ file: f.name, page: i + 1, ok: pt >= MIN_PT, pt: Math.round(pt * 10) / 10 }).toMatchObject({ file: f.name, page: i + 1, ok: true }));
    }
  });

  it("heads every page with its edition (a return: its party) and numbers it 'Page N of M'", () => {
    expect(measured.size).toBe(files.length);
    for (const f of files) {
      const texts = measured.get(f.name)?.texts ?? [];
      texts.forEach((t, i) => {
        const page = /Page (\d+) of (\d+)/.exec(t);
        expect({ file: f.name, page: i + 1, edition: t.includes(f.says), numbered: page !== null && Number(page[1]) <= Number(page[2]) }).toEqual({ file: f.name, page: i + 1, edition: true, numbered: true });
      });
    }
  });

  it("marks every page of the internal edition as not for circulation, and no page of the public one", () => {
    expect(measured.size).toBe(files.length);
    expect(measured.get("report-public")?.texts.some((t) => t.includes(EDITION_PAGE_TEXT.internal))).toBe(false);
    expect(measured.get("report-internal")?.texts.every((t) => t.includes(EDITION_PAGE_TEXT.internal))).toBe(true);
  });
});
