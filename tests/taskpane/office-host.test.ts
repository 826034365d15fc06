import { detectHost, officeGlobal, type OfficeGlobal } from "../../src/taskpane/office-host";

function fakeOffice(host: string | null, platform: string | null, supported: (name: string, v?: string) => boolean) {
  const calls: Array<[string, string | undefined]> = [];
  const office: OfficeGlobal = {
    onReady: async () => ({ host, platform }),
    context: {
      requirements: {
        isSetSupported: (name, minVersion) => {
          calls.push([name, minVersion]);
          return supported(name, minVersion);
        },
      },
    },
  };
  return { office, calls };
}

describe("detectHost", () => {
  it("is standalone when Office.js is not loaded (no Office global)", async () => {
    expect(officeGlobal()).toBeUndefined();
    await expect(detectHost()).resolves.toEqual({ kind: "browser" });
  });

  it("is standalone when Office.js is loaded outside Office (host null)", async () => {
    const { office } = fakeOffice(null, null, () => true);
    await expect(detectHost(office)).resolves.toEqual({ kind: "browser" });
  });

  it("asks Excel whether ExcelApi 1.9 is supported", async () => {
    const yes = fakeOffice("Excel", "OfficeOnline", () => true);
    await expect(detectHost(yes.office)).resolves.toEqual({ kind: "excel", platform: "OfficeOnline", requiredApiSupported: true });
    expect(yes.calls).toEqual([["ExcelApi", "1.9"]]);

    const no = fakeOffice("Excel", "PC", () => false);
    await expect(detectHost(no.office)).resolves.toEqual({ kind: "excel", platform: "PC", requiredApiSupported: false });
  });

  it("recognises another Office application", async () => {
    const { office } = fakeOffice("Word", "Mac", () => true);
    await expect(detectHost(office)).resolves.toEqual({ kind: "other-office", host: "Word", platform: "Mac" });
  });

  it("lets an Office.onReady failure reach the caller", async () => {
    const office: OfficeGlobal = {
      onReady: () => Promise.reject(new Error("Office.js has not fully loaded.")),
      context: { requirements: { isSetSupported: () => true } },
    };
    await expect(detectHost(office)).rejects.toThrow("Office.js has not fully loaded.");
  });
});
