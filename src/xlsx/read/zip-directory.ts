import { CodedError } from "../../core/errors/coded-error";
import { READ_TOO_MANY_ENTRIES, READ_ZIP_CORRUPT, READ_ZIP_DUPLICATE, READ_ZIP_UNSUPPORTED } from "./codes";
import { LeReader } from "./le-reader";

/**
 * The zip central directory, parsed by hand (APPNOTE 6.3.x, with ZIP64 fields) so we know every
 * entry's name, method and place without inflating anything. Sizes here are only *declared*:
 * inflation counts the real output (zip-inflate.ts).
 */

export interface ZipEntry {
  readonly name: string;
  /** The name's raw bytes, to check the local header names the same entry. */
  readonly rawName: Uint8Array;
  /** 0 = stored, 8 = deflate; nothing else is accepted. */
  readonly method: 0 | 8;
  readonly crc: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly localOffset: number;
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntry[];
  /** Looks a part up case-insensitively, as package part names compare. */
  find(name: string): ZipEntry | undefined;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CENTRAL_SIZE = 46;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const ZIP64_EXTRA = 0x0001;

const corrupt = (what: string): never => {
  throw new CodedError(READ_ZIP_CORRUPT, `the zip is truncated or corrupt (${what})`);
};

/** Part names compare case-insensitively (OPC); ASCII folding is enough for a duplicate check. */
export function partKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipDirectory {
  const r = new LeReader(bytes, corrupt);
  const eocd = findEndRecord(r);
  if (r.u16(eocd + 4) !== 0 || r.u16(eocd + 6) !== 0) {
    throw new CodedError(READ_ZIP_UNSUPPORTED, "multi-disk (spanned) zip archives are not supported");
  }
  let count = r.u16(eocd + 10);
  let cdSize = r.u32(eocd + 12);
  let cdOffset = r.u32(eocd + 16);
  let cdLimit = eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const z = readZip64End(r, eocd);
    ({ count, cdSize, cdOffset } = z);
    cdLimit = z.at;
  }
  // Refuse on the declared count before walking: walking is bounded by the bytes anyway.
  if (count > maxEntries) {
    throw new CodedError(READ_TOO_MANY_ENTRIES, `the zip lists ${count} entries; the cap is ${maxEntries}`);
  }
  if (cdOffset + cdSize > cdLimit) corrupt("central directory overruns its end record");

  const entries: ZipEntry[] = [];
  const byKey = new Map<string, ZipEntry>();
  const names = new TextDecoder("utf-8");
  let pos = cdOffset;
  for (let i = 0; i < count; i++) {
    if (pos + CENTRAL_SIZE > cdOffset + cdSize) corrupt("central directory shorter than its entry count");
    if (r.u32(pos) !== SIG_CENTRAL) corrupt("bad central directory entry");
    const entry = readCentralEntry(r, pos, names);
    const key = partKey(entry.name);
    if (byKey.has(key)) throw new CodedError(READ_ZIP_DUPLICATE, `the zip holds two entries named '${entry.name}'`);
    byKey.set(key, entry);
    entries.push(entry);
    pos += CENTRAL_SIZE + r.u16(pos + 28) + r.u16(pos + 30) + r.u16(pos + 32);
  }
  if (pos > cdOffset + cdSize) corrupt("central directory overruns its size");
  return { entries, find: (name) => byKey.get(partKey(name)) };
}

/** The end-of-central-directory record: the last signature whose comment fits in the file. */
function findEndRecord(r: LeReader): number {
  const lowest = Math.max(0, r.length - EOCD_SIZE - MAX_COMMENT);
  for (let p = r.length - EOCD_SIZE; p >= lowest; p--) {
    if (r.u32(p) === SIG_EOCD && p + EOCD_SIZE + r.u16(p + 20) <= r.length) return p;
  }
  return corrupt("no end-of-central-directory record; the file may be truncated");
}

function readZip64End(r: LeReader, eocd: number): { count: number; cdSize: number; cdOffset: number; at: number } {
  const loc = eocd - 20;
  if (loc < 0 || r.u32(loc) !== SIG_ZIP64_LOCATOR) corrupt("ZIP64 locator missing");
  const at = r.u64(loc + 8, "ZIP64 end record offset");
  if (at >= loc || r.u32(at) !== SIG_ZIP64_EOCD) corrupt("ZIP64 end record missing");
  if (r.u32(at + 16) !== 0 || r.u32(at + 20) !== 0) {
    throw new CodedError(READ_ZIP_UNSUPPORTED, "multi-disk (spanned) zip archives are not supported");
  }
  return { count: r.u64(at + 32), cdSize: r.u64(at + 40), cdOffset: r.u64(at + 48), at };
}

function readCentralEntry(r: LeReader, pos: number, names: TextDecoder): ZipEntry {
  const flags = r.u16(pos + 8);
  const method = r.u16(pos + 10);
  const nameLen = r.u16(pos + 28);
  const extraLen = r.u16(pos + 30);
  const rawName = r.slice(pos + CENTRAL_SIZE, nameLen, "entry name");
  const name = names.decode(rawName);
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
    throw new CodedError(READ_ZIP_UNSUPPORTED, `zip entry '${name}' is encrypted; zip-level encryption is not supported`);
  }
  if (method !== 0 && method !== 8) {
    throw new CodedError(READ_ZIP_UNSUPPORTED, `zip entry '${name}' uses compression method ${method}; only stored and deflate are supported`);
  }
  let compressedSize = r.u32(pos + 20);
  let declaredSize = r.u32(pos + 24);
  let localOffset = r.u32(pos + 42);
  if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff) {
    const z = zip64Fields(r, pos + CENTRAL_SIZE + nameLen, extraLen, { declaredSize, compressedSize, localOffset });
    ({ declaredSize, compressedSize, localOffset } = z);
  }
  return { name, rawName, method, crc: r.u32(pos + 16), compressedSize, declaredSize, localOffset };
}

interface Sizes {
  declaredSize: number;
  compressedSize: number;
  localOffset: number;
}

/** The ZIP64 extra field holds, in order, only those of the three values saturated in the entry. */
function zip64Fields(r: LeReader, start: number, length: number, s: Sizes): Sizes {
  const end = start + length;
  for (let p = start; p + 4 <= end; ) {
    const id = r.u16(p);
    const size = r.u16(p + 2);
    if (id === ZIP64_EXTRA) {
      let q = p + 4;
      const take = (v: number): number => {
        if (v !== 0xffffffff) return v;
        if (q + 8 > p + 4 + size) corrupt("short ZIP64 extra field");
        const x = r.u64(q);
        q += 8;
        return x;
      };
      const declaredSize = take(s.declaredSize);
      const compressedSize = take(s.compressedSize);
      const localOffset = take(s.localOffset);
      return { declaredSize, compressedSize, localOffset };
    }
    p += 4 + size;
  }
  return corrupt("ZIP64 sizes without a ZIP64 extra field");
}
