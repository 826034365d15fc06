import { spawnSync } from "node:child_process";
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseReceived, receivedFromCsv } from "../../src/cli/inputs";
import { readReturn } from "../../src/cli/read-return";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { filledReturn } from "../support/xlsx-returns";
import { tempDir } from "../support/tools";

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd });

async function filled(party: string): Promise<Uint8Array> {
  const { spec, framework, party: p } = templateSpec("emn-ahq-2010", party);
  return filledReturn(spec, fillAll(spec, framework, p));
}

const at = (iso: string): Date => new Date(iso);

interface Row {
  file: string;
  sheet: string;
  status: string;
  received: string;
  late: boolean;
}

describe("when a return was received: its time on disk, or --received FILE.csv", () => {
  const dir = tempDir("received");
  const inbox = join(dir, "inbox");
  const csv = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    mkdirSync(join(dir, "twins", "late"), { recursive: true });
    mkdirSync(inbox);
    for (const party of ["AT", "BE"]) writeFileSync(join(inbox, `${party}.xlsx`), await filled(party));
    // Sweden sent its initial return twice: which one counts goes by the date received.
    const se = await filled("SE");
    writeFileSync(join(inbox, "SE-first.xlsx"), se);
    writeFileSync(join(inbox, "SE-second.xlsx"), se);
    utimesSync(join(inbox, "AT.xlsx"), at("2009-11-20T10:00:00Z"), at("2009-11-20T10:00:00Z"));
    utimesSync(join(inbox, "BE.xlsx"), at("2009-11-10T08:30:00.250Z"), at("2009-11-10T08:30:00.250Z"));
    utimesSync(join(inbox, "SE-first.xlsx"), at("2009-11-12T09:00:00Z"), at("2009-11-12T09:00:00Z"));
    utimesSync(join(inbox, "SE-second.xlsx"), at("2009-11-02T09:00:00Z"), at("2009-11-02T09:00:00Z"));
    writeFileSync(join(dir, "twins", "AT.xlsx"), await filled("AT"));
    writeFileSync(join(dir, "twins", "late", "AT.xlsx"), await filled("AT"));
  }, 60_000);

  const rowsOf = (stdout: string): Record<string, Row> => Object.fromEntries((JSON.parse(stdout) as { rows: Row[] }).rows.map((r) => [r.file.replace(/^.*\//, ""), r]));

  it("takes the file's modification time on disk, in UTC to the second, by default", () => {
    const r = cli(dir, "consolidate", "inbox", "--out", "default.xlsx", "--deadline", "initial=2009-11-15", "--json");
    expect(r.status).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows["AT.xlsx"]).toMatchObject({ received: "2009-11-20T10:00:00Z", late: true });
    expect(rows["BE.xlsx"]).toMatchObject({ received: "2009-11-10T08:30:00Z", late: false });
    // The later received wins within a round, whatever the names.
    expect(rows["SE-first.xlsx"]?.status).toBe("accepted");
    expect(rows["SE-second.xlsx"]?.status).toBe("superseded");
    expect(r.stderr).toBe("");
  });

  it("takes --received dates by base name or by path as given, warns about entries that fit no input", () => {
    const list = csv(
      "received.csv",
      ["file,received", "AT.xlsx,2009-11-14", "inbox/SE-second.xlsx,2009-11-16T09:00:00+01:00", "", "XX.xlsx,2009-11-01", ""].join("\n"),
    );
    const r = cli(dir, "consolidate", "inbox", "--out", "listed.xlsx", "--deadline", "initial=2009-11-15", "--received", list, "--json");
    expect(r.status).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows["AT.xlsx"]).toMatchObject({ received: "2009-11-14", late: false });
    // Not in the list: its time on disk.
    expect(rows["BE.xlsx"]).toMatchObject({ received: "2009-11-10T08:30:00Z", late: false });
    expect(rows["SE-second.xlsx"]).toMatchObject({ received: "2009-11-16T08:00:00Z", late: true, status: "accepted" });
    expect(rows["SE-first.xlsx"]?.status).toBe("superseded");
    expect(r.stderr.trim().split("\n")).toEqual([
      `pact-tracker: warning: ${list} line 5: 'XX.xlsx' matches no input; its date is not used`,
      `received dates: 2 from ${list}, 2 from the files' times on disk`,
    ]);

    const text = cli(dir, "consolidate", "inbox", "--out", "listed-text.xlsx", "--received", list);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`received dates: 2 from ${list}, 2 from the files' times on disk`);
    expect(text.stderr).toContain("'XX.xlsx' matches no input");
  });

  it("dates national sheets pasted into one workbook each on its own day with a 'sheet' column", async () => {
    // The secretariat pasted each national sheet into one workbook as it arrived.
    const parts = ["AT", "BE", "FI"].map((code) => templateSpec("emn-ahq-2010", code));
    const first = parts[0];
    if (!first) throw new Error("no template");
    const lists = first.spec.sheets.filter((sh) => sh.name === "pt_lists");
    const spec = { ...first.spec, sheets: [...parts.flatMap((p) => p.spec.sheets.filter((sh) => sh.name !== "pt_lists")), ...lists] };
    const edits = parts.flatMap((p) => fillAll(p.spec, p.framework, p.party));
    mkdirSync(join(dir, "pasted"));
    writeFileSync(join(dir, "pasted", "national-sheets.xlsx"), await filledReturn(spec, edits));
    const list = csv(
      "sheets.csv",
      ["file,sheet,received", "national-sheets.xlsx,,2009-11-10", "national-sheets.xlsx,emn-ahq-2010 BE answers,2009-11-20", "national-sheets.xlsx,emn-ahq-2010 XX answers,2009-11-01"].join("\n"),
    );
    const r = cli(dir, "consolidate", "pasted", "--out", "pasted.xlsx", "--deadline", "initial=2009-11-15", "--received", list, "--json");
    expect(r.status).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: (Row & { note: string })[] }).rows;
    const bySheet = Object.fromEntries(rows.map((row) => [row.sheet, row]));
    expect(bySheet["emn-ahq-2010 AT answers"]).toMatchObject({ received: "2009-11-10", late: false });
    expect(bySheet["emn-ahq-2010 BE answers"]).toMatchObject({ received: "2009-11-20", late: true });
    expect(bySheet["emn-ahq-2010 FI answers"]).toMatchObject({ received: "2009-11-10", late: false });
    expect(rows.map((row) => row.note).join(" | ")).toContain("received date not used for sheet 'emn-ahq-2010 XX answers'");
    expect(r.stderr).toContain(`received dates: 1 from ${list}, 0 from the files' times on disk; 2 sheets dated on 1 file of their own`);
    // The same sheet twice is refused, naming the line.
    const twice = csv("sheets-twice.csv", "file,sheet,received\nnational-sheets.xlsx,emn-ahq-2010 BE answers,2009-11-20\nnational-sheets.xlsx,emn-ahq-2010 BE answers,2009-11-21\n");
    const refused = cli(dir, "consolidate", "pasted", "--out", "pasted-twice.xlsx", "--received", twice);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("line 3: sheet 'emn-ahq-2010 BE answers' of pasted/national-sheets.xlsx is given twice (lines 2 and 3)");
  });

  it("refuses a bad list with exit 2, naming the CSV file and the line", () => {
    const bad = csv("bad-date.csv", "file,received\r\nBE.xlsx,2009-11-14\r\nAT.xlsx,14/11/2009\r\n");
    const r = cli(dir, "consolidate", "inbox", "--out", "x.xlsx", "--received", bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`pact-tracker: PT-CLI-001 ${bad}: line 3: received '14/11/2009' for 'AT.xlsx' is not YYYY-MM-DD or an ISO date-time such as 2026-11-14T09:30:00Z (see 'pact-tracker consolidate --help')\n`);

    const twins = csv("twins.csv", "file,received\nAT.xlsx,2009-11-14\n");
    const amb = cli(dir, "consolidate", "twins", "--out", "x.xlsx", "--received", twins);
    expect(amb.status).toBe(2);
    expect(amb.stderr).toMatch(/PT-CLI-001 .*twins\.csv: line 2: 'AT\.xlsx' is the name of 2 inputs \(twins\/AT\.xlsx, twins\/late\/AT\.xlsx\); give its path instead/);
    // The path disambiguates.
    const byPath = csv("twins-path.csv", "file,received\ntwins/late/AT.xlsx,2009-11-14\n");
    expect(cli(dir, "consolidate", "twins", "--out", "twins.xlsx", "--received", byPath).status).toBe(0);

    const noHeader = csv("no-header.csv", "AT.xlsx,2009-11-14\n");
    expect(cli(dir, "consolidate", "inbox", "--out", "x.xlsx", "--received", noHeader).stderr).toMatch(/PT-CLI-001 .*no-header\.csv: line 1: the header row must name the columns 'file' and 'received'/);
    const twice = csv("twice.csv", "file,received\nAT.xlsx,2009-11-14\ninbox/AT.xlsx,2009-11-15\n");
    expect(cli(dir, "consolidate", "inbox", "--out", "x.xlsx", "--received", twice).stderr).toMatch(/twice\.csv: line 3: inbox\/AT\.xlsx is given twice \(lines 2 and 3\)/);
    expect(cli(dir, "consolidate", "inbox", "--out", "x.xlsx", "--received", "nowhere.csv").stderr).toMatch(/PT-CLI-001 nowhere\.csv: cannot read the --received list: no such file or folder \(ENOENT\)/);
    const v = cli(dir, "validate", "inbox", "--received", bad);
    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/PT-CLI-001 --received applies to consolidate only/);
  });

  it("reads the CSV as Excel writes it: BOM, semicolons, quotes, columns in any order", () => {
    const files = ["in/AT.xlsx", "in/BE, annex.xlsx", "in/CY.xlsx "];
    const list = csv("excel.csv", '\uFEFFReceived;Sender;File\r\n2009-11-14;Vienna;AT.xlsx\r\n"2009-11-15 09:30Z";Brussels;"BE, annex.xlsx"\r\n2009-11-16T08:00:00.5-02:00;Nicosia;"CY.xlsx "\r\n');
    const r = receivedFromCsv(list, files);
    expect([...r.byFile]).toEqual([
      ["in/AT.xlsx", "2009-11-14"],
      ["in/BE, annex.xlsx", "2009-11-15T09:30:00Z"],
      ["in/CY.xlsx ", "2009-11-16T10:00:00Z"],
    ]);
    expect(r.warnings).toEqual([]);
    const quotedNewline = csv("newline.csv", 'file,received\n"odd\nname.xlsx",2009-11-14\nAT.xlsx,2009-02-30\n');
    expect(() => receivedFromCsv(quotedNewline, files)).toThrow(/line 4: received '2009-02-30'/);
    const short = csv("short.csv", "file,received\nAT.xlsx\n");
    expect(() => receivedFromCsv(short, files)).toThrow(/line 2: 1 column where the header has 2/);
  });

  it("parses days and date-times; a time without a zone is the computer's local time", () => {
    expect(parseReceived("2009-11-14")).toBe("2009-11-14");
    expect(parseReceived("2009-11-14T23:30:00+01:00")).toBe("2009-11-14T22:30:00Z");
    expect(parseReceived("2009-11-14T09:30")).toBe(new Date(2009, 10, 14, 9, 30).toISOString().replace(".000Z", "Z"));
    for (const bad of ["14/11/2009", "2009-13-01", "2009-11-14T24:00", "2009-11-14T09:30+25:00", "yesterday", ""]) expect(parseReceived(bad)).toBeUndefined();
  });

  it("readReturn carries the date received on the outcome, for readable and unreadable files alike", () => {
    const file = join(inbox, "AT.xlsx");
    expect(readReturn(file, catalogue).source.received).toBe("2009-11-20T10:00:00Z");
    expect(readReturn(file, catalogue, "2009-11-14").source.received).toBe("2009-11-14");
    const letter = join(dir, "letter.xlsx");
    writeFileSync(letter, "Dear colleagues");
    utimesSync(letter, at("2009-11-01T00:00:00Z"), at("2009-11-01T00:00:00Z"));
    const outcome = readReturn(letter, catalogue);
    expect("error" in outcome && outcome.error.code).toBe("PT-READ-001");
    expect(outcome.source.received).toBe("2009-11-01T00:00:00Z");
    expect(readReturn(join(dir, "missing.xlsx"), catalogue).source.received).toBeUndefined();
  });
});
