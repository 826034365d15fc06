import { deflateSync } from "fflate";
import { crc32 } from "../../../../src/xlsx/read/crc32";

/**
 * A deliberately permissive zip writer for hostile fixtures: it writes whatever it is told,
 * including duplicate names, wrong sizes or CRCs, odd methods and pre-compressed data.
 */
export interface RawEntry {
  readonly name: string;
  /** Uncompressed content; compressed with deflate unless `method` is 0 or `compressed` is given. */
  readonly data?: Uint8Array | string;
  /** Ready deflate data (e.g. a bomb); `declaredSize` and `crc` should then be given. */
  readonly compressed?: Uint8Array;
  readonly method?: number;
  readonly declaredSize?: number;
  readonly crc?: number;
  readonly flags?: number;
  /** Write sizes and offset as ZIP64 fields in the central directory. */
  readonly zip64?: boolean;
}

const enc = new TextEncoder();

export function bytesOf(d: Uint8Array | string | undefined): Uint8Array {
  return d === undefined ? new Uint8Array(0) : typeof d === "string" ? enc.encode(d) : d;
}

export function writeZip(entries: readonly RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = bytesOf(e.data);
    const method = e.method ?? 8;
    const body = e.compressed ?? (method === 8 ? deflateSync(data) : data);
    const crc = e.crc ?? crc32(0, data);
    const size = e.declaredSize ?? data.length;
    const name = enc.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, e.flags ?? 0, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const extra = e.zip64 ? zip64Extra(size, body.length, offset) : new Uint8Array(0);
    const cd = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, e.flags ?? 0, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, e.zip64 ? 0xffffffff : body.length, true);
    cv.setUint32(24, e.zip64 ? 0xffffffff : size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(42, e.zip64 ? 0xffffffff : offset, true);
    cd.set(name, 46);
    cd.set(extra, 46 + name.length);
    chunks.push(local, body);
    central.push(cd);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concat([...chunks, ...central, end]);
}

function zip64Extra(size: number, compressed: number, offset: number): Uint8Array {
  const x = new Uint8Array(4 + 24);
  const v = new DataView(x.buffer);
  v.setUint16(0, 0x0001, true);
  v.setUint16(2, 24, true);
  v.setBigUint64(4, BigInt(size), true);
  v.setBigUint64(12, BigInt(compressed), true);
  v.setBigUint64(20, BigInt(offset), true);
  return x;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
