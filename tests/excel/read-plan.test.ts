import { EXCEL_READ_CELL_LIMIT, MIN_CELL_BYTES, rowsThatFit, splitChunk, takeGroup, wholeRange, type Chunk } from "../../src/excel/read-plan";

describe("read plan: chunks of rows packed into requests", () => {
  const extent = (rowCount: number, columnCount: number) => ({ rowIndex: 0, columnIndex: 0, rowCount, columnCount });

  it("packs whole small sheets into one request, then cuts the next one at the budget", () => {
    const queue: Chunk<string>[] = [wholeRange("a", extent(10, 10)), wholeRange("b", extent(10, 10)), wholeRange("c", extent(1000, 10))];
    // 100 bytes a cell: 1,000 bytes a row; 50 rows fit 50,000 bytes.
    const first = takeGroup(queue, 50_000, 100);
    expect(first.map((c) => [c.sheet, c.top, c.rows])).toEqual([
      ["a", 0, 10],
      ["b", 0, 10],
      ["c", 0, 30],
    ]);
    expect(queue.map((c) => [c.sheet, c.top, c.rows])).toEqual([["c", 30, 970]]);
    const second = takeGroup(queue, 50_000, 100);
    expect(second.map((c) => [c.sheet, c.top, c.rows])).toEqual([["c", 30, 50]]);
  });

  it("always takes at least one row, and never more cells than Excel reads at once", () => {
    const wide = [wholeRange("w", extent(5, 16_384))];
    expect(takeGroup(wide, 10, 1000).map((c) => c.rows)).toEqual([1]);
    expect(rowsThatFit(16_384, Number.MAX_SAFE_INTEGER, MIN_CELL_BYTES) * 16_384).toBeLessThanOrEqual(EXCEL_READ_CELL_LIMIT);
  });

  it("splits a refused chunk in halves; one row stays one row", () => {
    const c: Chunk<string> = { sheet: "s", top: 4, rows: 5, left: 0, cols: 3 };
    expect(splitChunk(c).map((x) => [x.top, x.rows])).toEqual([
      [4, 3],
      [7, 2],
    ]);
    expect(splitChunk({ ...c, rows: 1 })).toEqual([{ ...c, rows: 1 }]);
  });

  it("counts what a sheet's first chunk brings besides cells", () => {
    const queue = [wholeRange("a", extent(10, 10)), wholeRange("b", extent(10, 10))];
    const group = takeGroup(queue, 15_000, 100, (c) => (c.top === 0 ? 10_000 : 0));
    expect(group.map((c) => [c.sheet, c.rows])).toEqual([["a", 5]]);
  });
});
