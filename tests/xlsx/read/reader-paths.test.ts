import { BROWSER_PATH, NODE_PATH } from "./helpers/reader-paths";
import { zeroBomb } from "./helpers/bomb";
import { miniParts, miniXlsx } from "./helpers/mini-xlsx";
import { writeZip, type RawEntry } from "./helpers/zip-writer";

/** The two reader copies the hostile and fuzz tests run really take different paths, so neither passes vacuously. */

const book = (): Uint8Array => miniXlsx({ sheets: [{ name: "S", rows: `<row><c t="inlineStr"><is><t>x</t></is></c></row>` }] });

it("the Node copy finds Node's zlib; the browser copy finds no native at all", () => {
  expect(NODE_PATH.native.nodeZlib()).toBeDefined();
  expect(NODE_PATH.crc.crc32).not.toBe(NODE_PATH.crc.crc32Js);
  expect(BROWSER_PATH.native.nodeZlib()).toBeUndefined();
  expect(BROWSER_PATH.native.nodeCrypto()).toBeUndefined();
  expect(BROWSER_PATH.native.nodeScratchBuffer()).toBeUndefined();
  expect(BROWSER_PATH.crc.crc32).toBe(BROWSER_PATH.crc.crc32Js);
  expect(BROWSER_PATH.CodedError).not.toBe(NODE_PATH.CodedError); // a separate copy of the reader
  // Hiding process.getBuiltinModule was undone once the copy was loaded.
  expect(typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule).toBe("function");
});

describe("spies on zlib and fflate", () => {
  const zlib = NODE_PATH.native.nodeZlib() as NonNullable<ReturnType<typeof NODE_PATH.native.nodeZlib>>;
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ["a small workbook", book],
    ["a small bomb declaring 2048 bytes", () => writeZip(Object.entries(miniParts({ sheets: [{ name: "S" }] })).map(([name, data]): RawEntry => (name === "xl/worksheets/sheet1.xml" ? { name, compressed: zeroBomb(100_000_000).deflated, declaredSize: 2048, crc: 0 } : { name, data })))],
  ])("%s: Node's copy inflates with zlib, the browser copy with fflate only", (_, make) => {
    const bytes = make();
    const run = (path: typeof NODE_PATH): void => {
      try {
        path.readWorkbook(bytes, "x.xlsx");
      } catch (e) {
        if (!(e instanceof path.CodedError)) throw e;
      }
    };
    const inflateRaw = jest.spyOn(zlib, "inflateRawSync");
    const getBuiltin = jest.spyOn(process as unknown as { getBuiltinModule: (id: string) => unknown }, "getBuiltinModule");
    const browserFflate = jest.spyOn(BROWSER_PATH.fflate, "inflateSync");
    run(NODE_PATH);
    expect(inflateRaw).toHaveBeenCalled();
    expect(browserFflate).not.toHaveBeenCalled();
    inflateRaw.mockClear();
    run(BROWSER_PATH);
    expect(inflateRaw).not.toHaveBeenCalled();
    expect(getBuiltin).not.toHaveBeenCalled();
    expect(browserFflate).toHaveBeenCalled();
  });
});
