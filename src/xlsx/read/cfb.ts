import { LeReader } from "./le-reader";

/**
 * Just enough of the OLE compound-file format (MS-CFB) to list stream names: this is how we tell
 * an encrypted .xlsx (streams "EncryptionInfo", "EncryptedPackage") from a legacy .xls. We never
 * read stream contents. Every loop is bounded by the number of sectors in the file.
 */

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

const END_OF_CHAIN = 0xfffffffe;
const FREE_SECT = 0xffffffff;
const HEADER_DIFAT_SLOTS = 109;
const DIR_ENTRY_SIZE = 128;

class Unreadable extends Error {}

export function isCfb(bytes: Uint8Array): boolean {
  return bytes.length >= CFB_MAGIC.length && CFB_MAGIC.every((b, i) => bytes[i] === b);
}

/** Names of all directory entries, or undefined when the container is too damaged to walk. */
export function cfbEntryNames(bytes: Uint8Array): string[] | undefined {
  try {
    return walkDirectory(new LeReader(bytes, () => {
      throw new Unreadable();
    }));
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}

function walkDirectory(r: LeReader): string[] {
  const shift = r.u16(0x1e);
  if (shift !== 9 && shift !== 12) throw new Unreadable();
  const size = 1 << shift;
  const sectorCount = Math.floor(r.length / size) - 1;
  const sectorAt = (id: number): number => {
    if (id >= sectorCount) throw new Unreadable();
    return (id + 1) * size;
  };

  const fatIds = fatSectorIds(r, size, sectorAt, sectorCount);
  const perFat = size / 4;
  const next = (id: number): number => {
    const fatId = fatIds[Math.floor(id / perFat)];
    if (fatId === undefined) throw new Unreadable();
    return r.u32(sectorAt(fatId) + (id % perFat) * 4);
  };

  const names: string[] = [];
  let id = r.u32(0x30);
  // A hostile chain may loop: stop at the first sector seen twice.
  const seen = new Set<number>();
  while (id !== END_OF_CHAIN && !seen.has(id)) {
    seen.add(id);
    const base = sectorAt(id);
    for (let off = 0; off + DIR_ENTRY_SIZE <= size; off += DIR_ENTRY_SIZE) {
      const nameBytes = r.u16(base + off + 0x40);
      const type = r.bytes[base + off + 0x42];
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      names.push(utf16le(r.slice(base + off, nameBytes - 2, "name")));
    }
    id = next(id);
  }
  return names;
}

function fatSectorIds(r: LeReader, size: number, sectorAt: (id: number) => number, sectorCount: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_SLOTS; i++) {
    const id = r.u32(0x4c + i * 4);
    if (id !== FREE_SECT) ids.push(id);
  }
  let difat = r.u32(0x44);
  for (let steps = 0; difat !== END_OF_CHAIN && difat !== FREE_SECT; steps++) {
    if (steps > sectorCount) throw new Unreadable();
    const base = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1; i++) {
      const id = r.u32(base + i * 4);
      if (id !== FREE_SECT) ids.push(id);
    }
    difat = r.u32(base + size - 4);
  }
  return ids;
}

function utf16le(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] as number) | ((b[i + 1] as number) << 8));
  return s;
}
