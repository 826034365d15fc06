import { existsSync, lstatSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { CodedError } from "../core/errors/coded-error";
import { usageError } from "./usage-error";
import { count } from "./wording";

/** An output file that is already there and --force was not given. */
export const OUTPUT_EXISTS = "PT-CLI-002";

function exists(file: string): boolean {
  try {
    lstatSync(file); // a link counts as there, even a broken one
    return true;
  } catch {
    return existsSync(file);
  }
}

/**
 * Refuses, before anything is written, when any of the files exists: a filled return or last
 * week's report must never be replaced by accident. With `force` nothing is checked.
 */
export function refuseToOverwrite(files: readonly string[], force: boolean): void {
  const folder = files.find(isFolder);
  if (folder !== undefined) throw usageError(`'${folder}' is a folder; give the name of a file to write (in it, or elsewhere)`);
  if (force) return;
  const there = files.filter(exists);
  const [first] = there;
  if (first === undefined) return;
  if (there.length === 1) throw new CodedError(OUTPUT_EXISTS, "already exists; nothing was written (give --force to overwrite it)", { file: first });
  const LISTED = 5;
  const names = there.slice(0, LISTED).join(", ") + (there.length > LISTED ? ", …" : "");
  throw new CodedError(OUTPUT_EXISTS, `${count(there.length, "file")} of ${files.length} already exist: ${names}; nothing was written (give --force to overwrite them)`);
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Two outputs of one command may not be the same file. */
export function distinctOutputs(a: string, b: string | undefined): boolean {
  return b === undefined || resolve(a) !== resolve(b);
}
