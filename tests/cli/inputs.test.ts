import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { LINKED_FOLDER_SEARCHED, LOCK_FILE, MACOS_METADATA, WINDOWS_METADATA, expandPaths, skippedLine } from "../../src/cli/inputs";
import { fillAll, templateSpec } from "../support/returns";
import { filledReturn } from "../support/xlsx-returns";
import { hasSoffice, sofficeConvert, tempDir } from "../support/tools";

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

async function filled(party: string): Promise<Uint8Array> {
  const { spec, framework, party: p } = templateSpec("emn-ahq-2010", party);
  return filledReturn(spec, fillAll(spec, framework, p));
}

/** The same workbook as Excel's "Save as template" writes it: the template content type. */
function asTemplate(xlsx: Uint8Array): Uint8Array {
  const parts = unzipSync(xlsx);
  const ct = parts["[Content_Types].xml"];
  if (!ct) throw new Error("no content types");
  parts["[Content_Types].xml"] = strToU8(strFromU8(ct).replace("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml"));
  return zipSync(parts);
}

/** Excel's owner file: 165 bytes, the user's name padded, not a zip. */
const lockFile = (): Uint8Array => {
  const b = new Uint8Array(165).fill(0x20);
  b[0] = 11;
  b.set(strToU8("J. Officer"), 1);
  return b;
};
const appleDouble = (): Uint8Array => new Uint8Array([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, ...new Array(4088).fill(0)]);
const dsStore = (): Uint8Array => new Uint8Array([0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31, ...new Array(6140).fill(0)]);

interface Row {
  file: string;
  status: string;
  reason?: { code: string };
  party: string;
}

describe("folders hide nothing: every file in a folder is an input, except genuine lock and metadata files", () => {
  const dir = tempDir("inputs");
  const inbox = join(dir, "inbox");
  const withSoffice = hasSoffice();
  const withFifo = spawnSync("mkfifo", ["--help"], { stdio: "ignore" }).status === 0;

  beforeAll(async () => {
    mkdirSync(join(inbox, "__MACOSX"), { recursive: true });
    mkdirSync(join(dir, "elsewhere"));
    writeFileSync(join(inbox, "BE.xltx"), asTemplate(await filled("BE")));
    writeFileSync(join(inbox, "AT"), await filled("AT"));
    writeFileSync(join(inbox, "CY.xlsx "), await filled("CY"));
    // A real return whose name starts "~$" (a colleague's odd naming): read, not skipped.
    writeFileSync(join(inbox, "~$DE.xlsx"), await filled("DE"));
    writeFileSync(join(inbox, "~$FR.xlsx"), lockFile());
    writeFileSync(join(inbox, "notes.txt"), "Reminder: chase Estonia.");
    writeFileSync(join(inbox, ".DS_Store"), dsStore());
    writeFileSync(join(inbox, "__MACOSX", "._AT"), appleDouble());
    writeFileSync(join(inbox, "Thumbs.db"), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(1024).fill(0)]));
    // A "._" name that is not AppleDouble is a file like any other.
    writeFileSync(join(inbox, "._notes"), "plain text, not AppleDouble");
    // Links: to a file elsewhere (read), nowhere (reported), and back up the tree (searched once).
    writeFileSync(join(dir, "elsewhere", "FI.xlsx"), await filled("FI"));
    symlinkSync(join(dir, "elsewhere", "FI.xlsx"), join(inbox, "FI-link.xlsx"));
    symlinkSync(join(dir, "nowhere.xlsx"), join(inbox, "gone.xlsx"));
    symlinkSync(inbox, join(inbox, "loop"));
    if (withFifo) spawnSync("mkfifo", [join(inbox, "pipe.xlsx")]);
    if (withSoffice) {
      const src = join(dir, "EE-src");
      mkdirSync(src);
      writeFileSync(join(src, "EE.xlsx"), await filled("EE"));
      sofficeConvert(join(src, "EE.xlsx"), "ods", inbox);
    }
  }, 120_000);

  it("registers every file found, with the reader's code for those that are not workbooks", () => {
    const r = cli("consolidate", inbox, "--out", join(dir, "combined.xlsx"), "--json");
    expect(r.status).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows;
    const byName = new Map(rows.map((x) => [x.file.slice(inbox.length + 1), x]));
    expect(byName.get("BE.xltx")).toMatchObject({ status: "accepted", party: "BE" });
    expect(byName.get("AT")).toMatchObject({ status: "accepted", party: "AT" });
    expect(byName.get("CY.xlsx ")).toMatchObject({ status: "accepted", party: "CY" });
    expect(byName.get("~$DE.xlsx")).toMatchObject({ status: "accepted", party: "DE" });
    expect(byName.get("FI-link.xlsx")).toMatchObject({ status: "accepted", party: "FI" });
    expect(byName.get("notes.txt")).toMatchObject({ status: "rejected", reason: { code: "PT-READ-001" } });
    expect(byName.get("._notes")).toMatchObject({ status: "rejected", reason: { code: "PT-READ-001" } });
    expect(byName.get("gone.xlsx")).toMatchObject({ status: "rejected", reason: { code: "PT-IO-002" } });
    // LibreOffice's own format is a zip, but not an Excel package.
    if (withSoffice) expect(byName.get("EE.ods")).toMatchObject({ status: "rejected", reason: { code: "PT-READ-015" } });
    for (const skipped of ["~$FR.xlsx", ".DS_Store", "__MACOSX/._AT", "Thumbs.db", "pipe.xlsx"]) expect(byName.has(skipped)).toBe(false);
    // Nothing from the loop: each file once.
    expect([...byName.keys()].some((f) => f.startsWith("loop"))).toBe(false);
    // The parties read are not listed as missing.
    const missing = cli("consolidate", inbox, "--out", join(dir, "combined2.xlsx"));
    expect(missing.stdout).toMatch(/^missing for emn-ahq-2010 2026: /m);
    expect(missing.stdout).not.toMatch(/^missing for .*\b(AT|BE|CY|DE|FI)\b/m);

    // Under --json the register stays the only thing on stdout; the skipped files are one line on stderr.
    const line = r.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toMatch(new RegExp(`^skipped ${withFifo ? 6 : 5} files in folders — `));
    expect(line).toContain(`Excel lock file (1): ${join(inbox, "~$FR.xlsx")}`);
    expect(line).toContain(`macOS metadata (2): ${join(inbox, ".DS_Store")}, ${join(inbox, "__MACOSX", "._AT")}`);
    expect(line).toContain(`Windows folder metadata (1): ${join(inbox, "Thumbs.db")}`);
    expect(line).toContain(`link to a folder already searched (1): ${join(inbox, "loop")}`);
    if (withFifo) expect(line).toContain(`not a regular file: a named pipe (1): ${join(inbox, "pipe.xlsx")}`);
    // On a terminal the same line follows the summary.
    expect(missing.stdout).toContain(line);
  });

  it("validate lists the same files, and the skipped ones with why", () => {
    const r = cli("validate", "--json", inbox);
    expect(r.status).toBe(2);
    const json = JSON.parse(r.stdout) as { file: string; status: string; error?: { code: string }; skipped?: string }[];
    const byName = Object.fromEntries(json.map((x) => [x.file.slice(inbox.length + 1), x.skipped ?? x.error?.code ?? x.status]));
    expect(byName).toMatchObject({
      "BE.xltx": "ok",
      AT: "ok",
      "CY.xlsx ": "ok",
      "~$DE.xlsx": "ok",
      "FI-link.xlsx": "ok",
      "notes.txt": "PT-READ-001",
      "gone.xlsx": "PT-IO-002",
      "~$FR.xlsx": LOCK_FILE,
      ".DS_Store": MACOS_METADATA,
      "__MACOSX/._AT": MACOS_METADATA,
      "Thumbs.db": WINDOWS_METADATA,
      loop: LINKED_FOLDER_SEARCHED,
    });
    if (withSoffice) expect(byName["EE.ods"]).toBe("PT-READ-015");
    expect(json.filter((x) => x.status === "skipped")).toHaveLength(withFifo ? 6 : 5);
    // Skipped entries come after the files read.
    expect(json.findIndex((x) => x.status === "skipped")).toBe(json.length - (withFifo ? 6 : 5));

    const text = cli("validate", inbox);
    expect(text.stdout).toMatch(/AT: ok — 0 errors/);
    expect(text.stdout).toMatch(/notes\.txt: unreadable — PT-READ-001 /);
    expect(text.stdout.trim().split("\n").at(-1)).toMatch(/^skipped \d files in folders — .*Excel lock file \(1\): /);
  });

  it("never skips a file named on the command line", () => {
    const r = cli("validate", "--json", join(inbox, "~$FR.xlsx"), join(inbox, ".DS_Store"));
    const json = JSON.parse(r.stdout) as { status: string; error?: { code: string } }[];
    expect(json.map((x) => [x.status, x.error?.code])).toEqual([
      ["unreadable", "PT-READ-001"],
      ["unreadable", "PT-READ-001"],
    ]);
    if (withFifo) {
      const pipe = cli("validate", join(inbox, "pipe.xlsx"));
      expect(pipe.stdout).toMatch(/pipe\.xlsx: unreadable — PT-IO-002 cannot read: not a regular file \(a named pipe\)/);
    }
  });

  it("expandPaths: files as named, folders in name order, each file once", () => {
    const { files, skipped } = expandPaths([join(inbox, "AT"), inbox, join(inbox, "missing.xlsx")]);
    expect(files[0]).toBe(join(inbox, "AT"));
    expect(files.filter((f) => f.endsWith(`${"/"}AT`))).toHaveLength(1);
    expect(files.at(-1)).toBe(join(inbox, "missing.xlsx"));
    const found = files.slice(1, -1).map((f) => f.slice(inbox.length + 1));
    expect(found).toEqual([...found].sort());
    expect(skipped.map((s) => s.reason)).toContain(LOCK_FILE);
    expect(skippedLine([])).toBeUndefined();
    const many = Array.from({ length: 7 }, (_, i) => ({ file: `~$${i}.xlsx`, reason: LOCK_FILE }));
    expect(skippedLine(many)).toBe("skipped 7 files in folders — Excel lock file (7): ~$0.xlsx, ~$1.xlsx, ~$2.xlsx, ~$3.xlsx, ~$4.xlsx, …");
  });
});
