import { buildRegister, type ReadOutcome, type RegisterOptions } from "../../src/core/consolidation/register";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { META_ROWS } from "../../src/core/template/layout";
import { catalogue, fillAll, templateSpec, type Edit, gridsWith } from "./returns";

/** A seeded pseudo-random generator: the property tests are reproducible. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const PIECES = ["asylum", "=SUM(A1:A9)", "+cmd", "@risk", "-2", "line\nbreak", "  spaced  ", "ünïcödé", "\"quoted\"", "<b>tag</b>", "nothing to report", "12", "€ 1.5m"];

/** Random but valid content for text entries: the no-data-lost property runs over these. */
export function randomText(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 5);
  return Array.from({ length: n }, () => PIECES[Math.floor(rand() * PIECES.length)] ?? "x").join(" ").trim() || "x";
}

export interface GeneratedReturn {
  readonly file: string;
  readonly edits: readonly Edit[];
  readonly outcome: ReadOutcome;
}

/** A filled return, validated from grids (no file), as the register sees it. */
export function generatedReturn(file: string, frameworkId: string, party: string, opts: { round?: "initial" | "update"; modified?: string; rand?: () => number; dissemination?: "yes" | "no"; blankRefs?: readonly string[] } = {}): GeneratedReturn {
  const { spec, framework, party: p } = templateSpec(frameworkId, party, opts.round ?? "initial");
  const refAt = (sheet: string, row: number): string => String(spec.sheets.find((x) => x.name === sheet)?.cells.find((c) => c.row === row && c.col === 0)?.value ?? "");
  const edits: Edit[] = fillAll(spec, framework, p).map((e) => {
    if (typeof e.value !== "string" || !e.value.includes("kept as text")) return e;
    if (opts.blankRefs?.includes(refAt(e.sheet, e.row))) return { ...e, value: null };
    return opts.rand ? { ...e, value: randomText(opts.rand) } : e;
  });
  if (opts.dissemination) edits.push({ sheet: spec.sheets[0]?.name ?? "", row: META_ROWS.dissemination, col: 1, value: opts.dissemination });
  const grids = gridsWith(spec, edits);
  const validation = validateWorkbook(grids.map((grid) => ({ grid })), catalogue);
  return { file, edits, outcome: { source: { file, sha256: `sha-${file}`, ...(opts.modified ? { modified: opts.modified } : {}) }, validation } };
}

export function registerOf(returns: readonly GeneratedReturn[], options: RegisterOptions = {}) {
  return buildRegister(returns.map((r) => r.outcome), catalogue, options);
}
