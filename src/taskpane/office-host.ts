/**
 * The one place that reads the `Office` global. Everything else receives a HostInfo, so the task
 * pane also runs in a plain browser (standalone mode, e2e tests) and components need no Office.
 *
 * Errors are not swallowed: if Office.onReady rejects, the caller shows the message to the user.
 */

import { REQUIRED_EXCEL_API } from "../excel/requirements";

/** The Excel API level the manifest requires: defined by the adapter, re-exported for the pane. */
export { REQUIRED_EXCEL_API };

export type HostInfo =
  /** Inside Excel. `requiredApiSupported` is false on clients below REQUIRED_EXCEL_API. */
  | { readonly kind: "excel"; readonly platform: string; readonly requiredApiSupported: boolean }
  /** Inside another Office application (the manifest targets Workbook only, so only if forced). */
  | { readonly kind: "other-office"; readonly host: string; readonly platform: string }
  /** No Office host: Office.js is missing (offline, plain page) or loaded outside Office. */
  | { readonly kind: "browser" };

/** The part of the Office.js global this module uses; tests pass a fake. */
export interface OfficeGlobal {
  onReady(): Promise<{ host: string | null; platform: string | null }>;
  readonly context: {
    readonly requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    /** Absent on clients that do not expose the theme (and outside Office). */
    readonly officeTheme?: { readonly isDarkTheme?: boolean; readonly bodyBackgroundColor?: string };
  };
}

/** The Office global if office.js has loaded, else undefined (never throws a ReferenceError). */
export function officeGlobal(): OfficeGlobal | undefined {
  return typeof Office === "undefined" ? undefined : (Office as unknown as OfficeGlobal);
}

/** Waits for Office.js (if present) and says which host the page runs in. */
export async function detectHost(office: OfficeGlobal | undefined = officeGlobal()): Promise<HostInfo> {
  if (!office) return { kind: "browser" };
  // Outside Office, office.js still resolves onReady, with host and platform null.
  const { host, platform } = await office.onReady();
  if (!host) return { kind: "browser" };
  if (host === "Excel") {
    return {
      kind: "excel",
      platform: platform ?? "unknown",
      requiredApiSupported: office.context.requirements.isSetSupported(
        REQUIRED_EXCEL_API.name,
        REQUIRED_EXCEL_API.minVersion,
      ),
    };
  }
  return { kind: "other-office", host, platform: platform ?? "unknown" };
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
      return "Running in a plain browser — standalone mode";
  }
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
