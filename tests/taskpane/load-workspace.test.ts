import { PANE_EXCEL_UNAVAILABLE, toPaneError } from "../../src/taskpane/errors";
import { loadExcelWorkspace } from "../../src/taskpane/excel/load-workspace";

describe("loadExcelWorkspace", () => {
  it("reports a chunk that cannot be loaded as PT-PANE-004, naming the cause", async () => {
    const failed = loadExcelWorkspace(() => Promise.reject(new Error("Loading chunk excel failed")));
    await expect(failed).rejects.toMatchObject({ code: PANE_EXCEL_UNAVAILABLE });
    const error = await failed.catch((e: unknown) => e);
    expect(toPaneError(error)).toMatchObject({ code: "PT-PANE-004", message: expect.stringContaining("Loading chunk excel failed") });
  });
});
