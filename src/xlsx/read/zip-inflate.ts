import { Inflate, inflateSync } from "fflate";
import { CodedError } from "../../core/errors/coded-error";
import { READ_TOO_LARGE, READ_ZIP_CORRUPT } from "./codes";
import { crc32 } from "./crc32";
import { LeReader } from "./le-reader";
import { nodeZlib } from "../native";
import type { ZipEntry } from "./zip-directory";

/**
 * Unpacks one entry as a stream of chunks. Each part is first verified (real output counted
 * against the caps, then size and CRC checked) and only then streamed to a parser, so a zip bomb
 * is stopped by counting before any of it is parsed. Declared sizes are never trusted.
 */

const SIG_LOCAL = 0x04034b50;
const LOCAL_SIZE = 30;
/**
 * Compressed bytes pushed per step. Deflate expands at most ~1032:1, so one step produces at
 * most ~33 MB before the caps are checked again: that bounds memory while inflating a bomb.
 */
const INPUT_STEP = 32 * 1024;
/**
 * Small parts (all of a normal return's) are inflated in one call into a buffer of their declared
 * size plus one sentinel byte: no buffer regrowth, which is most of streaming's cost. Output past
 * the buffer is dropped by the typed array, the sentinel shows it happened, and the input bound
 * caps the wasted work on a lying bomb (128 KB of deflate decodes to at most ~130 MB).
 */
const FAST_MAX_OUTPUT = 1024 * 1024;
const FAST_MAX_INPUT = 128 * 1024;
/**
 * In Node, parts up to this declared size (and FAST_MAX_INPUT compressed) are inflated by zlib in
 * one call, its output capped at the declared size plus one byte (zlib stops there and throws), so
 * a lying bomb costs no more memory than an honest part would. Larger parts stream through fflate,
 * in bounded steps, their real output counted against the caps.
 */
const NATIVE_MAX_OUTPUT = 16 * 1024 * 1024;
const zlib = nodeZlib();
/** Stored entries are handed out in slices so the text decoder and parser see modest chunks. */
const STORED_STEP = 64 * 1024;

const MB = 1024 * 1024;
const size = (bytes: number): string => (bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`);

/** Bytes unpacked so far across parts, against the total cap. */
export class InflateBudget {
  private used = 0;

  constructor(
    private readonly maxEntryBytes: number,
    private readonly maxTotalBytes: number,
  ) {}

  /** Throws once a part passes its own cap or all parts pass the total. */
  charge(entry: ZipEntry, entryBytes: number, added: number): void {
    this.used += added;
    if (entryBytes > this.maxEntryBytes) {
      throw new CodedError(READ_TOO_LARGE, `part '${entry.name}' unpacks to more than ${size(this.maxEntryBytes)} (cap for one part)`);
    }
    if (this.used > this.maxTotalBytes) {
      throw new CodedError(READ_TOO_LARGE, `the parts read unpack to more than ${size(this.maxTotalBytes)} (cap for the whole workbook)`);
    }
  }
}

const corrupt = (entry: ZipEntry, what: string): CodedError => new CodedError(READ_ZIP_CORRUPT, `the zip is corrupt: part '${entry.name}' ${what}`);

/** The compressed bytes of an entry, after checking its local header agrees with the directory. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const r = new LeReader(bytes, (what) => {
    throw corrupt(entry, `has ${what} outside the file`);
  });
  const at = entry.localOffset;
  if (r.u32(at, "a local header") !== SIG_LOCAL) throw corrupt(entry, "has no local header where the directory points");
  const nameLen = r.u16(at + 26);
  const extraLen = r.u16(at + 28);
  const name = r.slice(at + LOCAL_SIZE, nameLen, "a name");
  if (name.length !== entry.rawName.length || name.some((b, i) => b !== entry.rawName[i])) {
    throw corrupt(entry, "has a local header naming another entry");
  }
  return r.slice(at + LOCAL_SIZE + nameLen + extraLen, entry.compressedSize, "data");
}

/** Feeds the entry's content to `emit`; errors thrown by `emit` pass through unchanged. */
function pump(bytes: Uint8Array, entry: ZipEntry, emit: (chunk: Uint8Array) => void): void {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.declaredSize) throw corrupt(entry, "is stored with two different sizes");
    for (let p = 0; p < data.length; p += STORED_STEP) emit(data.subarray(p, p + STORED_STEP));
    return;
  }
  if (zlib && entry.declaredSize <= NATIVE_MAX_OUTPUT && data.length <= FAST_MAX_INPUT) {
    let out: Uint8Array;
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: entry.declaredSize + 1 });
    } catch (e) {
      // zlib's refusal to grow past maxOutputLength (a RangeError, from Node's own realm).
      if ((e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw corrupt(entry, `unpacks to more than the ${entry.declaredSize} bytes its directory entry says`);
      throw corrupt(entry, `has bad deflate data (${e instanceof Error ? e.message : String(e)})`);
    }
    if (out.length > entry.declaredSize) throw corrupt(entry, `unpacks to more than the ${entry.declaredSize} bytes its directory entry says`);
    if (out.length) emit(out);
    return;
  }
  if (entry.declaredSize <= FAST_MAX_OUTPUT && data.length <= FAST_MAX_INPUT) {
    let out: Uint8Array;
    try {
      out = inflateSync(data, { out: new Uint8Array(entry.declaredSize + 1) });
    } catch (e) {
      throw corrupt(entry, `has bad deflate data (${e instanceof Error ? e.message : String(e)})`);
    }
    if (out.length > entry.declaredSize) throw corrupt(entry, `unpacks to more than the ${entry.declaredSize} bytes its directory entry says`);
    emit(out);
    return;
  }
  let inCallback = false;
  try {
    const inflate = new Inflate((chunk) => {
      if (chunk.length === 0) return;
      inCallback = true;
      emit(chunk);
      inCallback = false;
    });
    if (data.length === 0) inflate.push(data, true);
    for (let p = 0; p < data.length; p += INPUT_STEP) inflate.push(data.subarray(p, p + INPUT_STEP), p + INPUT_STEP >= data.length);
  } catch (e) {
    if (inCallback || e instanceof CodedError) throw e;
    throw corrupt(entry, `has bad deflate data (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Unpacks the entry, counting the real output against the caps (stopping as soon as one is
 * passed), then checks size and CRC against the directory. `onChunk` may keep the output.
 */
export function verifyEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, onChunk?: (chunk: Uint8Array) => void): void {
  let produced = 0;
  let crc = 0;
  pump(bytes, entry, (chunk) => {
    produced += chunk.length;
    budget.charge(entry, produced, chunk.length);
    crc = crc32(crc, chunk);
    onChunk?.(chunk);
  });
  if (produced !== entry.declaredSize) throw corrupt(entry, `unpacks to ${produced} bytes, not the ${entry.declaredSize} its directory entry says`);
  if (crc !== entry.crc) throw corrupt(entry, "fails its CRC check");
}

/** Streams a verified entry's content; inflation is deterministic, so it is the verified data. */
export function streamEntry(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  let produced = 0;
  pump(bytes, entry, (chunk) => {
    produced += chunk.length;
    if (produced > entry.declaredSize) throw corrupt(entry, "unpacks past its verified size");
    onChunk(chunk);
  });
}
