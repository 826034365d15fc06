import fc from "fast-check";
import { Slices, markup } from "../../../src/xlsx/write/xml-out";

/**
 * The sheet writer hands a part's XML over in pieces (markup bytes, digits, text); what reaches the
 * zip entry must be exactly the UTF-8 of the same pieces joined, wherever the slices end.
 */

type Piece = { kind: "text"; s: string } | { kind: "bytes"; s: string } | { kind: "digits"; n: number };

function collect(sliceBytes: number, pieces: readonly Piece[]): { out: Uint8Array; written: number[]; chunks: number } {
  const chunks: Uint8Array[] = [];
  const slices = new Slices({ write: (c) => void chunks.push(c), end: () => undefined }, sliceBytes);
  const written: number[] = [];
  for (const p of pieces) {
    if (p.kind === "text") slices.write(p.s);
    else if (p.kind === "bytes") slices.bytes(markup(p.s));
    else slices.digits(p.n);
    written.push(slices.written);
  }
  void slices.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { out, written, chunks: chunks.length };
}

const joined = (pieces: readonly Piece[]): string => pieces.map((p) => (p.kind === "digits" ? String(p.n) : p.s)).join("");
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.record({ kind: fc.constant("text" as const), s: fc.string({ unit: "binary", maxLength: 60 }) }),
  fc.record({ kind: fc.constant("text" as const), s: fc.string({ unit: "grapheme-ascii", maxLength: 400 }) }),
  fc.record({ kind: fc.constant("bytes" as const), s: fc.string({ unit: "grapheme", maxLength: 80 }) }),
  fc.record({ kind: fc.constant("digits" as const), n: fc.nat({ max: Number.MAX_SAFE_INTEGER }) }),
);

it("hands on exactly the UTF-8 of the pieces joined, whatever the slice size", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 16, max: 300 }), (pieces, sliceBytes) => {
      const { out, written } = collect(sliceBytes, pieces);
      expect(Buffer.from(out).equals(Buffer.from(utf8(joined(pieces))))).toBe(true);
      // `written` counts bytes as they go: after each piece, the UTF-8 length of everything so far.
      let text = "";
      pieces.forEach((p, i) => {
        text += p.kind === "digits" ? String(p.n) : p.s;
        expect(written[i]).toBe(utf8(text).length);
      });
    }),
    { numRuns: 300 },
  );
});

it("encodes lone surrogates, characters beyond the BMP and non-ASCII short text as the encoder does", () => {
  const pieces: Piece[] = [
    { kind: "text", s: "caf\u00e9" },
    { kind: "text", s: "\ud83d\ude00 x" },
    { kind: "text", s: "a\ud800b" },
    { kind: "text", s: "\udc00" },
    { kind: "bytes", s: "— ›" },
    { kind: "digits", n: 0 },
    { kind: "digits", n: 1048576 },
  ];
  for (const size of [16, 17, 18, 19, 20, 64, 256 * 1024]) expect(Buffer.from(collect(size, pieces).out).toString("utf8")).toBe(Buffer.from(utf8(joined(pieces))).toString("utf8"));
});

it("fills each slice before handing it on, and passes markup larger than a slice whole", () => {
  const big = "<x>".repeat(100);
  const { out, chunks } = collect(64, [
    { kind: "text", s: "a".repeat(200) },
    { kind: "bytes", s: big },
    { kind: "digits", n: 42 },
  ]);
  expect(Buffer.from(out).toString("latin1")).toBe(`${"a".repeat(200)}${big}42`);
  // 200 bytes in 64-byte slices (4 hand-overs: 64, 64, 64, 8), the 300-byte markup whole, then "42".
  expect(chunks).toBe(6);
});
