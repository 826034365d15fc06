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
 * The zip as a package of parts we can check and parse. A part is always verified (unpacked
 * and counted against the caps, size and CRC checked) before a byte of it is parsed.
 */
export class WorkbookPackage {
  private readonly dir: ZipDirectory;
  private readonly budget: InflateBudget;
  private readonly verified = new Set<ZipEntry>();

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

  verify(entry: ZipEntry): void {
    if (this.verified.has(entry)) return;
    verifyEntry(this.bytes, entry, this.budget);
    this.verified.add(entry);
  }

  parse(entry: ZipEntry, handler: XmlHandler): void {
    this.verify(entry);
    const xml = new XmlStream(handler, entry.name, this.limits.maxText * RUN_PER_CHAR);
    streamEntry(this.bytes, entry, (chunk) => xml.push(chunk));
    xml.end();
  }
}
