import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { XmlScanner, XmlSyntaxError } from "../../../src/xlsx/read/xml-scanner";
import { workbookBytes } from "../../../src/xlsx/write-spec";
import { catalogue, templateSpec } from "../../support/returns";
import { buildCombinedReport } from "../../../src/core/consolidation/report";
import { generatedReturn, registerOf, seeded } from "../../support/consolidation";
import { mulberry32 } from "../../support/mulberry32";

/**
 * Our XML scanner replaced saxes in the reader (for speed); it must accept and refuse what saxes,
 * a conformant parser, accepts and refuses, and report the same elements, attributes and text.
 * Checked on hand-made cases and on thousands of seeded mutations of real parts, each fed in
 * random chunks so tokens are cut at every kind of place.
 */

type Outcome = { ok: true; events: string[] } | { ok: false };

function merged(events: string[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e.startsWith("text ") && last?.startsWith("text ")) out[out.length - 1] = last + e.slice(5);
    else out.push(e);
  }
  return out.filter((e) => e !== "text ");
}

const attrsOf = (a: Record<string, string>): string => JSON.stringify(Object.keys(a).sort().map((k) => [k, a[k]]));

function withSaxes(xml: string, chunks: number[]): Outcome {
  const events: string[] = [];
  let depth = 0;
  const p = new SaxesParser({ xmlns: false, position: false });
  p.on("opentag", (t) => {
    depth++;
    events.push(`open ${t.name} ${attrsOf(t.attributes as Record<string, string>)}`);
  });
  p.on("closetag", (t) => {
    depth--;
    events.push(`close ${t.name}`);
  });
  p.on("text", (t) => void (depth > 0 && events.push(`text ${t}`)));
  p.on("cdata", (t) => void events.push(`text ${t}`));
  p.on("doctype", () => {
    throw new Error("doctype");
  });
  try {
    for (const piece of pieces(xml, chunks)) p.write(piece);
    p.close();
    return { ok: true, events: merged(events) };
  } catch {
    return { ok: false };
  }
}

function withScanner(xml: string, chunks: number[]): Outcome {
  const events: string[] = [];
  const s = new XmlScanner({
    xmlDecl: () => undefined,
    attribute: () => undefined,
    openTag: (name, attrs) => void events.push(`open ${name} ${attrsOf(attrs)}`),
    closeTag: (name) => void events.push(`close ${name}`),
    text: (t) => void events.push(`text ${t}`),
  });
  try {
    for (const piece of pieces(xml, chunks)) s.write(piece);
    s.close();
    return { ok: true, events: merged(events) };
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return { ok: false };
  }
}

function pieces(xml: string, chunks: number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; at < xml.length; i++) {
    const size = chunks.length ? (chunks[i % chunks.length] as number) : xml.length;
    out.push(xml.slice(at, at + size));
    at += size;
  }
  return out;
}

function agree(xml: string, chunks: number[] = []): void {
  const expected = withSaxes(xml, []);
  const got = withScanner(xml, chunks);
  expect({ xml: xml.length > 300 ? `${xml.slice(0, 300)}…` : xml, chunks, ...got }).toEqual({ xml: xml.length > 300 ? `${xml.slice(0, 300)}…` : xml, chunks, ...expected });
}

const CASES: readonly string[] = [
  "<a/>",
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a b="1" c=\'2\'><d>t&amp;x&lt;&gt;&quot;&apos;</d></a>',
  "<a>&#65;&#x42;&#x1F600;</a>",
  "<a>&#0;</a>",
  "<a>&#xD800;</a>",
  "<a>&#xFFFE;</a>",
  "<a>&nbsp;</a>",
  "<a>& b</a>",
  "<a>a]]>b</a>",
  "<a><![CDATA[x<y>]]z]]></a>",
  "<![CDATA[x]]><a/>",
  "<a><!-- c --></a>",
  "<a><!-- c -- d --></a>",
  "<a><!-- c ---></a>",
  "<!-- before --><a/><!-- after -->",
  "<a/><b/>",
  "<a></b>",
  // End tags compared in place with the open element: longer, shorter, spaced, prefixed, cut.
  "<row><c/></rows>",
  "<rows></row>",
  "<row></row \n\t>",
  "<row></row x>",
  "<row></row/>",
  "<x:row></x:row>",
  "<x:row></row>",
  "<a><ab></ab></a>",
  "<a><ab></a></ab>",
  "<é></é >",
  "<a s=\"3\" t='s' u=\"&amp;\" v=\"\t\"/>",
  "<a>",
  "</a>",
  "",
  "  ",
  "text<a/>",
  "<a/>text",
  " <?xml version='1.0'?><a/>",
  "<a><?pi data?></a>",
  "<a><?xml version='1.0'?></a>",
  "<a><?pidata?></a>",
  "<?pi?><a/>",
  '<a b="1" b="2"/>',
  '<a b="1"c="2"/>',
  "<a b=1/>",
  '<a b="<"/>',
  '<a b="x&amp;y&#10;z\tw\nv"/>',
  '<a b="\r\n"/>',
  "<a>line\r\nbreak\rx</a>",
  "<1a/>",
  "<a:b x:y='1'/>",
  "<é ü='1'>ü</é>",
  "<a\u00B7/>",
  "<\u00B7a/>",
  "<a>\u0001</a>",
  "<a>\uFFFF</a>",
  "<a>😀</a>",
  "<a >x</a >",
  "<a/ >",
  "< a/>",
  "<a><b></a></b>",
  '<?xml version="2.0"?><a/>',
  '<?xml version="1.0" standalone="maybe"?><a/>',
  "<?xml version='1.0'?><?xml version='1.0'?><a/>",
  "<!ELEMENT a ANY><a/>",
  "<a><!x></a>",
  "<a>&amp</a>",
  '<a b="&#x;"/>',
  "<a __proto__='x' constructor='y'/>",
];

it.each(CASES.map((c) => [c]))("agrees with saxes on %j", (xml) => {
  agree(xml);
  for (const size of [1, 2, 3, 7]) agree(xml, [size]);
});


const JUNK = ["<", ">", "&", "&amp;", "&#1;", "&#x41;", ";", '"', "'", "=", "/", "?", "!", "-", "--", "]]>", "<![CDATA[", "<!--", "-->", "<?x ?>", "\u0000", "\r", "\r\n", "\t", " ", "é", "😀", "\uFFFF", "</c>", "<c>", "<v/>", 'x="1"', "xmlns:x='u'", "_x000D_"];

const CASES_PER_PART = Number(process.env.FUZZ_CASES ?? 300);

describe("seeded mutations of real parts, fed in random chunks", () => {
  let parts: string[];
  beforeAll(async () => {
    const template = templateSpec("pact-2008", "FR").spec;
    const rand = seeded(5);
    const report = buildCombinedReport(registerOf(catalogue.partiesOf(catalogue.framework("emn-ahq-2010")).slice(0, 2).map((p) => generatedReturn(`${p.code}.xlsx`, "emn-ahq-2010", p.code, { rand }))), catalogue, { edition: "internal" });
    parts = [];
    for (const spec of [template, report]) {
      for (const [name, bytes] of Object.entries(unzipSync(await workbookBytes(spec)))) if (name.endsWith(".xml")) parts.push(strFromU8(bytes).slice(0, 6000));
    }
  });

  it("accepts and refuses as saxes does, with the same events", () => {
    const rand = mulberry32(Number(process.env.FUZZ_SEED ?? 4242));
    for (const part of parts) {
      for (let n = 0; n < CASES_PER_PART / 10; n++) {
        let xml = part;
        const edits = 1 + Math.floor(rand() * 3);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(rand() * xml.length);
          const kind = rand();
          if (kind < 0.5) xml = xml.slice(0, at) + (JUNK[Math.floor(rand() * JUNK.length)] as string) + xml.slice(at);
          else if (kind < 0.8) xml = xml.slice(0, at) + xml.slice(at + 1 + Math.floor(rand() * 8));
          else xml = xml.slice(0, at) + xml.slice(Math.max(0, at - 20), at) + xml.slice(at);
        }
        const chunks = Array.from({ length: 3 }, () => 1 + Math.floor(rand() * 200));
        agree(xml, chunks);
      }
    }
  });
});

it("scans a long token cut into many chunks in linear time (a comment, a tag, a run of text)", () => {
  const noisy = "<x/>".padEnd(1000, "a");
  const big = noisy.repeat(20_000); // 20 MB, a '<' every 1000 characters
  for (const xml of [`<a><!--${big.replace(/</g, "-<").replace(/--/g, "- ")}--></a>`, `<a b="${"y>".repeat(5_000_000)}"/>`, `<a>${"t".repeat(10_000_000)}</a>`]) {
    const started = Date.now();
    const s = new XmlScanner({ xmlDecl: () => undefined, attribute: () => undefined, openTag: () => undefined, closeTag: () => undefined, text: () => undefined });
    for (let at = 0; at < xml.length; at += 64 * 1024) s.write(xml.slice(at, at + 64 * 1024));
    s.close();
    expect(Date.now() - started).toBeLessThan(5000);
  }
});

it("reads zero-padded character references as saxes does", () => {
  agree("<a b='&#x000000000041;'>&#0000000000066;</a>");
});
