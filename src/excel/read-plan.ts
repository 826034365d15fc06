/**
 * How a sheet of any size is read in bounded requests: rows cut into chunks whose estimated
 * response fits the budget and whose cells stay under Excel's read limit, and chunks packed into
 * requests up to the budget. Pure: the reader measures what came back and passes it in.
 */

/** Excel refuses a range read of more than 5,000,000 cells (RangeExceedsLimit). */
export const EXCEL_READ_CELL_LIMIT = 5_000_000;

/**
 * Bytes a cell costs in a response before anything has been measured: its value and its formula
 * (the same text twice for a constant), its type, its number format and its cell properties.
 * Template cells hold sentences, so this starts high; the reader lowers it once it has measured.
 */
export const FIRST_CELL_BYTES = 160;
/** Even an empty cell costs this much ("", "", "Empty", "General", {} with separators). */
export const MIN_CELL_BYTES = 28;
/** Measured densities are raised by this margin before they are trusted for the next chunk. */
export const DENSITY_MARGIN = 1.25;

/** Rows [top, top + rows) of a sheet's used columns. */
export interface Chunk<S> {
  readonly sheet: S;
  readonly top: number;
  readonly rows: number;
  readonly left: number;
  readonly cols: number;
}

export interface Extent {
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

/** Rows of `cols` columns that `bytes` hold at this density, and Excel's cell limit allows. */
export function rowsThatFit(cols: number, bytes: number, bytesPerCell: number): number {
  const width = Math.max(1, cols);
  const byBytes = Math.floor(bytes / (width * Math.max(MIN_CELL_BYTES, bytesPerCell)));
  return Math.min(byBytes, Math.floor(EXCEL_READ_CELL_LIMIT / width));
}

/** A sheet's whole used range, to be cut into chunks as requests are filled. */
export function wholeRange<S>(sheet: S, extent: Extent): Chunk<S> {
  return { sheet, top: extent.rowIndex, rows: extent.rowCount, left: extent.columnIndex, cols: extent.columnCount };
}

/** Halves of a chunk, for a retry after Excel refused the response; a one-row chunk cannot be split. */
export function splitChunk<S>(c: Chunk<S>): Chunk<S>[] {
  if (c.rows <= 1) return [c];
  const first = Math.ceil(c.rows / 2);
  return [
    { ...c, rows: first },
    { ...c, top: c.top + first, rows: c.rows - first },
  ];
}

/**
 * The next request's chunks, cut from the head of the queue: whole ranges while they fit the
 * budget at this density, then as many rows of the next as fit (always at least one row, so a
 * request is never empty). What is cut off stays at the head of the queue. `extraBytes` is what a
 * chunk costs besides its cells (a sheet's first chunk also brings its merges and comments).
 */
export function takeGroup<S>(queue: Chunk<S>[], budget: number, bytesPerCell: number, extraBytes: (c: Chunk<S>) => number = () => 0): Chunk<S>[] {
  const group: Chunk<S>[] = [];
  let bytes = 0;
  const density = Math.max(MIN_CELL_BYTES, bytesPerCell);
  while (queue.length > 0) {
    const next = queue[0] as Chunk<S>;
    const extra = extraBytes(next);
    const fit = rowsThatFit(next.cols, budget - bytes - extra, density);
    const rows = Math.min(next.rows, group.length === 0 ? Math.max(1, fit) : fit);
    if (rows <= 0) break;
    group.push({ ...next, rows });
    bytes += rows * next.cols * density + extra;
    if (rows === next.rows) queue.shift();
    else queue[0] = { ...next, top: next.top + rows, rows: next.rows - rows };
    if (rows < next.rows) break;
  }
  return group;
}
