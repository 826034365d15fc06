/**
 * The one place that reads the `Office` global. Everything else receives a HostInfo, so the task
 * pane also runs in a plain browser (standalone mode, e2e tests) and components need no Office.
 *
 * Errors are not swallowed: if Office.onReady rejects, the caller shows the message to the user.
 * Silence is not waited out forever either: without office.js, or when Office.onReady does not
 * settle in time, the pane goes on in standalone mode and says why.
 */

import { REQUIRED_EXCEL_API } from "../excel/requirements";

/** The Excel API level the manifest requires: defined by the adapter, re-exported for the pane. */
export { REQUIRED_EXCEL_API };

/**
 * Where every build loads office.js from (webpack.config.js writes it into taskpane.html). Microsoft
 * only supports the CDN copy, which always matches the Office clients in use; the npm package is
 * old and lacks newer members (Worksheet.notes, Range.valuesAsJson) that the hosts report.
 */
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** How long Office.onReady may take before the pane gives up on Office (it normally takes < 1 s). */
export const OFFICE_READY_TIMEOUT_MS = 10_000;

/**
 * A page global that shortens the timeout (the e2e tests set it with an init script). A global, not
 * a query parameter, so nothing a link carries changes how the pane starts.
 */
export const OFFICE_READY_TIMEOUT_GLOBAL = "pactTrackerOfficeReadyTimeoutMs";

export type HostInfo =
  /** Inside Excel. `requiredApiSupported` is false on clients below REQUIRED_EXCEL_API. */
  | { readonly kind: "excel"; readonly platform: string; readonly requiredApiSupported: boolean }
  /** Inside another Office application (the manifest targets Workbook only, so only if forced). */
  | { readonly kind: "other-office"; readonly host: string; readonly platform: string }
  /** No Office host: standalone mode, on files. `standalone` says why (absent: outside Office). */
  | { readonly kind: "browser"; readonly standalone?: StandaloneCause };

/** Why the pane runs standalone. */
export type StandaloneCause =
  /** office.js loaded and says there is no Office host: a plain browser. */
  | { readonly reason: "outside-office" }
  /** office.js did not load (offline, the address blocked, not a script): there is no Office API. */
  | { readonly reason: "office-js-missing"; readonly url: string }
  /** office.js loaded, but Office.onReady neither resolved nor rejected within `timeoutMs`. */
  | { readonly reason: "no-answer"; readonly timeoutMs: number };

/** Which office.js the page runs, for the pane's about line (the real-Excel checklist notes it). */
export interface OfficeJsInfo {
  /** The address the page loaded it from (taskpane.html's script tag). */
  readonly url: string;
  /** office.js's own build number, where the library exposes it. */
  readonly build?: string;
  /** The Office application's version (Office.context.diagnostics.version), inside Office only. */
  readonly hostVersion?: string;
}

/** What detectHost found: the host, and the office.js that answered (absent when none loaded). */
export interface Detection {
  readonly host: HostInfo;
  readonly officeJs?: OfficeJsInfo;
}

/** The part of the Office.js global this module uses; tests pass a fake. */
export interface OfficeGlobal {
  onReady(): Promise<{ host: string | null; platform: string | null }>;
  readonly context: {
    readonly requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    /** Absent on clients that do not expose the theme (and outside Office). */
    readonly officeTheme?: { readonly isDarkTheme?: boolean; readonly bodyBackgroundColor?: string };
    /** Host, platform and the Office application's version (ExcelApi-independent, Office 2016+). */
    readonly diagnostics?: { readonly version?: string };
  };
}

/** The Office global if office.js has loaded, else undefined (never throws a ReferenceError). */
export function officeGlobal(): OfficeGlobal | undefined {
  return typeof Office === "undefined" ? undefined : (Office as unknown as OfficeGlobal);
}

/** The office.js address taskpane.html asked for (its script tag has id="office-js"). */
export function officeJsSource(): string {
  if (typeof document === "undefined") return OFFICE_JS_CDN;
  const tag = document.getElementById("office-js");
  return tag instanceof HTMLScriptElement && tag.src ? tag.src : OFFICE_JS_CDN;
}

/**
 * office.js's build number (e.g. "16.0.18324.10000"). It is in OSF.ConstantNames.FileVersion, an
 * undocumented internal of office.js: read defensively, and only for display.
 */
export function officeJsBuild(): string | undefined {
  const osf: unknown = (globalThis as { OSF?: unknown }).OSF;
  if (typeof osf !== "object" || osf === null) return undefined;
  const names: unknown = (osf as { ConstantNames?: unknown }).ConstantNames;
  if (typeof names !== "object" || names === null) return undefined;
  const version: unknown = (names as { FileVersion?: unknown }).FileVersion;
  return typeof version === "string" && version ? version : undefined;
}

/** The timeout the page asks for through OFFICE_READY_TIMEOUT_GLOBAL, else OFFICE_READY_TIMEOUT_MS. */
export function officeReadyTimeoutMs(): number {
  const asked: unknown = (globalThis as Record<string, unknown>)[OFFICE_READY_TIMEOUT_GLOBAL];
  return typeof asked === "number" && Number.isFinite(asked) && asked > 0 ? asked : OFFICE_READY_TIMEOUT_MS;
}

export interface DetectOptions {
  /** The Office global; default: the page's. Given as undefined: office.js did not load. */
  readonly office?: OfficeGlobal;
  /** How long to wait for Office.onReady; default officeReadyTimeoutMs(). */
  readonly timeoutMs?: number;
  /** Where office.js was loaded from; default officeJsSource(). */
  readonly officeJsUrl?: string;
  /** office.js's build number; default officeJsBuild(). */
  readonly officeJsBuild?: string;
}

const TIMED_OUT = Symbol("timed out");

/** A value for display only: a client whose getter throws must not stop the pane. */
function readSafely(read: () => string | undefined): string | undefined {
  try {
    const value = read();
    return typeof value === "string" && value ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Waits for Office.js (if present, at most `timeoutMs`) and says which host the page runs in.
 *
 * taskpane.html loads office.js with a plain (parser-blocking) script tag and the bundle deferred,
 * so by the time this runs office.js has either run or failed: no `Office` global means it did not
 * load. That needs no inline onerror handler, which a strict Content-Security-Policy would block.
 */
export async function detectHost(options: DetectOptions = {}): Promise<Detection> {
  const office = "office" in options ? options.office : officeGlobal();
  const url = options.officeJsUrl ?? officeJsSource();
  if (!office) return { host: { kind: "browser", standalone: { reason: "office-js-missing", url } } };
  const build = "officeJsBuild" in options ? options.officeJsBuild : officeJsBuild();
  const library: OfficeJsInfo = build ? { url, build } : { url };
  const timeoutMs = options.timeoutMs ?? officeReadyTimeoutMs();

  // Promise.race subscribes to onReady: a rejection after the timeout is handled (and ignored).
  const ready = office.onReady();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  let answer: Awaited<typeof ready> | typeof TIMED_OUT;
  try {
    answer = await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
  if (answer === TIMED_OUT) return { host: { kind: "browser", standalone: { reason: "no-answer", timeoutMs } }, officeJs: library };

  // Outside Office, office.js still resolves onReady, with host and platform null.
  const { host, platform } = answer;
  if (!host) return { host: { kind: "browser", standalone: { reason: "outside-office" } }, officeJs: library };
  const hostVersion = readSafely(() => office.context.diagnostics?.version);
  const officeJs = hostVersion ? { ...library, hostVersion } : library;
  if (host === "Excel") {
    return {
      host: {
        kind: "excel",
        platform: platform ?? "unknown",
        requiredApiSupported: office.context.requirements.isSetSupported(REQUIRED_EXCEL_API.name, REQUIRED_EXCEL_API.minVersion),
      },
      officeJs,
    };
  }
  return { host: { kind: "other-office", host, platform: platform ?? "unknown" }, officeJs };
}

/** One line for the user: where the task pane runs. */
export function describeHost(info: HostInfo): string {
  switch (info.kind) {
    case "excel":
      return `Running in Excel (${REQUIRED_EXCEL_API.name} ${REQUIRED_EXCEL_API.minVersion} supported: ${
        info.requiredApiSupported ? "yes" : "no"
      })`;
    case "other-office":
      return `Running in ${info.host} — Pact Tracker is an Excel add-in`;
    case "browser":
      // Office.js answered nothing: most likely Excel with a problem, so no claim of a plain browser.
      return info.standalone?.reason === "no-answer"
        ? "Not connected to Office — standalone mode"
        : "Running in a plain browser — standalone mode";
  }
}

/** "10 seconds", "1 second", "0.5 seconds". */
function seconds(ms: number): string {
  const s = ms / 1000;
  const shown = Number.isInteger(s) ? String(s) : s.toFixed(1);
  return `${shown} ${s === 1 ? "second" : "seconds"}`;
}

/** Why the pane is on files only although it may be in Office: a title and a sentence, or none. */
export function standaloneNotice(info: HostInfo): { readonly title: string; readonly text: string } | undefined {
  if (info.kind !== "browser" || !info.standalone) return undefined;
  const cause = info.standalone;
  switch (cause.reason) {
    case "outside-office":
      return undefined;
    case "office-js-missing":
      return {
        title: "office.js could not be loaded",
        text:
          `The Office JavaScript API did not load from ${cause.url} (offline, or the address is blocked), ` +
          "so only the standalone work on files is available. In Excel, allow that address and reopen the pane.",
      };
    case "no-answer":
      return {
        title: "Office did not answer",
        text:
          `Office did not answer within ${seconds(cause.timeoutMs)}; the pane continues in standalone mode, on files. ` +
          "If you are in Excel, close and reopen the pane.",
      };
  }
}

/** The about line: which office.js runs, and in which Office. */
export function describeOfficeJs(info: OfficeJsInfo): string {
  const build = info.build ? ` (build ${info.build})` : "";
  const host = info.hostVersion ? `; Office ${info.hostVersion}` : "";
  return `office.js: ${info.url}${build}${host}`;
}

/**
 * Whether Office shows a dark theme, so the pane matches it. `isDarkTheme` is recent; older clients
 * only give colours, so the body background's lightness decides. Outside Excel: light.
 */
export function officeThemeIsDark(host: HostInfo, office: OfficeGlobal | undefined = officeGlobal()): boolean {
  if (host.kind !== "excel" || !office) return false;
  const theme = office.context.officeTheme;
  if (!theme) return false;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  return isDarkColour(theme.bodyBackgroundColor ?? "");
}

/** "#1f1f1f" → true. Relative luminance below the midpoint counts as dark; unreadable colours as light. */
export function isDarkColour(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? "ff", 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
