import type { Framework, Party } from "../../catalogue/schema";
import type { CellValue, SheetSpec } from "../../template/spec";
import type { PartyResponse } from "../party-response";
import type { Register } from "../register";
import { EDITION_LABEL, type Edition } from "./headings";
import { longDate } from "../../catalogue/timetable";
import { frameworkLegend } from "./party-rows";
import { Sheet, cutToExcel, widthsOf, type Column } from "./sheet-toolkit";
import { isShown, type Unit } from "./units";

/** The EMN ad-hoc query's compilation "as published": one row per country, one response box each. */

/** The sections of an EMN compilation, numbered as the published ones are (the 2010 seed: "1. Background Information", "2. Responses"). */
const SECTIONS = { background: "1. Background Information", responses: "2. Responses" } as const;

/** "26th July 2010": a day as the EMN's compilations write it. */
export function ordinalDate(iso: string): string {
  const day = Number(iso.slice(8, 10));
  const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
  return longDate(iso).replace(/^\d+/, `${day}${suffix}`);
}

/** A cell's text, whatever it holds. */
function textOf(v: CellValue | undefined): string {
  if (v === undefined || v === null) return "";
  return typeof v === "object" ? v.date : String(v);
}

/** "1." for Q1: the number the published compilation puts before an answer. */
const answerNumber = (ref: string): string => `${ref.replace(/^\D+/, "")}.`;

/**
 * A party's answers as one response box, as the published compilation prints them: the single
 * response to all questions as written, or the answers to each, numbered "1. … 2. …", on lines of their own.
 */
function responseBox(fw: Framework, response: PartyResponse | undefined): string {
  const answer = (ref: string): string => textOf(response?.entries.get(ref)?.get(fw.entryColumns[0]?.id ?? "")?.value).trim();
  const items = fw.areas.flatMap((a) => a.items);
  const parts = items.filter((i) => !i.covers && answer(i.ref)).map((i) => `${answerNumber(i.ref)} ${answer(i.ref)}`);
  for (const single of items.filter((i) => i.covers && answer(i.ref))) {
    const label = `${answerNumber(single.covers?.[0] ?? "")}–${answerNumber(single.covers?.at(-1) ?? "")}`;
    parts.push(parts.length ? `${label} ${answer(single.ref)}` : answer(single.ref));
  }
  return parts.join("\n");
}

/**
 * An ad-hoc query's compilation in the layout the EMN publishes: who asked and when, when it was
 * compiled, who responded, the disclaimer; then one row per country (alphabetical, as published)
 * with its dissemination choice and one response box for all questions. In the public edition a
 * withheld country's box holds the standard sentence and nothing of what it wrote.
 */
export function publishedSheet(unit: Unit, register: Register, edition: Edition, generatedAt: string | undefined, name: string): SheetSpec {
  const fw = unit.framework;
  const { request, dissemination } = fw;
  if (!request || !dissemination) throw new Error(`${fw.id} has no request or dissemination choice to compile as published`);
  const s = new Sheet();
  const published = new Set(register.presence.filter((p) => p.framework.id === fw.id && p.cycle === unit.cycle && p.publishable).map((p) => p.party.code));
  const parties = [...unit.parties].sort((a, b) => a.name.localeCompare(b.name, "en"));
  const questions = fw.areas.flatMap((a) => a.items.filter((i) => !i.covers));
  const numbers = [questions[0], questions.at(-1)].map((i) => answerNumber(i?.ref ?? ""));
  const columns: Column<Party>[] = [
    { header: "Country", width: 24, style: "matrixCell", value: (p) => p.name },
    { header: dissemination.question, width: 16, style: "matrixCell", value: (p) => (published.has(p.code) ? "Yes" : "No") },
    {
      header: `Response (${numbers[0] === numbers[1] ? numbers[0] : numbers.join("–")})`,
      width: 110,
      style: "reportText",
      value: (p) => (isShown(unit, p) ? cutToExcel(responseBox(fw, unit.byParty.get(p.code)?.get("questionnaire"))) : dissemination.standardSentence) || null,
    },
  ];
  const width = columns.length;
  s.line([fw.source.title], "title");
  s.legend(`${EDITION_LABEL[edition]} — compilation as published. ${frameworkLegend(fw, unit.cycle, unit.chosen)}`, width);
  // The opening lines, worded and dated as the EMN's compilations print them ("on 26th July 2010", "(18 in Total)").
  for (const line of [
    `Requested by ${request.requestedBy} on ${ordinalDate(request.date)}`,
    `Compilation produced on ${generatedAt ? ordinalDate(generatedAt.slice(0, 10)) : "(date not given)"}`,
    `Responses from ${parties.map((p) => p.name).join(", ")} (${parties.length} in Total)`,
    `Disclaimer: ${request.disclaimer}`,
  ]) s.legend(line, width);
  s.row++;
  s.spanned([SECTIONS.background], "areaHeading", 0, width - 1);
  s.legend(request.background, width);
  s.row++;
  s.spanned([SECTIONS.responses], "areaHeading", 0, width - 1);
  s.legend(fw.areas.flatMap((a) => [...a.items.filter((i) => !i.covers).map((i) => `${answerNumber(i.ref)} ${i.text}`), ...(a.closing ? [a.closing] : [])]).join("\n"), width);
  const headerRow = s.headings(columns);
  for (const party of parties) s.tableRow(columns, party);
  return s.spec(name, widthsOf(columns), { headerRow, freeze: { rows: headerRow + 1, cols: 1 } });
}
