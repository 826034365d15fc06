import { createExcelWorkspace } from "../../src/excel/excel-workspace";
import type { ExcelWorkspace } from "../../src/excel/workspace";
import { catalogue } from "../support/returns";
import { FakeExcel } from "./fake-excel";

export const FRAMEWORKS = ["pact-2008", "prague-ap-2012", "prague-ap-2023", "prague-jd-2009", "emn-ahq-2010"] as const;

/** The first and the last party of a framework's list, by code. */
export function firstAndLast(frameworkId: string): [string, string] {
  const parties = catalogue.partiesOf(catalogue.framework(frameworkId));
  return [parties[0]?.code ?? "", parties[parties.length - 1]?.code ?? ""];
}

export const FOUR_MB = 4 * 1024 * 1024;

export interface Setup {
  readonly fake: FakeExcel;
  readonly workspace: ExcelWorkspace;
  readonly supported: string[];
}

/**
 * A workspace over a fresh fake workbook that already holds the user's own sheet. The workspace
 * asks the fake's own requirements and library (set fake.excelApi / fake.library to model an older
 * Excel or office.js); `excelApi19: false` makes the host deny everything, for the activation check.
 */
export function setup(options: { requestBytes?: number; excelApi19?: boolean } = {}): Setup {
  const fake = new FakeExcel();
  fake.addSheet("Sheet1", { A1: "my own notes", B2: 42 });
  const supported: string[] = [];
  const workspace = createExcelWorkspace({
    run: fake.run,
    requirements: {
      isSetSupported: (name, version) => {
        supported.push(`${name} ${version ?? ""}`);
        return (options.excelApi19 ?? true) && fake.requirements.isSetSupported(name, version);
      },
    },
    library: { hasMember: (member) => fake.library.hasMember(member) },
    ...(options.requestBytes ? { requestBytes: options.requestBytes } : {}),
  });
  return { fake, workspace, supported };
}
