import {
  OFFICE_JS_CDN,
  OFFICE_READY_TIMEOUT_GLOBAL,
  OFFICE_READY_TIMEOUT_MS,
  describeHost,
  describeOfficeJs,
  detectHost,
  officeGlobal,
  officeJsBuild,
  officeReadyTimeoutMs,
  standaloneNotice,
  type Detection,
  type OfficeGlobal,
} from "../../src/taskpane/office-host";

type Answer = { host: string | null; platform: string | null };

function fakeOffice(host: string | null, platform: string | null, supported: (name: string, v?: string) => boolean, version?: string) {
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
      ...(version ? { diagnostics: { version } } : {}),
    },
  };
  return { office, calls };
}

/** An Office whose onReady the test settles by hand (or never). */
function pendingOffice() {
  let resolve: (answer: Answer) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const ready = new Promise<Answer>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const office: OfficeGlobal = { onReady: () => ready, context: { requirements: { isSetSupported: () => true } } };
  return { office, resolve, reject };
}

const URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const globals = globalThis as Record<string, unknown>;

afterEach(() => {
  jest.useRealTimers();
  delete globals["Office"];
  delete globals["OSF"];
  delete globals[OFFICE_READY_TIMEOUT_GLOBAL];
});

describe("detectHost", () => {
  it("is standalone, saying office.js did not load, when there is no Office global", async () => {
    expect(officeGlobal()).toBeUndefined();
    await expect(detectHost()).resolves.toEqual({ host: { kind: "browser", standalone: { reason: "office-js-missing", url: OFFICE_JS_CDN } } });
    await expect(detectHost({ office: undefined, officeJsUrl: "https://cdn.test/office.js" })).resolves.toEqual({
      host: { kind: "browser", standalone: { reason: "office-js-missing", url: "https://cdn.test/office.js" } },
    });
  });

  it("uses the page's Office global by default, and says which office.js answered", async () => {
    globals["Office"] = fakeOffice(null, null, () => true).office;
    globals["OSF"] = { ConstantNames: { FileVersion: "16.0.18324.10000" } };
    await expect(detectHost()).resolves.toEqual({
      host: { kind: "browser", standalone: { reason: "outside-office" } },
      officeJs: { url: OFFICE_JS_CDN, build: "16.0.18324.10000" },
    });
  });

  it("is standalone when Office.js is loaded outside Office (host null)", async () => {
    const { office } = fakeOffice(null, null, () => true);
    await expect(detectHost({ office, officeJsUrl: URL, officeJsBuild: undefined })).resolves.toEqual({
      host: { kind: "browser", standalone: { reason: "outside-office" } },
      officeJs: { url: URL },
    });
  });

  it("asks Excel whether ExcelApi 1.9 is supported, and records Office's version", async () => {
    const yes = fakeOffice("Excel", "OfficeOnline", () => true, "16.0.19127.42000");
    await expect(detectHost({ office: yes.office, officeJsUrl: URL, officeJsBuild: "16.0.18324.10000" })).resolves.toEqual({
      host: { kind: "excel", platform: "OfficeOnline", requiredApiSupported: true },
      officeJs: { url: URL, build: "16.0.18324.10000", hostVersion: "16.0.19127.42000" },
    });
    expect(yes.calls).toEqual([["ExcelApi", "1.9"]]);

    const no = fakeOffice("Excel", "PC", () => false);
    const detected = await detectHost({ office: no.office, officeJsUrl: URL, officeJsBuild: undefined });
    expect(detected).toEqual({ host: { kind: "excel", platform: "PC", requiredApiSupported: false }, officeJs: { url: URL } });
  });

  it("still answers when a client's diagnostics cannot be read", async () => {
    const office: OfficeGlobal = {
      onReady: async () => ({ host: "Excel", platform: "Mac" }),
      context: {
        requirements: { isSetSupported: () => true },
        get diagnostics(): { version?: string } {
          throw new Error("not available");
        },
      },
    };
    await expect(detectHost({ office, officeJsUrl: URL, officeJsBuild: undefined })).resolves.toEqual({
      host: { kind: "excel", platform: "Mac", requiredApiSupported: true },
      officeJs: { url: URL },
    });
  });

  it("recognises another Office application", async () => {
    const { office } = fakeOffice("Word", "Mac", () => true);
    await expect(detectHost({ office, officeJsUrl: URL, officeJsBuild: undefined })).resolves.toEqual({
      host: { kind: "other-office", host: "Word", platform: "Mac" },
      officeJs: { url: URL },
    });
  });

  it("lets an Office.onReady failure reach the caller", async () => {
    const office: OfficeGlobal = {
      onReady: () => Promise.reject(new Error("Office.js has not fully loaded.")),
      context: { requirements: { isSetSupported: () => true } },
    };
    await expect(detectHost({ office })).rejects.toThrow("Office.js has not fully loaded.");
  });

  it("gives up on an Office.onReady that does not settle within 10 s, and not a moment before", async () => {
    jest.useFakeTimers();
    const { office } = pendingOffice();
    let result: Detection | undefined;
    void detectHost({ office, officeJsUrl: URL, officeJsBuild: undefined }).then((r) => (result = r));
    await jest.advanceTimersByTimeAsync(OFFICE_READY_TIMEOUT_MS - 1);
    expect(result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(OFFICE_READY_TIMEOUT_MS).toBe(10_000);
    expect(result).toEqual({ host: { kind: "browser", standalone: { reason: "no-answer", timeoutMs: 10_000 } }, officeJs: { url: URL } });
  });

  it("takes the timeout from the page global, and an injected one over both", async () => {
    jest.useFakeTimers();
    globals[OFFICE_READY_TIMEOUT_GLOBAL] = 1500;
    let fromGlobal: Detection | undefined;
    void detectHost({ office: pendingOffice().office, officeJsUrl: URL, officeJsBuild: undefined }).then((r) => (fromGlobal = r));
    let injected: Detection | undefined;
    void detectHost({ office: pendingOffice().office, officeJsUrl: URL, officeJsBuild: undefined, timeoutMs: 200 }).then((r) => (injected = r));
    await jest.advanceTimersByTimeAsync(200);
    expect(injected?.host).toEqual({ kind: "browser", standalone: { reason: "no-answer", timeoutMs: 200 } });
    expect(fromGlobal).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1300);
    expect(fromGlobal?.host).toEqual({ kind: "browser", standalone: { reason: "no-answer", timeoutMs: 1500 } });
  });

  it("leaves no timer behind when Office answers in time", async () => {
    jest.useFakeTimers();
    const { office, resolve } = pendingOffice();
    const detected = detectHost({ office, officeJsUrl: URL, officeJsBuild: undefined });
    expect(jest.getTimerCount()).toBe(1);
    resolve({ host: "Excel", platform: "PC" });
    await expect(detected).resolves.toMatchObject({ host: { kind: "excel" } });
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe("the page's settings and office.js's build", () => {
  it("uses 10 s unless the page global asks for a positive number of milliseconds", () => {
    expect(officeReadyTimeoutMs()).toBe(10_000);
    for (const ignored of ["500", -1, 0, Number.NaN, Number.POSITIVE_INFINITY, null]) {
      globals[OFFICE_READY_TIMEOUT_GLOBAL] = ignored;
      expect(officeReadyTimeoutMs()).toBe(10_000);
    }
    globals[OFFICE_READY_TIMEOUT_GLOBAL] = 750;
    expect(officeReadyTimeoutMs()).toBe(750);
  });

  it("reads office.js's build from OSF.ConstantNames.FileVersion, and nothing else", () => {
    expect(officeJsBuild()).toBeUndefined();
    globals["OSF"] = { ConstantNames: {} };
    expect(officeJsBuild()).toBeUndefined();
    globals["OSF"] = { ConstantNames: { FileVersion: 16 } };
    expect(officeJsBuild()).toBeUndefined();
    globals["OSF"] = { ConstantNames: { FileVersion: "16.0.15407.10000" } };
    expect(officeJsBuild()).toBe("16.0.15407.10000");
  });
});

describe("what the pane says", () => {
  it("names the office.js address when it did not load, and says only the files work", () => {
    const host = { kind: "browser", standalone: { reason: "office-js-missing", url: OFFICE_JS_CDN } } as const;
    expect(describeHost(host)).toBe("Running in a plain browser — standalone mode");
    expect(standaloneNotice(host)).toEqual({
      title: "office.js could not be loaded",
      text:
        "The Office JavaScript API did not load from https://appsforoffice.microsoft.com/lib/1/hosted/office.js (offline, or the address is blocked), " +
        "so only the standalone work on files is available. In Excel, allow that address and reopen the pane.",
    });
  });

  it("says Office did not answer within the timeout, and to reopen the pane in Excel", () => {
    const host = (timeoutMs: number) => ({ kind: "browser", standalone: { reason: "no-answer", timeoutMs } }) as const;
    expect(describeHost(host(10_000))).toBe("Not connected to Office — standalone mode");
    expect(standaloneNotice(host(10_000))).toEqual({
      title: "Office did not answer",
      text: "Office did not answer within 10 seconds; the pane continues in standalone mode, on files. If you are in Excel, close and reopen the pane.",
    });
    expect(standaloneNotice(host(1000))?.text).toContain("within 1 second;");
    expect(standaloneNotice(host(1500))?.text).toContain("within 1.5 seconds;");
  });

  it("has no notice outside Office or inside it", () => {
    expect(standaloneNotice({ kind: "browser", standalone: { reason: "outside-office" } })).toBeUndefined();
    expect(standaloneNotice({ kind: "browser" })).toBeUndefined();
    expect(standaloneNotice({ kind: "excel", platform: "PC", requiredApiSupported: true })).toBeUndefined();
    expect(describeHost({ kind: "browser", standalone: { reason: "outside-office" } })).toBe("Running in a plain browser — standalone mode");
  });

  it("says which office.js runs, with its build and Office's version where known", () => {
    expect(describeOfficeJs({ url: OFFICE_JS_CDN })).toBe(`office.js: ${OFFICE_JS_CDN}`);
    expect(describeOfficeJs({ url: OFFICE_JS_CDN, build: "16.0.18324.10000", hostVersion: "16.0.19127.42000" })).toBe(
      `office.js: ${OFFICE_JS_CDN} (build 16.0.18324.10000); Office 16.0.19127.42000`,
    );
  });
});
