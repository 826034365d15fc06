import { FakeExcel } from "./fake-excel";

/**
 * The fake must be at least as strict as Excel about what the reader uses, or a reader that
 * forgets a load passes here and fails in Excel.
 */

const notLoaded = expect.objectContaining({ code: "PropertyNotLoaded" });

function workbook(): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet("Sheet1", { A1: "text", B1: 2 });
  fake.setFormula("Sheet1", "C1", "=B1*2", 4);
  fake.addComment("Sheet1", "A1", "Anna", "why?", [{ author: "Ben", content: "because" }]);
  fake.addNote("Sheet1", "B1", "Carl", "a note");
  return fake;
}

function thrown(read: () => unknown): unknown {
  try {
    read();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe("the fake Office.js is as strict as Excel", () => {
  it("a range property is readable only once loaded and synced, and only if named in the load", async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").load("values,valueTypes");
      expect(thrown(() => range.values)).toEqual(notLoaded);
      await context.sync();
      expect(range.values).toEqual([["text", 2, 4]]);
      expect(range.valueTypes).toEqual([["String", "Double", "Double"]]);
      expect(thrown(() => range.formulas)).toEqual(notLoaded);
      expect(thrown(() => range.numberFormat)).toEqual(notLoaded);
    });
  });

  it("formulas give '=…' for a formula and the value for a constant", async () => {
    const fake = workbook();
    const got = await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:D1").load("formulas");
      await context.sync();
      return range.formulas;
    });
    expect(got).toEqual([["text", 2, "=B1*2", ""]]);
  });

  it("a collection load reveals only the item properties it names", async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const comments = context.workbook.worksheets.getItem("Sheet1").comments.load("items/content");
      await context.sync();
      expect(sheets.items[0]?.name).toBe("Sheet1");
      expect(thrown(() => sheets.items[0]?.visibility)).toEqual(notLoaded);
      expect(comments.items[0]?.content).toBe("why?");
      expect(thrown(() => comments.items[0]?.authorName)).toEqual(notLoaded);
      const replies = comments.items[0]?.replies.load("items/authorName");
      await context.sync();
      expect(replies?.items[0]?.authorName).toBe("Ben");
      expect(thrown(() => replies?.items[0]?.content)).toEqual(notLoaded);
    });
  });

  it("a ClientResult (cell properties) is readable only after a sync", async () => {
    const fake = workbook();
    fake.setHyperlink("Sheet1", "A1", { address: "https://example.org" });
    await fake.run(async (context) => {
      const props = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").getCellProperties({ hyperlink: true });
      expect(thrown(() => props.value)).toEqual(notLoaded);
      await context.sync();
      expect(props.value).toEqual([[{ hyperlink: { address: "https://example.org" } }, {}]]);
    });
  });

  it("a load naming a property the fake does not keep fails the sync", async () => {
    const fake = workbook();
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values,formulasR1C1");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded", message: expect.stringContaining("formulasR1C1") });
  });

  it("merged areas: a null object without merges, whose address must not be read; only areas starting in the range", async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Sheet1");
      const none = ws.getRange().getMergedAreasOrNullObject().load("address");
      await context.sync();
      expect(none.isNullObject).toBe(true);
      expect(thrown(() => none.address)).toEqual(expect.objectContaining({ code: "InvalidObjectPath" }));
    });
    fake.addSheet("it's, odd");
    fake.mergeCells("it's, odd", "B2:C3");
    fake.mergeCells("it's, odd", "A5:D5");
    const address = await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("it's, odd");
      const all = ws.getRange().getMergedAreasOrNullObject().load("address");
      const part = ws.getRange("C3:D9").getMergedAreasOrNullObject().load("address");
      await context.sync();
      expect(part.isNullObject).toBe(true);
      return all.address;
    });
    expect(address).toBe("'it''s, odd'!B2:C3, 'it''s, odd'!A5:D5");
  });

  it("an API above the Excel's requirement set fails the sync with ApiNotFound, and isSetSupported says so", async () => {
    const fake = workbook();
    fake.excelApi = "1.12";
    expect(fake.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(fake.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
    expect(fake.requirements.isSetSupported("ExcelApi", "1.10")).toBe(true);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange().getMergedAreasOrNullObject().load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").notes.load("items/content");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("DATE(1904,1,1) is 1462 in a 1900 workbook and 0 in a 1904 one", async () => {
    const fake = workbook();
    const probe = (): Promise<number> =>
      fake.run(async (context) => {
        const r = context.workbook.functions.date(1904, 1, 1).load("value");
        await context.sync();
        return r.value;
      });
    expect(await probe()).toBe(1462);
    fake.workbook.date1904 = true;
    expect(await probe()).toBe(0);
  });

  it("a proxy is dead once its Excel.run has ended: queueing on it fails, what it loaded stays readable", async () => {
    const fake = workbook();
    const range = await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      await context.sync();
      return r;
    });
    expect(range.values).toEqual([["text"]]);
    expect(thrown(() => range.load("formulas"))).toEqual(expect.objectContaining({ code: "InvalidObjectPath" }));
  });

  it("activate() is refused on a hidden sheet", async () => {
    const fake = workbook();
    fake.sheet("Sheet1").visibility = "Hidden";
    fake.addSheet("Visible");
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").activate();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  it("unprotect() needs the password the sheet was protected with", async () => {
    const fake = workbook();
    const attempt = (password?: string) =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").protection.unprotect(password);
        await context.sync();
      });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").protection.protect({}, "secret");
      await context.sync();
    });
    await expect(attempt()).rejects.toMatchObject({ code: "BadPassword" });
    await expect(attempt("wrong")).rejects.toMatchObject({ code: "BadPassword" });
    await attempt("secret");
    expect(fake.sheet("Sheet1").protection.protected).toBe(false);
  });

  it("the add-in's own writes fire onChanged, after the request", async () => {
    const fake = workbook();
    const seen: string[] = [];
    await fake.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (args: Excel.WorksheetChangedEventArgs) => {
        seen.push(`${args.worksheetId} ${args.address}`);
      });
      await context.sync();
    });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2:B2").values = [["a", "b"]];
      await context.sync();
    });
    expect(seen).toEqual([]);
    await fake.idle();
    expect(seen).toEqual([`${fake.sheet("Sheet1").id} A2:B2`]);
  });

  it("an injected failure stops the request before its operation: earlier ones stand, later ones do not", async () => {
    const fake = workbook();
    fake.failOperation(new Error("injected"), (op) => op.name === "values" && op.path.includes("A3"));
    await expect(
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Sheet1");
        ws.getRange("A2").values = [["before"]];
        ws.getRange("A3").values = [["failing"]];
        ws.getRange("A4").values = [["after"]];
        await context.sync();
      }),
    ).rejects.toThrow("injected");
    expect([fake.cell("Sheet1", "A2")?.value, fake.cell("Sheet1", "A3")?.value, fake.cell("Sheet1", "A4")?.value]).toEqual(["before", undefined, undefined]);
  });

  describe("conditional formats (ExcelApi 1.6): CellValue and Custom", () => {
    /** Queues one conditional format on Sheet1!A1:A3 and syncs. */
    const addFormat = (fake: FakeExcel, queue: (range: Excel.Range) => void) =>
      fake.run(async (context) => {
        queue(context.workbook.worksheets.getItem("Sheet1").getRange("A1:A3"));
        await context.sync();
      });

    it("a Custom format keeps its formula (with '=') and fill, relative to the range, and may name another sheet", async () => {
      const fake = workbook();
      fake.addSheet("pt_carried (2)");
      await addFormat(fake, (range) => {
        const cf = range.conditionalFormats.add("Custom");
        cf.custom.format.fill.color = "#DDEBF7";
        cf.custom.rule.formula = `=AND(A1<>"",EXACT(A1,'pt_carried (2)'!F2))`;
      });
      expect(fake.sheet("Sheet1").conditionalFormats).toEqual([
        { range: { top: 0, left: 0, bottom: 2, right: 0 }, type: "Custom", fill: "#DDEBF7", rule: { formula: `=AND(A1<>"",EXACT(A1,'pt_carried (2)'!F2))` }, formula: `=AND(A1<>"",EXACT(A1,'pt_carried (2)'!F2))` },
      ]);
    });

    it.each([
      ["without '='", `AND(A1<>"",EXACT(A1,Sheet1!B1))`],
      ["naming a sheet that does not exist", `=EXACT(A1,'pt_carried'!F2)`],
      ["naming an unquoted sheet that does not exist", "=EXACT(A1,Lists!F2)"],
      ["with an unclosed string", '=A1<>"x'],
      ["with unbalanced parentheses", "=AND(A1,B1"],
    ])("a Custom formula %s fails the sync", async (_what, formula) => {
      const fake = workbook();
      await expect(addFormat(fake, (range) => (range.conditionalFormats.add("Custom").custom.rule.formula = formula))).rejects.toMatchObject({ code: "InvalidArgument" });
      expect(fake.sheet("Sheet1").conditionalFormats.map((f) => f.formula)).toEqual([undefined]);
    });

    it("a format is used through its own type's property: custom on a CellValue format (and cellValue on a Custom one) fails", async () => {
      const fake = workbook();
      await expect(addFormat(fake, (range) => (range.conditionalFormats.add("CellValue").custom.rule.formula = "=A1=1"))).rejects.toMatchObject({ code: "ItemNotFound" });
      await expect(addFormat(fake, (range) => (range.conditionalFormats.add("Custom").cellValue.format.fill.color = "#FF0000"))).rejects.toMatchObject({ code: "ItemNotFound" });
    });

    it("an unknown type, a colour that is none, an Excel before ExcelApi 1.6 and a protected sheet are refused", async () => {
      const fake = workbook();
      await expect(addFormat(fake, (range) => range.conditionalFormats.add("Formula" as Excel.ConditionalFormatType))).rejects.toMatchObject({ code: "InvalidArgument" });
      await expect(addFormat(fake, (range) => (range.conditionalFormats.add("Custom").custom.format.fill.color = "#DDEBF"))).rejects.toMatchObject({ code: "InvalidArgument" });
      fake.excelApi = "1.5";
      await expect(addFormat(fake, (range) => range.conditionalFormats.add("Custom"))).rejects.toMatchObject({ code: "ApiNotFound" });
      fake.excelApi = "1.19";
      fake.sheet("Sheet1").protection.protected = true;
      await expect(addFormat(fake, (range) => range.conditionalFormats.add("Custom"))).rejects.toMatchObject({ code: "AccessDenied" });
      expect(fake.sheet("Sheet1").conditionalFormats.map((f) => f.type)).toEqual(["Custom"]);
    });
  });

  it("a request over 5 MB is refused", async () => {
    const fake = workbook();
    const big = "x".repeat(6_000_000);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A5").values = [[big]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });
});

describe("leniencies Excel does not have", () => {
  it("Range.merge keeps only the upper-left value (of each row, across)", async () => {
    const fake = new FakeExcel();
    fake.addSheet("s", { A1: "a", B1: "b", A2: "c", B2: "d" });
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("s");
      ws.getRange("A1:B1").merge(false);
      ws.getRange("A2:B2").merge(true);
      await context.sync();
    });
    expect(["A1", "B1", "A2", "B2"].map((a) => fake.cell("s", a)?.value)).toEqual(["a", "", "c", ""]);
    fake.addSheet("t", { A1: "x", B1: "y" });
    fake.mergeByHand("t", "A1:B1");
    expect(fake.cell("t", "B1")?.value).toBe("");
  });

  it("a very hidden sheet cannot be deleted (by design), a hidden one can", async () => {
    const fake = new FakeExcel();
    fake.addSheet("keep");
    fake.addSheet("vh").visibility = "VeryHidden";
    fake.addSheet("h").visibility = "Hidden";
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("vh").delete();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException" });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("h").delete();
      await context.sync();
    });
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(["keep", "vh"]);
  });

  it.each(["A1", "xfd1048576", "R1C1", "r", "C", "1st", "my name", "TRUE", "a-b", ""])("the defined name %p is refused", async (name) => {
    const fake = new FakeExcel();
    fake.addSheet("s");
    await expect(
      fake.run(async (context) => {
        context.workbook.names.add(name, context.workbook.worksheets.getItem("s").getRange("A1"));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it.each(["pt_status", "_x", "List.2", "XFE1", "AAAA1", "status_2"])("the defined name %p is taken", async (name) => {
    const fake = new FakeExcel();
    fake.addSheet("s");
    await fake.run(async (context) => {
      context.workbook.names.add(name, context.workbook.worksheets.getItem("s").getRange("A1"));
      await context.sync();
    });
    expect(fake.workbook.names.has(name.toLowerCase())).toBe(true);
  });

  it.each(["'quoted", "quoted'", "History", "a/b", "x".repeat(32)])("the sheet name %p is refused", (name) => {
    const fake = new FakeExcel();
    expect(() => fake.addSheet(name)).toThrow(expect.objectContaining({ code: "InvalidArgument" }) as unknown as Error);
  });

  it("every number reads back as Double, never Integer (as Excel reports them)", async () => {
    const fake = new FakeExcel();
    fake.addSheet("s", { A1: 3, B1: 2.5 });
    const types = await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem("s").getRange("A1:B1").load("valueTypes");
      await context.sync();
      return r.valueTypes;
    });
    expect(types).toEqual([["Double", "Double"]]);
  });

  it("typed input is parsed as Excel parses it, in a cell not formatted as Text", async () => {
    const fake = new FakeExcel();
    fake.addSheet("s");
    const cases: [string, unknown][] = [["2026", 2026], ["50%", 0.5], ["10:30", 0.4375], ["(5)", -5], ["1,000", 1000], ["$5", 5], ["TRUE", true], ["Mr Smith", "Mr Smith"]];
    for (const [i, [input]] of cases.entries()) await fake.type("s", i, 0, input);
    expect(cases.map((_, i) => fake.cell("s", `A${i + 1}`)?.value)).toEqual(cases.map(([, v]) => v));
    await fake.type("s", 20, 0, "March 2026");
    expect(fake.cell("s", "A21")).toMatchObject({ value: 46082, numberFormat: "mmm-yy" });
    await fake.type("s", 21, 0, "1/2");
    expect(fake.cell("s", "A22")?.numberFormat).toBe("d-mmm");
  });
});
