import type { ReadOutcome } from "../../core/consolidation/register";
import { CodedError } from "../../core/errors/coded-error";
import { PANE_FILE_UNREADABLE } from "../errors";

/** A file the user chose or dropped: a File in the page, or its clone inside the worker. */
export interface NamedBlob {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The file's bytes; a file the browser cannot hand over (moved, deleted since) gets a coded error. */
export async function fileBytes(file: NamedBlob): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new CodedError(PANE_FILE_UNREADABLE, `the browser could not read the file (${reason}); choose it again`, { file: file.name });
  }
}

/** The outcome for a file whose bytes could not be had: the register lists it as rejected. Rethrows a bug. */
export function unreadableOutcome(file: string, e: unknown): ReadOutcome {
  if (e instanceof CodedError) return { source: { file, sha256: "" }, error: { code: e.code, message: e.message } };
  throw e;
}
