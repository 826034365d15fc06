import { closeSync, openSync, writeSync } from "node:fs";
import { constants, deflateRaw, deflateRawSync } from "node:zlib";
import type { WorkbookSpec } from "../core/template/spec";
import { writeWorkbookAsync } from "./write/workbook-writer";
import { nativeCompressor, threadPoolCompressor } from "./write/zip-writer";

/** Bytes are gathered into writes of about this size. */
const WRITE_BYTES = 1024 * 1024;
/**
 * zlib's fastest level: a report of a thousand returns is tens of megabytes of XML, which level 1
 * deflates 2.5x faster than the default level for a file about a third larger (still ~7x smaller
 * than its XML).
 */
const LEVEL = 1;

/**
 * Streams a spec to a file (Node): each sheet's rows are deflated by zlib and written as they are
 * made, so a combined report of a thousand returns never sits in memory as a whole workbook.
 * Text is written in the cells (inline strings): a shared-string table would have to wait for the
 * last sheet. Still text, never formulas.
 */
export async function writeSpecToFile(spec: WorkbookSpec, file: string): Promise<void> {
  const fd = openSync(file, "w");
  try {
    let pending: Uint8Array[] = [];
    let size = 0;
    const flush = (): void => {
      if (size === 0) return;
      const data = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending, size);
      for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
      pending = [];
      size = 0;
    };
    const sink = {
      write(chunk: Uint8Array): void {
        pending.push(chunk);
        size += chunk.length;
        if (size >= WRITE_BYTES) flush();
      },
    };
    // Sheets are deflated on zlib's thread pool while the next rows are made; small parts at once.
    await writeWorkbookAsync(spec, sink, { strings: "inline", compressor: nativeCompressor({ deflateRawSync, constants }, LEVEL), streamCompressor: threadPoolCompressor({ deflateRaw, constants }, LEVEL) });
    flush();
  } finally {
    closeSync(fd);
  }
}
