import type { SheetGrid } from "../../src/core/grid/grid";

/** A coverage sheet read back as a reader sees it: its cells by item and party, and every total it prints. */
export interface ReadMatrix {
  readonly states: readonly string[];
  readonly parties: readonly string[];
  /** `${ref} ${code}` → the state in the cell. */
  readonly cells: ReadonlyMap<string, string>;
  /** The states counted over every cell of the matrix. */
  readonly counted: ReadonlyMap<string, number>;
  /** The key below the totals: state → its line. */
  readonly key: ReadonlyMap<string, string>;
}

const count = (m: Map<string, number>, k: string, by = 1): void => {
  m.set(k, (m.get(k) ?? 0) + by);
};

/**
 * Reads a coverage (or status) matrix and checks every total against the cells it counts: the
 * totals column of each item row, each area's total row, and each "Total per party" row (empty for a
 * withheld party). Throws, naming the cell, on the first total that disagrees.
 */
export function readMatrix(g: SheetGrid): ReadMatrix {
  let header = -1;
  for (let r = 0; r < g.rowCount && header < 0; r++) if (g.text(r, 0) === "Ref" && g.text(r, 1) === "Item") header = r;
  if (header < 0) throw new Error(`${g.name}: no heading row`);
  const parties: string[] = [];
  const stateCols = new Map<string, number>();
  for (let c = 2; c < g.colCount; c++) {
    const h = g.text(header, c);
    if (h.startsWith("Total: ")) stateCols.set(h.slice("Total: ".length), c);
    else if (h !== "") parties.push(h);
  }
  const states = [...stateCols.keys()];
  const cells = new Map<string, string>();
  const counted = new Map<string, number>();
  const perParty = parties.map(() => new Map<string, number>());
  let area = new Map<string, number>();
  let r = header + 1;
  const fail = (msg: string): never => {
    throw new Error(`${g.name} row ${r + 1}: ${msg}`);
  };
  for (; r < g.rowCount && !g.text(r, 1).startsWith("Total per party: "); r++) {
    if (g.text(r, 1).startsWith("Total area ")) {
      for (const [st, c] of stateCols) if (g.get(r, c) !== (area.get(st) ?? 0)) fail(`area total '${st}' is ${String(g.get(r, c))}, the area's cells count ${area.get(st) ?? 0}`);
      area = new Map();
      continue;
    }
    const ref = g.text(r, 0);
    const row = new Map<string, number>();
    parties.forEach((code, i) => {
      const v = g.text(r, 2 + i);
      const st = v.includes(" → ") ? (v.split(" → ")[1] ?? v) : v;
      if (!states.includes(st)) fail(`${code}: '${v}' is no state of the matrix`);
      cells.set(`${ref} ${code}`, st);
      count(row, st);
      count(area, st);
      count(counted, st);
      count(perParty[i] as Map<string, number>, st);
    });
    for (const [st, c] of stateCols) if (g.get(r, c) !== (row.get(st) ?? 0)) fail(`${ref} total '${st}' is ${String(g.get(r, c))}, the row counts ${row.get(st) ?? 0}`);
  }
  for (; r < g.rowCount && g.text(r, 1).startsWith("Total per party: "); r++) {
    const st = g.text(r, 1).slice("Total per party: ".length);
    parties.forEach((code, i) => {
      const m = perParty[i] as Map<string, number>;
      const withheld = (m.get("not for wider dissemination") ?? 0) > 0;
      const expected = withheld ? null : (m.get(st) ?? 0);
      if (g.get(r, 2 + i) !== expected) fail(`${code} total '${st}' is ${String(g.get(r, 2 + i))}, its column counts ${String(expected)}`);
    });
  }
  const key = new Map<string, string>();
  for (; r < g.rowCount; r++) {
    const t = g.text(r, 0);
    const st = states.find((s) => t.startsWith(`${s}: `));
    if (st && !key.has(st)) key.set(st, t);
    if (t.startsWith("Trend per area")) break;
  }
  return { states, parties, cells, counted, key };
}

/** The Summary's coverage counts ("Coverage: reported" …), for a report of one framework and cycle. */
export function summaryCoverage(summary: SheetGrid): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = 0; r < summary.rowCount; r++) {
    const t = summary.text(r, 0);
    if (t.startsWith("Coverage: ")) out.set(t.slice("Coverage: ".length), Number(summary.get(r, 1)));
  }
  return out;
}
