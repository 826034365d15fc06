import type { Catalogue } from "../../core/catalogue/catalogue";
import type { Framework } from "../../core/catalogue/schema";
import { count } from "../wording";

/** The catalogue as the `frameworks --json` contract describes it. */
export function frameworksJson(catalogue: Catalogue): unknown {
  return {
    frameworks: catalogue.frameworks.map((fw: Framework) => ({
      id: fw.id,
      title: fw.title,
      version: fw.version,
      areas: fw.areas.map((a) => ({
        id: a.id,
        title: a.title,
        ...(a.mainCommitment ? { mainCommitment: a.mainCommitment } : {}),
        items: a.items.map((i) => ({
          ref: i.ref,
          text: i.text,
          subitems: i.subitems.map((s) => ({ ref: s.ref, text: s.text })),
          guidance: i.guidance,
        })),
      })),
    })),
  };
}

export function frameworksTable(catalogue: Catalogue): string {
  const rows = catalogue.frameworks.map((fw) => {
    const items = fw.areas.reduce((n, a) => n + a.items.length, 0);
    return [fw.id, fw.version, `${count(fw.areas.length, "area")}, ${count(items, "item")}`, fw.title];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join("  ")).join("\n");
}
