/**
 * Caps for reading an untrusted workbook. Each bounds memory or time; every one is far above
 * what a real return needs (a filled template is ~20–200 KB zipped, a few thousand cells).
 */
export interface ReadLimits {
  /** Bytes of the file as received. */
  readonly maxFileBytes: number;
  /** Entries in the zip's central directory. */
  readonly maxEntries: number;
  /** Unpacked bytes of any one part we read. */
  readonly maxEntryBytes: number;
  /** Unpacked bytes of all parts we read, together. */
  readonly maxTotalBytes: number;
  /** Characters in one cell's text. */
  readonly maxCellText: number;
  /** Characters in any other string we keep: a shared string, a name, a property. */
  readonly maxText: number;
  /** Entries in the shared-string table. */
  readonly maxSharedStrings: number;
  /** Non-empty cell values in the whole workbook. */
  readonly maxCells: number;
  /** Defined names in the workbook. */
  readonly maxDefinedNames: number;
  /** Sheet details in the whole workbook: formulas, cached errors, linked cells and comments, each counted per cell. */
  readonly maxDetails: number;
  /** Merged ranges in the whole workbook. */
  readonly maxMergedRanges: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  // Mail gateways and our upload stop far below this; anything bigger is not a return.
  maxFileBytes: 100 * MB,
  // A workbook has dozens of parts; 10k leaves room for many pictures while bounding directory work.
  maxEntries: 10_000,
  // One part: ~1M cells of XML. Also bounds how long a zip bomb is inflated before we stop.
  maxEntryBytes: 100 * MB,
  // All parts read together: bounds total inflate/parse time and the memory of the result.
  maxTotalBytes: 200 * MB,
  // Text of one cell: a memory bound, not Excel's 32,767 limit. A script can write longer text;
  // the validator reports it (PT-CONT-010) with its cell and item, which tells the sender more
  // than refusing the whole file would. Past this cap the file is refused.
  maxCellText: 1_048_576,
  // Any other string (shared strings, names, properties): bounds memory per string (2 MB).
  maxText: 1_048_576,
  // An Excel sheet holds no more distinct strings than cells we accept; bounds the table's memory.
  maxSharedStrings: 1_000_000,
  // ~100 MB of grid at worst; a return has a few thousand cells, a full template sheet a few hundred.
  maxCells: 1_000_000,
  // A template defines a handful of names; each costs an object, so a name-stuffed part is refused.
  maxDefinedNames: 100_000,
  // A detail costs a map entry like a cell value does, and a formula-only cell has no value to be
  // counted as one: the same bound as cells keeps the details' memory in the same range.
  maxDetails: 1_000_000,
  // A template merges a few dozen ranges; each is kept and checked against entry cells downstream,
  // and a merge costs no cell, so it needs a cap of its own. Far above any real sheet.
  maxMergedRanges: 100_000,
};

/**
 * Fixed bounds that follow from the format or from Excel itself rather than from policy. Each
 * keeps a tiny element from costing a large object, so memory stays a small multiple of the caps.
 */
export const FORMAT_BOUNDS = {
  // Excel's own limit on unique cell formats in a workbook; also bounds number-format definitions.
  cellFormats: 65_490,
  // No SpreadsheetML element has more than a few dozen attributes.
  attributesPerElement: 256,
} as const;
