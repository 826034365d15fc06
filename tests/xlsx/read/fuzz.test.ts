import { deflateSync, strFromU8, strToU8, unzipSync } from "fflate";
import { crc32 } from "../../../src/xlsx/read/crc32";
import { filledReturn } from "./helpers/returns";
import { writeZip, type RawEntry } from "./helpers/zip-writer";
import { mulberry32 } from "../../support/mulberry32";
import { READER_PATHS } from "./helpers/reader-paths";

/**
 * Mutation fuzz: seeded damage to valid returns. The reader must either return or throw a
 * CodedError, never anything else and never hang. FUZZ_CASES (default 300) and FUZZ_SEED set
 * the run, e.g. `FUZZ_CASES=20000 FUZZ_SEED=7 npx jest tests/xlsx/read/fuzz`.
 */

const CASES = Number(process.env.FUZZ_CASES ?? 300);
/**
 * The browser path (helpers/reader-paths.ts: no Node natives) runs the first of the same seeded
 * cases, fewer of them by default to keep the run short: FUZZ_BROWSER_CASES, default 100.
 */
const BROWSER_CASES = Math.min(CASES, Number(process.env.FUZZ_BROWSER_CASES ?? 100));
const SEED = Number(process.env.FUZZ_SEED ?? 20260331);
/** Per case; a case that takes longer is a hang for our purposes. */
const CASE_MS = 5000;


const XML_JUNK = [
  "<",
  ">",
  "&",
  "&lol;",
  '"',
  "]]>",
  "<![CDATA[",
  "\u0000",
  "\uFFFF",
  "<!DOCTYPE x>",
  '<row r="0">',
  '<c r="XFE1"><v>1</v></c>',
  '<c t="s"><v>99999999</v></c>',
  '<c t="b"><v>2</v></c>',
  '<c t="d"><v>2026-02-30</v></c>',
  '<c s="9999999"><v>1e400</v></c>',
  '<col min="0" max="99999" hidden="1"/>',
  '<sheet name="x" r:id="rId999"/>',
  '<definedName name="n" localSheetId="99">A1</definedName>',
  "</sheetData>",
  "<row>",
  "_x0000_",
  'r="A1048577"',
  // Details: formulas, merges, hyperlinks and relationships the sheet may or may not have.
  '<f t="shared" si="7"/>',
  "<f>SUM(A1:A9)</f>",
  '<c t="e"><v>#DIV/0!</v></c>',
  '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
  '<hyperlinks><hyperlink ref="A1:XFD1048576" r:id="rId1" location="S!A1"/></hyperlinks>',
  '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/>',
];

interface Mutation {
  readonly name: string;
  apply(bytes: Uint8Array, entries: RawEntry[], r: () => number): Uint8Array;
}

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)] as T;
const int = (n: number, r: () => number): number => Math.floor(r() * n);

function mutateText(s: string, r: () => number): string {
  const at = int(s.length + 1, r);
  switch (int(4, r)) {
    case 0:
      return s.slice(0, at) + pick(XML_JUNK, r) + s.slice(at);
    case 1:
      return s.slice(0, at) + s.slice(at + 1 + int(40, r));
    case 2: {
      const len = int(200, r);
      return s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    }
    default:
      return s.slice(0, at) + String.fromCharCode(int(0x250, r)) + s.slice(at + 1);
  }
}

const MUTATIONS: readonly Mutation[] = [
  {
    name: "flip bytes",
    apply: (b, _, r) => {
      const out = b.slice();
      for (let i = 1 + int(8, r); i > 0; i--) out[int(out.length, r)] = int(256, r);
      return out;
    },
  },
  { name: "truncate", apply: (b, _, r) => b.slice(0, int(b.length, r)) },
  {
    name: "cut a range",
    apply: (b, _, r) => {
      const at = int(b.length, r);
      const out = new Uint8Array(b.length);
      out.set(b.subarray(0, at));
      const rest = b.subarray(at + 1 + int(500, r));
      out.set(rest, at);
      return out.slice(0, at + rest.length);
    },
  },
  { name: "remove an entry", apply: (_, e, r) => writeZip(e.filter((_x, i) => i !== int(e.length, r))) },
  {
    name: "swap two entries' contents",
    apply: (_, e, r) => {
      const i = int(e.length, r);
      const j = int(e.length, r);
      const content = ({ name: _n, ...rest }: RawEntry): Omit<RawEntry, "name"> => rest;
      const [a, b] = [e[i], e[j]];
      if (!a || !b) return writeZip(e);
      return writeZip(e.map((x, k) => (k === i ? { name: x.name, ...content(b) } : k === j ? { name: x.name, ...content(a) } : x)));
    },
  },
  { name: "duplicate an entry", apply: (_, e, r) => writeZip([...e, pick(e, r)]) },
  {
    name: "damage an XML part",
    apply: (_, e, r) => {
      const i = int(e.length, r);
      return writeZip(
        e.map((x, k) => {
          if (k !== i) return x;
          let text = strFromU8(x.data as Uint8Array);
          for (let n = 1 + int(4, r); n > 0; n--) text = mutateText(text, r);
          return { name: x.name, data: strToU8(text), method: r() < 0.5 ? 0 : 8 };
        }),
      );
    },
  },
  {
    name: "flip bytes in a stored zip",
    apply: (_, e, r) => {
      const out = writeZip(e.map((x) => ({ name: x.name, data: x.data, method: 0 })));
      for (let i = 1 + int(4, r); i > 0; i--) out[int(out.length, r)] = int(256, r);
      return out;
    },
  },
];

let seeds: { bytes: Uint8Array; entries: RawEntry[] }[];

beforeAll(async () => {
  const returns = await Promise.all([filledReturn("prague-ap-2012"), filledReturn("pact-2008")]);
  // Entries keep their compressed form so rezipping an unchanged entry costs nothing.
  const entry = (name: string, data: Uint8Array): RawEntry => ({ name, data, compressed: deflateSync(data), declaredSize: data.length, crc: crc32(0, data) });
  seeds = returns.map(({ bytes }) => ({ bytes, entries: Object.entries(unzipSync(bytes)).map(([name, data]) => entry(name, data)) }));
});

describe.each(READER_PATHS.map((path) => ({ path, name: path.name, cases: path.name === "browser" ? BROWSER_CASES : CASES })))("$name path", ({ path, cases }) => {
  const { readWorkbook, CodedError } = path;

  it(`${cases} seeded mutations (seed ${SEED}) either read or are refused with a code`, () => {
    const r = mulberry32(SEED);
    const failures: string[] = [];
    const outcomes = new Map<string, number>();
    let slowest = 0;
    for (let i = 0; i < cases; i++) {
      const seed = pick(seeds, r);
      const mutation = pick(MUTATIONS, r);
      const bytes = mutation.apply(seed.bytes, seed.entries, r);
      const started = performance.now();
      let outcome: string;
      try {
        const wb = readWorkbook(bytes, "fuzz.xlsx");
        const odd = wb.sheets.flatMap((s) => [...s.grid.cells()]).find((c) => !["string", "number", "boolean", "object"].includes(typeof c.value));
        if (odd) failures.push(`case ${i} (${mutation.name}): cell value of type ${typeof odd.value}`);
        outcome = "read";
      } catch (e) {
        if (e instanceof CodedError && /^PT-READ-\d{3}$/.test(e.code)) outcome = e.code;
        else {
          outcome = "crash";
          failures.push(`case ${i} (${mutation.name}): ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
        }
      }
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      if (elapsed > CASE_MS) failures.push(`case ${i} (${mutation.name}) took ${elapsed.toFixed(0)} ms`);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    if (cases > 1000) console.log(`fuzz (${path.name}): ${cases} cases, seed ${SEED}, slowest ${slowest.toFixed(0)} ms`, Object.fromEntries(outcomes));
    expect(failures.slice(0, 5)).toEqual([]);
    expect(outcomes.get("read")).toBeGreaterThan(0);
  });
});
