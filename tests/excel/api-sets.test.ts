import {
  type ApiSet,
  compareVersions,
  defaultDtsPath,
  excelApiSets,
  memberApiSet,
  parseApiSetText,
  parseExcelApiSets,
} from "./api-sets";

const excelApi = (version: string): ApiSet => ({ set: "ExcelApi", version });

// The real 8.8 MB d.ts, parsed once; its speed is measured by `npm run bench`, not here.
const sets = excelApiSets();

describe("excelApiSets over the installed @types/office-js", () => {
  it("parses the d.ts once (the same map again, for the default path and the explicit one)", () => {
    expect(excelApiSets()).toBe(sets);
    expect(excelApiSets(defaultDtsPath())).toBe(sets);
  });

  it.each([
    ["Range", "valuesAsJson", "1.16"],
    ["Range", "values", "1.1"],
    ["Range", "valueTypes", "1.1"],
    ["Range", "numberFormat", "1.1"],
    ["Range", "getMergedAreasOrNullObject", "1.13"],
    ["Range", "dataValidation", "1.8"],
    ["Range", "getCellProperties", "1.9"],
    ["RangeFormat", "wrapText", "1.1"],
    ["Worksheet", "notes", "1.18"],
    ["Worksheet", "comments", "1.10"],
    ["Worksheet", "protection", "1.2"],
    ["Worksheet", "pageLayout", "1.9"],
    ["WorksheetProtection", "protect", "1.2"],
    ["WorksheetCollection", "onAdded", "1.7"],
    // The docs and the d.ts agree: 1.9 on the collection, while Worksheet.onChanged is 1.7.
    ["WorksheetCollection", "onChanged", "1.9"],
    ["Worksheet", "onChanged", "1.7"],
    ["WorksheetCollection", "onNameChanged", "1.17"],
    ["Workbook", "settings", "1.4"],
    ["Workbook", "properties", "1.7"],
    ["SettingCollection", "add", "1.4"],
    ["SettingCollection", "onSettingsChanged", "1.4"],
    ["PageLayout", "orientation", "1.9"],
    ["PageLayout", "setPrintArea", "1.9"],
    ["PageLayout", "headersFooters", "1.9"],
    ["Functions", "date", "1.2"],
  ])("%s.%s came in ExcelApi %s", (className, member, version) => {
    expect(memberApiSet(className, member)).toEqual(excelApi(version));
  });

  it("keeps a member that is in no ExcelApi set with its own set", () => {
    expect(memberApiSet("PageLayout", "printQuality")).toEqual({ set: "ExcelApiDesktop", version: "1.1" });
    expect(memberApiSet("Range", "formulaArray")).toEqual({ set: "ExcelApiDesktop", version: "1.1" });
    expect(memberApiSet("Worksheet", "namedSheetViews")).toEqual({ set: "ExcelApiOnline", version: "1.1" });
    expect(memberApiSet("WorksheetProtection", "pauseProtection")).toEqual({ set: "ExcelApiOnline", version: "1.1" });
  });

  it("takes the first version of a qualified annotation and ignores the sets named in @param text", () => {
    // "[Api set: ExcelApi 1.1 for get, 1.8 for set]"
    expect(memberApiSet("Application", "calculationMode")).toEqual(excelApi("1.1"));
    // "[Api set: ExcelApi 1.9, ExcelApi Preview for null `destinationRange`]"
    expect(memberApiSet("Range", "autoFill")).toEqual(excelApi("1.9"));
    // "[Api set: ExcelApi 1.1 requires an index smaller …; 1.4 allows index to be optional …]"
    expect(memberApiSet("TableColumnCollection", "add")).toEqual(excelApi("1.1"));
    // getUsedRange is 1.1; its valuesOnly parameter says "[Api set: ExcelApi 1.2]".
    expect(memberApiSet("Worksheet", "getUsedRange")).toEqual(excelApi("1.1"));
    // An annotation with no @remarks above it.
    expect(memberApiSet("RequestContext", "runtime")).toEqual(excelApi("1.5"));
  });

  it("gives a member with no annotation of its own its class's set, and leaves out the ClientObject basics", () => {
    expect(memberApiSet("WorksheetCollection", "items")).toEqual(excelApi("1.1"));
    expect(memberApiSet("SettingCollection", "items")).toEqual(excelApi("1.4"));
    expect(memberApiSet("AllowEditRangeCollection", "items")).toEqual({ set: "ExcelApiOnline", version: "1.1" });
    for (const basic of ["context", "load", "set", "toJSON", "track", "untrack"]) {
      expect(memberApiSet("Range", basic)).toBeUndefined();
    }
    // RequestContext's workbook and application carry no annotation, and neither does the class.
    expect(memberApiSet("RequestContext", "workbook")).toBeUndefined();
    expect(memberApiSet("Range", "noSuchMember")).toBeUndefined();
    expect(memberApiSet("NoSuchClass", "values")).toBeUndefined();
  });

  it("covers the classes of the Excel namespace and no interface, Interfaces.* type or other host's class", () => {
    expect(sets.size).toBeGreaterThanOrEqual(150);
    let members = 0;
    for (const classMembers of sets.values()) members += classMembers.size;
    expect(members).toBeGreaterThanOrEqual(2000);
    for (const name of ["RangeData", "RangeLoadOptions", "RangeUpdateData", "CollectionLoadOptions", "WorksheetAddedEventArgs", "CellProperties", "RunOptions"]) {
      expect(sets.has(name)).toBe(false);
    }
    expect([...sets.keys()].filter((name) => /(Data|LoadOptions|UpdateData|EventArgs)$/.test(name))).toEqual([]);
    // Word has a Range class too, further down the file; its members must not leak into Excel's.
    expect(memberApiSet("Range", "insertParagraph")).toBeUndefined();
    expect(sets.has("Paragraph")).toBe(false);
  });

  it("only ever answers a known set with a dotted version", () => {
    const odd: string[] = [];
    for (const [className, classMembers] of sets) {
      for (const [member, { set, version }] of classMembers) {
        if (!/^ExcelApi(Online|Desktop)?$/.test(set) || !/^\d+\.\d+$/.test(version)) odd.push(`${className}.${member}: ${set} ${version}`);
      }
    }
    expect(odd).toEqual([]);
  });
});

describe("the scanner", () => {
  const dts = [
    "declare namespace Office {",
    "    class Range extends OfficeExtension.ClientObject {",
    "        /**",
    "         * [Api set: ExcelApi 1.1]",
    "         */",
    "        officeOnly: string;",
    "    }",
    "}",
    "declare namespace Excel {",
    "    /**",
    "     * @remarks",
    "     * [Api set: ExcelApi 1.3]",
    "     */",
    "    class Thing extends OfficeExtension.ClientObject {",
    "        context: RequestContext;",
    "        /** Gets the loaded child items in this collection. */",
    "        readonly items: Excel.Thing[];",
    "        /**",
    "         * Online first, then in ExcelApi.",
    "         *",
    "         * @remarks",
    "         * [Api set: ExcelApiOnline 1.1]",
    "         * [Api set: ExcelApi 1.12]",
    "         */",
    "        both?: number;",
    "        /**",
    "         * @remarks",
    "         * [Api set: ExcelApi BETA (PREVIEW ONLY)]",
    "         */",
    "        readonly preview: string;",
    "        /**",
    "         * @remarks",
    "         * [Api set: ExcelApi BETA (PREVIEW ONLY)]",
    "         * [Api set: ExcelApiOnline 1.2]",
    "         */",
    "        onlineOrPreview: string;",
    "        /**",
    "         * @remarks",
    "         * [Api set: ExcelApi 1.10]",
    "         */",
    "        go(options: {",
    "            fast: boolean;",
    "        }): void;",
    "        /**",
    "         * @remarks",
    "         * [Api set: ExcelApi 1.9]",
    "         *",
    "         * @param where Somewhere. [Api set: ExcelApi 1.2]",
    "         */",
    "        go(where: string): void;",
    "        /**",
    "         * [Api set: ExcelApi 1.4]",
    "         */",
    "        get size(): number;",
    "        /**",
    "         * @remarks",
    "         * [Api set: ExcelApi 1.7]",
    "         *",
    "         * @eventproperty",
    "         */",
    "        readonly onChanged: OfficeExtension.EventHandlers<Excel.ThingChangedEventArgs>;",
    "        load(propertyNames?: string | string[]): Excel.Thing;",
    "        toJSON(): Excel.Interfaces.ThingData;",
    "    }",
    "    /**",
    "     * [Api set: ExcelApi 1.1]",
    "     */",
    "    interface ThingOptions {",
    "        /**",
    "         * [Api set: ExcelApi 1.1]",
    "         */",
    "        option: boolean;",
    "    }",
    "    namespace Interfaces {",
    "        interface ThingData {",
    "            both?: number;",
    "        }",
    "        class Sneaky extends OfficeExtension.ClientObject {",
    "            /**",
    "             * [Api set: ExcelApi 1.1]",
    "             */",
    "            sneaky: string;",
    "        }",
    "    }",
    "}",
    "declare namespace Word {",
    "    class Thing extends OfficeExtension.ClientObject {",
    "        /**",
    "         * [Api set: WordApi 1.1]",
    "         */",
    "        wordOnly: string;",
    "    }",
    "}",
    "",
  ].join("\n");
  const parsed = parseExcelApiSets(dts);
  const thing = parsed.get("Thing");

  it("takes only the classes of declare namespace Excel, outside its nested namespaces", () => {
    expect([...parsed.keys()]).toEqual(["Thing"]);
    expect([...(thing?.keys() ?? [])].sort()).toEqual(["both", "go", "items", "onChanged", "onlineOrPreview", "preview", "size"]);
  });

  it("prefers released ExcelApi, then another released set, then a preview, and the lowest overload", () => {
    expect(thing?.get("both")).toEqual(excelApi("1.12"));
    expect(thing?.get("onlineOrPreview")).toEqual({ set: "ExcelApiOnline", version: "1.2" });
    expect(thing?.get("preview")).toEqual({ set: "ExcelApi", version: "BETA (PREVIEW ONLY)" });
    expect(thing?.get("go")).toEqual(excelApi("1.9"));
    expect(thing?.get("size")).toEqual(excelApi("1.4"));
    expect(thing?.get("onChanged")).toEqual(excelApi("1.7"));
    expect(thing?.get("items")).toEqual(excelApi("1.3"));
  });

  it("reads the sets of one annotation", () => {
    expect(parseApiSetText("ExcelApi 1.1 for get, 1.8 for set")).toEqual([excelApi("1.1")]);
    expect(parseApiSetText("ExcelApi 1.9, ExcelApi Preview for null `destinationRange`")).toEqual([
      excelApi("1.9"),
      { set: "ExcelApi", version: "Preview" },
    ]);
    expect(parseApiSetText("ExcelApi 1.8. The name of this value was 'Others' in ExcelApi 1.7")).toEqual([excelApi("1.8")]);
    expect(parseApiSetText("ExcelApiOnline 1.1")).toEqual([{ set: "ExcelApiOnline", version: "1.1" }]);
  });

  it("compares versions as dotted numbers", () => {
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("1.9", "1.10")).toBeLessThan(0);
    expect(compareVersions("1.2", "1.2.0")).toBe(0);
  });
});
