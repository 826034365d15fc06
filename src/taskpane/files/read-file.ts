import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ReadOutcome } from "../../core/consolidation/register";
import { readPreviousBytes, readReturnBytes, type PreviousInput } from "../../xlsx/read-return";
import { fileBytes, receivedOf, unreadableOutcome, withReceived, type NamedBlob } from "./file-bytes";

/**
 * A file the user chose, read with the hardened reader (as the CLI reads it): the page loads this
 * module with the reader, on first use; the consolidation worker imports it.
 */

/** The file's bytes, or the outcome saying why the browser could not hand them over. */
async function bytesOf(file: NamedBlob): Promise<Uint8Array | ReadOutcome> {
  try {
    return await fileBytes(file);
  } catch (e) {
    return unreadableOutcome(file.name, e, receivedOf(file));
  }
}

/** One returned file, read and validated, dated when it was received; a bad file is an outcome with its code, never a throw. */
export async function readReturnFile(file: NamedBlob, catalogue: Catalogue): Promise<ReadOutcome> {
  const bytes = await bytesOf(file);
  return bytes instanceof Uint8Array ? withReceived(readReturnBytes(bytes, file.name, catalogue), receivedOf(file)) : bytes;
}

/**
 * A file given as last cycle's: a return, or — a workbook without template sheets — our own
 * combined report (core's report reader). Anything else is a return outcome the register rejects.
 */
export async function readPreviousFile(file: NamedBlob, catalogue: Catalogue): Promise<PreviousInput> {
  const bytes = await bytesOf(file);
  if (!(bytes instanceof Uint8Array)) return { kind: "return", outcome: bytes };
  const read = readPreviousBytes(bytes, file.name, catalogue);
  return read.kind === "return" ? { kind: "return", outcome: withReceived(read.outcome, receivedOf(file)) } : read;
}
