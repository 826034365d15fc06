import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { crc32, crc32Js } from "../../src/xlsx/read/crc32";
import { readWorkbook } from "../../src/xlsx/read/read-workbook";
import { readReturnBytes, sha256Hex } from "../../src/xlsx/read-return";
import { nodeCrypto, nodeZlib } from "../../src/xlsx/native";
import { detached } from "../../src/xlsx/read/parts/shared-strings";
import fc from "fast-check";
import { generatedReturn, registerOf, seeded } from "../support/consolidation";
import { catalogue, templateSpec } from "../support/returns";

/**
 * Node's zlib and crypto do the work in Node (CLI); the task pane's worker has neither and uses
 * JavaScript (fflate, our CRC-32, @noble/hashes). Both paths must give the same answers.
 */

function randomBytes(n: number, seed: number): Uint8Array {
  const rand = seeded(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
}

it("finds Node's zlib and crypto in Node", () => {
  expect(nodeZlib()?.crc32).toBeDefined();
  expect(nodeCrypto()).toBeDefined();
});

it("computes the same CRC-32 natively and in JavaScript, continued across pieces too", () => {
  for (const [n, seed] of [[0, 1], [1, 2], [3, 3], [1000, 4], [65537, 5]] as const) {
    const data = randomBytes(n, seed);
    expect(crc32(0, data)).toBe(crc32Js(0, data));
    const cut = Math.floor(n / 3);
    expect(crc32(crc32(0, data.subarray(0, cut)), data.subarray(cut))).toBe(crc32Js(0, data));
  }
  expect(crc32(0, new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
});

it("computes the same SHA-256 natively and with @noble/hashes", () => {
  for (const n of [0, 55, 64, 100_000]) {
    const data = randomBytes(n, n + 7);
    expect(sha256Hex(data)).toBe(bytesToHex(sha256(data)));
  }
});

describe("without Node's zlib and crypto (the task pane's worker)", () => {
  type Modules = { readWorkbook: typeof readWorkbook; readReturnBytes: typeof readReturnBytes; workbookBytes: typeof workbookBytes };
  let browser: Modules;
  let crcModule: { crc32: unknown; crc32Js: unknown };
  beforeAll(() => {
    jest.isolateModules(() => {
      jest.doMock("../../src/xlsx/native", () => ({ nodeZlib: () => undefined, nodeCrypto: () => undefined, nodeScratchBuffer: () => undefined }));
      crcModule = jest.requireActual("../../src/xlsx/read/crc32");
      browser = {
        readWorkbook: (jest.requireActual("../../src/xlsx/read/read-workbook") as Modules).readWorkbook,
        readReturnBytes: (jest.requireActual("../../src/xlsx/read-return") as Modules).readReturnBytes,
        workbookBytes: (jest.requireActual("../../src/xlsx/write-spec") as Modules).workbookBytes,
      };
    });
  });

  it("really runs the JavaScript paths", () => {
    expect(crcModule.crc32).toBe(crcModule.crc32Js);
  });

  it("writes and reads a template and a report as Node does", async () => {
    const template = templateSpec("prague-ap-2023", "AL").spec;
    const rand = seeded(3);
    const register = registerOf(catalogue.partiesOf(catalogue.framework("pact-2008")).slice(0, 3).map((p) => generatedReturn(`${p.code}.xlsx`, "pact-2008", p.code, { rand })));
    const report = buildCombinedReport(register, catalogue, { edition: "internal" });
    for (const spec of [template, report]) {
      const fromNode = await workbookBytes(spec);
      const fromBrowser = await browser.workbookBytes(spec);
      const grids = (bytes: Uint8Array, read: typeof readWorkbook) => read(bytes, "x.xlsx").sheets.map((s) => [s.grid.name, [...s.grid.cells()]]);
      const expected = grids(fromNode, readWorkbook);
      expect(grids(fromBrowser, readWorkbook)).toEqual(expected);
      expect(grids(fromNode, browser.readWorkbook)).toEqual(expected);
      expect(browser.readReturnBytes(fromNode, "x.xlsx", catalogue)).toEqual(readReturnBytes(fromNode, "x.xlsx", catalogue));
    }
  });
});

it("copies kept text exactly, one byte per character where it fits, whatever the text", () => {
  // Sliced from a part decoded as UTF-16 (the dash), as the reader's kept text is.
  const part = `— ${"Café, Straße, naïve; 1 000 € ".repeat(3000)} Łódź ἀλήθεια 😀 \ud800 end`;
  for (const [from, to] of [[2, 40], [2, 70000], [80000, 91000], [91000, part.length], [0, 0]] as const) {
    const s = part.slice(from, to);
    expect(detached(s)).toBe(s);
  }
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.string({ unit: "grapheme-ascii", maxLength: 200 }), (a, b) => {
    expect(detached(a)).toBe(a);
    expect(detached(`x—${b}`.slice(2))).toBe(b);
  }));
});
