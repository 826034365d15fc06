import { Deflate } from "fflate";
import { crc32 } from "../read/crc32";
import { nodeZlib, type NodeZlib } from "../native";

/**
 * A zip archive written front to back into a sink (APPNOTE 6.3: deflate, no ZIP64). A small part
 * is deflated whole and gets a local header with its sizes; a streamed part (a large sheet) gets a
 * data descriptor after its data, as exceljs's streaming writer and most streaming writers do, so
 * no part is ever held whole: what is written is deflated and handed to the sink as it comes.
 */

/** Where the archive's bytes go, in order: a file in Node, a list of chunks in memory. */
export interface ByteSink {
  write(chunk: Uint8Array): void;
}

/** One raw-deflate stream: input in, compressed chunks out through `out`, in order. */
export interface Compressor {
  push(data: Uint8Array, final: boolean): void;
  /**
   * For a compressor that works elsewhere (Node's thread pool): how many slices are still being
   * compressed, and a promise that resolves once no more than `most` are (and, with 0, once all
   * output has gone to `out`). A synchronous compressor has neither.
   */
  readonly backlog?: () => number;
  readonly settled?: (most: number) => Promise<void>;
}

export type CompressorFactory = (out: (chunk: Uint8Array) => void) => Compressor;

/** Level 6 is zlib's default: the best time/size trade for XML. */
const LEVEL = 6;
/** Native deflate takes input in slices this large (each a complete sync-flushed run of blocks). */
const NATIVE_SLICE = 256 * 1024;

/** fflate's streaming deflate: runs anywhere (the task pane's worker). */
export const fflateCompressor: CompressorFactory = (out) => {
  const d = new Deflate({ level: LEVEL });
  d.ondata = (chunk) => {
    if (chunk.length) out(chunk);
  };
  return { push: (data, final) => d.push(data, final) };
};

/**
 * Node's zlib, synchronously: each slice is deflated on its own and ends on a sync flush (byte
 * aligned, not final), the last with a final block, so the slices concatenate into one valid
 * deflate stream. A slice has no history of the one before: at 256 KB that costs a fraction of a
 * percent of size.
 */
export function nativeCompressor(zlib: Pick<NodeZlib, "deflateRawSync" | "constants">, level = LEVEL): CompressorFactory {
  return (out) => {
    let pending: Uint8Array[] = [];
    let size = 0;
    const flush = (final: boolean): void => {
      const input = pending.length === 1 ? (pending[0] as Uint8Array) : concat(pending, size);
      pending = [];
      size = 0;
      const z = zlib.deflateRawSync(input, { level, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
      if (z.length) out(z);
    };
    return {
      push(data, final) {
        if (data.length) {
          pending.push(data);
          size += data.length;
        }
        if (final || size >= NATIVE_SLICE) flush(final);
      },
    };
  };
}

/** The part of node:zlib the thread-pool compressor uses. */
export interface AsyncZlib {
  deflateRaw(data: Uint8Array, options: { level: number; finishFlush: number }, done: (error: Error | null, result: Uint8Array) => void): void;
  readonly constants: { readonly Z_SYNC_FLUSH: number; readonly Z_FINISH: number };
}

/**
 * Node's zlib on its thread pool: each slice is deflated on its own as in nativeCompressor, but
 * off the main thread, so a large sheet is deflated while the next rows are made. Output is handed
 * on strictly in order; the writer waits (settled) when too many slices are in flight.
 */
export function threadPoolCompressor(zlib: AsyncZlib, level = LEVEL): CompressorFactory {
  return (out) => {
    let inFlight = 0;
    let failure: Error | undefined;
    let tail: Promise<void> = Promise.resolve();
    const waiters: { most: number; resolve: () => void; reject: (e: Error) => void }[] = [];
    const wake = (): void => {
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i] as (typeof waiters)[number];
        if (failure) w.reject(failure);
        else if (inFlight > w.most) continue;
        else w.resolve();
        waiters.splice(i, 1);
      }
    };
    const job = (input: Uint8Array, final: boolean): void => {
      inFlight++;
      const done = new Promise<Uint8Array>((resolve, reject) => {
        zlib.deflateRaw(input, { level, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }, (error, result) => (error ? reject(error) : resolve(result)));
      });
      tail = tail.then(async () => {
        try {
          const z = await done;
          if (z.length) out(z);
        } catch (e) {
          failure = e instanceof Error ? e : new Error(String(e));
        }
        inFlight--;
        wake();
      });
    };
    let pending: Uint8Array[] = [];
    let size = 0;
    return {
      push(data, final) {
        if (failure) throw failure;
        if (data.length) {
          pending.push(data);
          size += data.length;
        }
        if (final || size >= NATIVE_SLICE) {
          job(pending.length === 1 ? (pending[0] as Uint8Array) : concat(pending, size), final);
          pending = [];
          size = 0;
        }
      },
      backlog: () => inFlight,
      settled: (most) =>
        new Promise<void>((resolve, reject) => {
          waiters.push({ most, resolve, reject });
          wake();
        }),
    };
  };
}

/** Native deflate in Node, fflate elsewhere. */
export function defaultCompressor(): CompressorFactory {
  const zlib = nodeZlib();
  return zlib ? nativeCompressor(zlib) : fflateCompressor;
}

export function concat(chunks: readonly Uint8Array[], size = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const VERSION = 20;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const DEFLATE = 8;
const MAX_32 = 0xffffffff;

interface Written {
  readonly name: Uint8Array;
  readonly flags: number;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly offset: number;
}

/** A part being streamed: write its bytes, then end it. */
export interface EntryStream {
  write(data: Uint8Array): void;
  /** Ends the part; with a thread-pool compressor, once its last slice is written. */
  end(): void | Promise<void>;
  /** Slices still being compressed elsewhere (0 for a synchronous compressor). */
  backlog(): number;
  /** Resolves once no more than `most` slices are being compressed. */
  settled(most: number): Promise<void>;
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];
  private readonly names = new TextEncoder();
  private readonly time: number;
  private readonly date: number;
  private open = false;

  /** `streamCompressor`: for streamed parts (large sheets), if not `compressor`. */
  constructor(
    private readonly sink: ByteSink,
    private readonly compressor: CompressorFactory = defaultCompressor(),
    now: Date = new Date(),
    private readonly streamCompressor: CompressorFactory = compressor,
  ) {
    // MS-DOS date and time, local time as zip tools show it; 2-second resolution.
    this.time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    this.date = ((Math.max(1980, now.getFullYear()) - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  }

  /** A whole part: deflated first, so its local header carries its sizes and CRC. */
  add(name: string, data: Uint8Array): void {
    this.assertClosed();
    const chunks: Uint8Array[] = [];
    let compressed = 0;
    const c = this.compressor((chunk) => {
      chunks.push(chunk);
      compressed += chunk.length;
    });
    c.push(data, true);
    const entry = { name: this.names.encode(name), flags: FLAG_UTF8, crc: crc32(0, data), compressed, size: data.length, offset: this.offset };
    this.emit(this.localHeader(entry));
    for (const chunk of chunks) this.emit(chunk);
    this.entries.push(entry);
  }

  /** A part written as it is made; its sizes and CRC follow it in a data descriptor. */
  stream(name: string): EntryStream {
    this.assertClosed();
    this.open = true;
    const start = { name: this.names.encode(name), flags: FLAG_UTF8 | FLAG_DESCRIPTOR, crc: 0, compressed: 0, size: 0, offset: this.offset };
    this.emit(this.localHeader(start));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const c = this.streamCompressor((chunk) => {
      compressed += chunk.length;
      this.emit(chunk);
    });
    const close = (): void => {
      if (size > MAX_32 || compressed > MAX_32) throw new Error(`part '${name}' is larger than 4 GB, which needs ZIP64`);
      const d = new Uint8Array(16);
      const v = new DataView(d.buffer);
      v.setUint32(0, SIG_DESCRIPTOR, true);
      v.setUint32(4, crc, true);
      v.setUint32(8, compressed, true);
      v.setUint32(12, size, true);
      this.emit(d);
      this.entries.push({ ...start, crc, compressed, size });
      this.open = false;
    };
    return {
      write: (data) => {
        if (!data.length) return;
        crc = crc32(crc, data);
        size += data.length;
        c.push(data, false);
      },
      end: () => {
        c.push(new Uint8Array(0), true);
        if (c.settled) return c.settled(0).then(close);
        close();
      },
      backlog: () => c.backlog?.() ?? 0,
      settled: (most) => c.settled?.(most) ?? Promise.resolve(),
    };
  }

  /** Writes the central directory; nothing may be added after. */
  finish(): void {
    this.assertClosed();
    const cdStart = this.offset;
    for (const e of this.entries) {
      const h = new Uint8Array(46 + e.name.length);
      const v = new DataView(h.buffer);
      v.setUint32(0, SIG_CENTRAL, true);
      v.setUint16(4, VERSION, true);
      v.setUint16(6, VERSION, true);
      v.setUint16(8, e.flags, true);
      v.setUint16(10, DEFLATE, true);
      v.setUint16(12, this.time, true);
      v.setUint16(14, this.date, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.compressed, true);
      v.setUint32(24, e.size, true);
      v.setUint16(28, e.name.length, true);
      v.setUint32(42, e.offset, true);
      h.set(e.name, 46);
      this.emit(h);
    }
    const cdSize = this.offset - cdStart;
    if (this.entries.length > 0xffff || cdStart > MAX_32) throw new Error("the archive is larger than 4 GB, which needs ZIP64");
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, SIG_END, true);
    v.setUint16(8, this.entries.length, true);
    v.setUint16(10, this.entries.length, true);
    v.setUint32(12, cdSize, true);
    v.setUint32(16, cdStart, true);
    this.emit(end);
  }

  private localHeader(e: Written): Uint8Array {
    if (e.offset > MAX_32) throw new Error("the archive is larger than 4 GB, which needs ZIP64");
    const h = new Uint8Array(30 + e.name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, SIG_LOCAL, true);
    v.setUint16(4, VERSION, true);
    v.setUint16(6, e.flags, true);
    v.setUint16(8, DEFLATE, true);
    v.setUint16(10, this.time, true);
    v.setUint16(12, this.date, true);
    v.setUint32(14, e.crc, true);
    v.setUint32(18, e.compressed, true);
    v.setUint32(22, e.size, true);
    v.setUint16(26, e.name.length, true);
    h.set(e.name, 30);
    return h;
  }

  private emit(chunk: Uint8Array): void {
    this.offset += chunk.length;
    this.sink.write(chunk);
  }

  private assertClosed(): void {
    if (this.open) throw new Error("a zip part is still being written");
  }
}
