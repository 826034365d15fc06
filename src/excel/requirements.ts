/**
 * The Excel API levels the add-in depends on. The adapter owns them (arrows point inward: the task
 * pane imports them from here, never the other way round).
 */

/** The Excel API level the manifest requires (see the comment at <Requirements> in manifest.xml). */
export const REQUIRED_EXCEL_API = { name: "ExcelApi", minVersion: "1.9" } as const;

/** What the host supports: the shape of Office.context.requirements the adapter asks (host.ts, capabilities.ts). */
export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}
