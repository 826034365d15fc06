import type { ReadOutcome } from "../../core/consolidation/register";
import { CodedError } from "../../core/errors/coded-error";
import { PANE_FILE_UNREADABLE } from "../errors";
import { isoSeconds, type ReceivedFrom } from "../../core/consolidation/received";

/** A file the user chose or dropped: a File in the page, or its clone inside the worker. */
export interface NamedBlob {
  readonly name: string;
  /** File.lastModified: milliseconds since 1970 (UTC), the file's time on the user's disk. */
  readonly lastModified?: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}


/** When the secretariat received a picked file: its time on disk, as the CLI takes it. */
export function receivedOf(file: NamedBlob): string | undefined {
  const ms = file.lastModified;
  return ms !== undefined && Number.isFinite(ms) ? isoSeconds(new Date(ms)) : undefined;
}

/**
 * The outcome with the date received on its source (absent when unknown), and where the date came
 * from: by default the file's time on disk, as the CLI takes it.
 */
export function withReceived(outcome: ReadOutcome, received: string | undefined, from: ReceivedFrom = "file time"): ReadOutcome {
  if (received === undefined) return outcome;
  const source = { ...outcome.source, received, receivedFrom: from };
  return "error" in outcome ? { source, error: outcome.error } : { source, validation: outcome.validation };
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
export function unreadableOutcome(file: string, e: unknown, received?: string): ReadOutcome {
  if (e instanceof CodedError) return { source: { file, sha256: "", ...(received !== undefined ? { received, receivedFrom: "file time" as const } : {}) }, error: { code: e.code, message: e.message } };
  throw e;
}
