import type { ReadLimits } from "./limits";
import { XmlStream, type XmlHandler } from "./xml-stream";
import { readZipDirectory, type ZipDirectory, type ZipEntry } from "./zip-directory";
import { InflateBudget, streamEntry, verifyEntry } from "./zip-inflate";

/**
 * The longest run between two '<' a string of `maxText` characters can need in XML: its longest
 * escape, "&#x10FFFF;", is 10 characters for one character.
 */
const RUN_PER_CHAR = 10;
/**
 * Parts up to this size keep their verified output for parsing instead of being inflated a
 * second time; real workbook parts are mostly far smaller. The total kept is capped too.
 */
const KEEP_PART_BYTES = 1024 * 1024;
const KEEP_TOTAL_BYTES = 16 * 1024 * 1024;
/** Kept output is handed to the decoder in slices, like streamed output. */
const SLICE = 64 * 1024;

/**
 * The zip as a package of parts we can check and parse. A part is always verified (unpacked
 * and counted against the caps, size and CRC checked) before a byte of it is parsed.
 */
export class WorkbookPackage {
  private readonly dir: ZipDirectory;
  private readonly budget: InflateBudget;
  private readonly verified = new Set<ZipEntry>();
  private readonly kept = new Map<ZipEntry, Uint8Array[]>();
  private keptBytes = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits,
  ) {
    this.dir = readZipDirectory(bytes, limits.maxEntries);
    this.budget = new InflateBudget(limits.maxEntryBytes, limits.maxTotalBytes);
  }

  get entryNames(): string[] {
    return this.dir.entries.map((e) => e.name);
  }

  entry(part: string): ZipEntry | undefined {
    return this.dir.find(part);
  }

  /** Whether the part is verified already: every part read is verified once, before it is parsed. */
  isVerified(entry: ZipEntry): boolean {
    return this.verified.has(entry);
  }

  verify(entry: ZipEntry): void {
    if (this.verified.has(entry)) return;
    let chunks: Uint8Array[] | undefined = [];
    let size = 0;
    verifyEntry(this.bytes, entry, this.budget, (chunk) => {
      size += chunk.length;
      if (size > KEEP_PART_BYTES || this.keptBytes + size > KEEP_TOTAL_BYTES) chunks = undefined;
      chunks?.push(chunk);
    });
    this.verified.add(entry);
    if (chunks) {
      this.kept.set(entry, chunks);
      this.keptBytes += size;
    }
  }

  parse(entry: ZipEntry, handler: XmlHandler): void {
    this.verify(entry);
    const xml = new XmlStream(handler, entry.name, this.limits.maxText * RUN_PER_CHAR);
    const kept = this.kept.get(entry);
    if (kept) {
      this.kept.delete(entry); // each part is parsed once
      for (const chunk of kept) for (let p = 0; p < chunk.length; p += SLICE) xml.push(chunk.subarray(p, p + SLICE));
    } else {
      streamEntry(this.bytes, entry, (chunk) => xml.push(chunk));
    }
    xml.end();
  }
}
