import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { consolidate, type ConsolidateJson } from "../../src/cli/commands/consolidate";
import { META_ROWS } from "../../src/core/template/layout";
import { runConsolidation } from "../../src/taskpane/consolidate/run-consolidation";
import { registerViewModel } from "../../src/taskpane/components/group-register";
import { sheetLine } from "../../src/taskpane/components/RegisterSummaryView";
import type { NamedBlob } from "../../src/taskpane/files/file-bytes";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { filledReturn } from "../support/xlsx-returns";
import { tempDir } from "../support/tools";

/**
 * One counting: the same returns, consolidated by the CLI (its --json counts and summary lines) and
 * by the pane (what its worker runs, then the register's view model), give the same counts — by
 * return and by sheet — and judge lateness on the same dates of receipt.
 */
describe("the CLI and the pane count the same inputs the same way", () => {
  const dir = tempDir("counts-agree");
  const names: string[] = [];
  const deadline = "2026-11-15";

  beforeAll(async () => {
    const write = async (name: string, bytes: Uint8Array, received: string): Promise<void> => {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      utimesSync(file, new Date(received), new Date(received));
      names.push(name);
    };
    // A Pact return (two sheets, one return), received late.
    const el = templateSpec("pact-2008", "EL");
    await write("EL.xlsx", await filledReturn(el.spec, fillAll(el.spec, el.framework, el.party)), "2026-11-20T09:00:00Z");
    // A blank Pact template sent back: returned empty, both sheets.
    const fr = templateSpec("pact-2008", "FR");
    await write("FR.xlsx", await filledReturn(fr.spec, []), "2026-11-10T09:00:00Z");
    // The AHQ: Austria says no to wider dissemination (withheld); Sweden's update supersedes its first return.
    const at = templateSpec("emn-ahq-2010", "AT");
    await write("AT.xlsx", await filledReturn(at.spec, [...fillAll(at.spec, at.framework, at.party), { sheet: at.spec.sheets[0]?.name ?? "", row: META_ROWS.dissemination, col: 1, value: "no" }]), "2026-11-11T09:00:00Z");
    const se = templateSpec("emn-ahq-2010", "SE");
    await write("SE.xlsx", await filledReturn(se.spec, fillAll(se.spec, se.framework, se.party)), "2026-11-12T09:00:00Z");
    const up = templateSpec("emn-ahq-2010", "SE", "update");
    await write("SE-update.xlsx", await filledReturn(up.spec, fillAll(up.spec, up.framework, up.party)), "2026-11-13T09:00:00Z");
    // Not a workbook: rejected, one return and one sheet.
    await write("scan.xlsx", new TextEncoder().encode("%PDF-1.7 scanned letter"), "2026-11-12T10:00:00Z");
  }, 120_000);

  /** The CLI, in process: its --json document, and the summary it prints without --json. */
  async function viaCli(extra: { receivedCsv?: string } = {}): Promise<{ json: ConsolidateJson; summary: string[] }> {
    const run = async (json: boolean): Promise<string[]> => {
      const out: string[] = [];
      const options = { inputs: names.map((n) => join(dir, n)), out: join(dir, `combined-${json ? "json" : "text"}.xlsx`), order: "protocol", strict: false, deadlines: [`initial=${deadline}`], json, jobs: 1, force: true, ...extra };
      expect(await consolidate(catalogue, options, (l) => out.push(l), () => undefined)).toBe(0);
      return out;
    };
    return { json: JSON.parse((await run(true)).join("\n")) as ConsolidateJson, summary: await run(false) };
  }

  /** The pane: the files as the browser hands them over (File.lastModified is the time on disk), through the worker's run. */
  async function viaPane(receivedDays?: Record<number, string>) {
    const blobs: NamedBlob[] = names.map((n) => {
      const file = join(dir, n);
      const bytes = new Uint8Array(readFileSync(file));
      return { name: n, lastModified: statSync(file).mtimeMs, arrayBuffer: async () => bytes.slice().buffer };
    });
    const result = await runConsolidation(
      { files: blobs, order: "protocol", strict: false, deadlines: { initial: deadline }, includeSpec: false, ...(receivedDays ? { receivedDays } : {}) },
      { catalogue, writeBytes: workbookBytes },
      () => undefined,
    );
    return registerViewModel(result.summary);
  }

  it("by return and by sheet, with every status, late and withheld", async () => {
    const cli = await viaCli();
    const pane = await viaPane();
    const { files, skipped, ...cliCounts } = cli.json.counts;
    expect(pane.counts).toEqual(cliCounts);
    expect([files, skipped]).toEqual([6, 0]);
    // The definitions, pinned: a Pact return is one return of two sheets; a blank one is returned empty.
    expect(cliCounts.returns).toEqual({ received: 6, accepted: 3, "accepted with errors": 0, "returned empty": 1, superseded: 1, rejected: 1, late: 1, withheld: 1 });
    expect(cliCounts.sheets).toEqual({ received: 8, accepted: 4, "accepted with errors": 0, "returned empty": 2, superseded: 1, rejected: 1, late: 2, withheld: 1 });
    // The summary line says the same numbers, by return and by sheet.
    expect(cli.summary).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {24}returns {2}sheets$/),
        expect.stringMatching(/^counted: a return is one party's workbook/),
        expect.stringMatching(/^received +6 +8$/),
        expect.stringMatching(/^ {2}accepted +3 +4$/),
        expect.stringMatching(/^ {2}returned empty +1 +2$/),
        expect.stringMatching(/^late +1 +2$/),
        expect.stringMatching(/^withheld from public +1 +1$/),
        expect.stringMatching(/^late \(1 return, 2 sheets\): .*EL\.xlsx \(EL\)$/),
      ]),
    );
    // And the pane's sheet line.
    expect(sheetLine(pane.counts.sheets)).toBe("By template sheet (8): 4 accepted, 2 returned empty, 1 superseded, 1 rejected; 2 late, 1 withheld from the public edition");
  }, 120_000);

  it("a day entered in the pane judges lateness as the CLI's --received list does", async () => {
    const csv = join(dir, "received.csv");
    writeFileSync(csv, "file,received\nEL.xlsx,2026-11-14\n");
    const cli = await viaCli({ receivedCsv: csv });
    const pane = await viaPane({ [names.indexOf("EL.xlsx")]: "2026-11-14" });
    const { files: _files, skipped: _skipped, ...cliCounts } = cli.json.counts;
    expect(pane.counts).toEqual(cliCounts);
    expect(cliCounts.returns.late).toBe(0);
    // Both registers say where the date came from.
    const cliEl = cli.json.rows.filter((r) => r.file.endsWith("EL.xlsx"));
    const paneEl = pane.returns.find((g) => g.file === "EL.xlsx")?.rows ?? [];
    expect(cliEl.map((r) => [r.received, r.receivedFrom, r.late])).toEqual([
      ["2026-11-14", "received list", false],
      ["2026-11-14", "received list", false],
    ]);
    expect(paneEl.map((r) => [r.received, r.receivedFrom, r.late])).toEqual([
      ["2026-11-14", "entered", false],
      ["2026-11-14", "entered", false],
    ]);
    expect(paneEl[0]?.note).toContain("received date: entered in the pane");
    // The others: their time on disk, in both.
    expect(cli.json.rows.find((r) => r.file.endsWith("AT.xlsx"))).toMatchObject({ received: "2026-11-11T09:00:00Z", receivedFrom: "file time" });
    expect(pane.returns.find((g) => g.file === "AT.xlsx")?.rows[0]).toMatchObject({ received: "2026-11-11T09:00:00Z", receivedFrom: "file time" });
  }, 120_000);
});
