import { closeSync, lstatSync, openSync, readFileSync, readSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, resolve, join, sep } from "node:path";
import { usageError } from "./usage-error";
import { isoSeconds } from "../core/consolidation/received";
import { count, describeOsError } from "./wording";

/**
 * The files a command works on, and when each was received. Folders hide nothing: every file in
 * them is an input (the reader refuses what is not a workbook, with its code), except files the
 * system or Excel made next to the returns, recognised by name *and* content, which are skipped
 * and named. A file named on the command line is never skipped.
 */

export interface SkippedFile {
  readonly file: string;
  /** Why, e.g. "Excel lock file"; the same text for every file skipped for that reason. */
  readonly reason: string;
}

export interface Inputs {
  /** In the order found: as named, folders recursively in name order. Each file once. */
  readonly files: readonly string[];
  readonly skipped: readonly SkippedFile[];
}

export const LOCK_FILE = "Excel lock file";
export const MACOS_METADATA = "macOS metadata";
export const WINDOWS_METADATA = "Windows folder metadata";
export const NOT_A_FILE = "not a regular file";
export const LINKED_FOLDER_SEARCHED = "link to a folder already searched";

/** Excel's owner files ("~$Book.xlsx") are 162–165 bytes; a real return is a zip and far larger. */
const LOCK_FILE_MAX_BYTES = 4096;
const ZIP = [0x50, 0x4b];
const APPLE_DOUBLE = [0x00, 0x05, 0x16, 0x07];
const DS_STORE = [0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function head(path: string, n: number): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buf = new Uint8Array(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } catch {
    return undefined; // unreadable: an input, so the reader says why
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const startsWith = (bytes: Uint8Array | undefined, sig: readonly number[]): boolean => bytes !== undefined && sig.every((b, i) => bytes[i] === b);

/** Why a file found in a folder is not a return, or undefined when it is an input. */
function systemFile(path: string, name: string, size: number): string | undefined {
  const lower = name.toLowerCase();
  if (name.startsWith("~$") && size <= LOCK_FILE_MAX_BYTES) {
    const h = head(path, 2);
    if (h && !startsWith(h, ZIP)) return LOCK_FILE;
  }
  // AppleDouble ("._BE.xlsx", also in __MACOSX/ of a zip made on a Mac) and Finder's .DS_Store.
  if (name.startsWith("._") && startsWith(head(path, 4), APPLE_DOUBLE)) return MACOS_METADATA;
  if (name === ".DS_Store" && startsWith(head(path, 8), DS_STORE)) return MACOS_METADATA;
  // Explorer's thumbnail cache (an OLE file the reader would call a legacy .xls) and folder settings.
  if (lower === "thumbs.db" && startsWith(head(path, 8), OLE)) return WINDOWS_METADATA;
  if (lower === "desktop.ini" && size <= LOCK_FILE_MAX_BYTES) {
    const h = head(path, 2);
    if (h && !startsWith(h, ZIP)) return WINDOWS_METADATA;
  }
  return undefined;
}

/** "a named pipe", "a socket"…: what a path that is neither file nor folder is, for messages. */
export function kindOf(st: Stats): string {
  if (st.isFIFO()) return "a named pipe";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "neither file nor folder";
}

/**
 * Files named directly are kept as they are (even if missing, so the reader reports them); folders
 * are searched recursively in name order. Links are followed; a linked folder is searched once.
 */
export function expandPaths(inputs: readonly string[]): Inputs {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const seenFiles = new Set<string>();
  const searched = new Set<string>();
  const add = (path: string): void => {
    const key = resolve(path);
    if (!seenFiles.has(key)) {
      seenFiles.add(key);
      files.push(path);
    }
  };
  const walk = (dir: string, viaLink: boolean): void => {
    let real: string;
    let names: string[];
    try {
      real = realpathSync(dir);
      names = readdirSync(dir).sort();
    } catch (e) {
      skipped.push({ file: dir, reason: `folder cannot be read: ${describeOsError(e)}` });
      return;
    }
    if (searched.has(real)) {
      // Its files are in already; a link back up the tree would otherwise loop.
      if (viaLink) skipped.push({ file: dir, reason: LINKED_FOLDER_SEARCHED });
      return;
    }
    searched.add(real);
    for (const name of names) {
      const path = join(dir, name);
      let st: Stats | undefined;
      try {
        st = statSync(path);
      } catch {
        // A broken link: an input, reported as unreadable with its reason.
      }
      if (st?.isDirectory()) walk(path, isLink(path));
      else if (st && !st.isFile()) skipped.push({ file: path, reason: `${NOT_A_FILE}: ${kindOf(st)}` });
      else {
        const why = st ? systemFile(path, name, st.size) : undefined;
        if (why) skipped.push({ file: path, reason: why });
        else add(path);
      }
    }
  };
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      // Missing: kept, so it is reported as unreadable with its reason.
    }
    if (isDir) walk(input, false);
    else add(input);
  }
  return { files, skipped };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * A command with nothing to work on is a usage error, never an empty success: an empty folder, or
 * one holding only lock files and system metadata, is most likely the wrong folder.
 */
export function requireInput(paths: readonly string[], inputs: Inputs): void {
  if (inputs.files.length > 0) return;
  const where = paths.map((p) => `'${p}'`).join(", ");
  const skipped = inputs.skipped.length > 0 ? `; skipped: ${skippedReasons(inputs.skipped)}` : "";
  throw usageError(`no input found in ${where}: no file to read${skipped}`);
}

function skippedReasons(skipped: readonly SkippedFile[]): string {
  const byReason = new Map<string, string[]>();
  for (const s of skipped) {
    const names = byReason.get(s.reason) ?? [];
    names.push(s.file);
    byReason.set(s.reason, names);
  }
  const LISTED = 5;
  return [...byReason].map(([reason, names]) => `${reason} (${names.length}): ${names.slice(0, LISTED).join(", ")}${names.length > LISTED ? ", …" : ""}`).join("; ");
}

/** One line naming what was skipped and why, e.g. "skipped 2 files in folders — Excel lock file (1): a/~$FR.xlsx; …". */
export function skippedLine(skipped: readonly SkippedFile[]): string | undefined {
  if (skipped.length === 0) return undefined;
  return `skipped ${count(skipped.length, "file")} in folders — ${skippedReasons(skipped)}`;
}

// ---------------------------------------------------------------------------------------------
// When each input was received: `--received FILE.csv`, else the file's time on disk.


export interface ReceivedDates {
  /** Input path (as in `files`) → received, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ". */
  readonly byFile: ReadonlyMap<string, string>;
  /** Input path → sheet name → received, for rows that name a sheet. */
  readonly bySheet: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** One line per CSV entry that matched no input. */
  readonly warnings: readonly string[];
}

/** RFC 4180 records with the line each starts on; `;` as separator when the header uses it (Excel in many EU locales). */
function parseCsv(text: string): { line: number; fields: string[] }[] {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    records.push({ line: start, fields });
    fields = [];
    field = "";
  };
  while (i < src.length) {
    const c = src[i] ?? "";
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * "YYYY-MM-DD" stays a day; a date-time becomes UTC to the second. A date-time without a zone is
 * the computer's local time, as ISO 8601 reads it. Undefined when it is neither.
 */
export function parseReceived(text: string): string | undefined {
  const day = DATE.exec(text);
  if (day) return validDay(Number(day[1]), Number(day[2]), Number(day[3])) ? text : undefined;
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const zone = m[7];
  let t: Date;
  if (zone) {
    if (zone.length > 1 && Number(zone.slice(-2)) > 59) return undefined;
    const offset = zone.toUpperCase() === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    if (Math.abs(offset) > 18 * 60) return undefined;
    t = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000);
  } else t = new Date(y, mo - 1, d, h, mi, s);
  return isoSeconds(t);
}

const looksLikePath = (entry: string): boolean => entry.includes("/") || entry.includes(sep);

/**
 * Reads `--received FILE.csv` (header row naming `file` and `received`, optionally `sheet`; other
 * columns ignored) and matches its entries to the inputs: an entry with a folder in it is the path
 * as given (relative to the current folder, as the register shows it), a bare name is matched by
 * base name. A row with a sheet dates that sheet of the file alone (national sheets pasted into one
 * workbook as each arrived); a sheet no template sheet of the file has is said in the register. A
 * name that fits several inputs, an input or sheet given twice, a bad date or a broken row is a
 * usage error naming the CSV and its line; an entry that fits no input is a warning.
 */
export function receivedFromCsv(csvFile: string, files: readonly string[]): ReceivedDates {
  const fail = (line: number | undefined, message: string): Error => usageError(`${line === undefined ? "" : `line ${line}: `}${message}`, { file: csvFile });
  let text: string;
  try {
    text = readFileSync(csvFile, "utf8");
  } catch (e) {
    throw fail(undefined, `cannot read the --received list: ${describeOsError(e)}`);
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) throw fail(undefined, "the --received list is empty; it needs a header row 'file,received'");
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const fileCol = names.indexOf("file");
  const receivedCol = names.indexOf("received");
  const sheetCol = names.indexOf("sheet");
  if (fileCol < 0 || receivedCol < 0) throw fail(header.line, `the header row must name the columns 'file' and 'received', not '${header.fields.join(",")}'`);

  const byBase = new Map<string, string[]>();
  for (const f of files) byBase.set(basename(f), [...(byBase.get(basename(f)) ?? []), f]);
  const byPath = new Map(files.map((f) => [resolve(f), f]));

  const byFile = new Map<string, string>();
  const bySheet = new Map<string, Record<string, string>>();
  /** Line of each file (key: path) or file and sheet (key: path NUL sheet) given, to refuse a second. */
  const givenOn = new Map<string, number>();
  const warnings: string[] = [];
  for (const row of rows) {
    if (row.fields.length !== header.fields.length) throw fail(row.line, `${count(row.fields.length, "column")} where the header has ${header.fields.length}`);
    const entry = row.fields[fileCol] ?? "";
    const value = (row.fields[receivedCol] ?? "").trim();
    if (entry.trim() === "") throw fail(row.line, "no file name");
    const received = parseReceived(value);
    if (!received) throw fail(row.line, `received '${value}' for '${entry}' is not YYYY-MM-DD or an ISO date-time such as 2026-11-14T09:30:00Z`);
    let target: string | undefined;
    if (looksLikePath(entry)) target = byPath.get(resolve(entry));
    else {
      const candidates = byBase.get(entry) ?? [];
      if (candidates.length > 1) throw fail(row.line, `'${entry}' is the name of ${candidates.length} inputs (${candidates.join(", ")}); give its path instead`);
      target = candidates[0];
    }
    if (target === undefined) {
      warnings.push(`pact-tracker: warning: ${csvFile} line ${row.line}: '${entry}' matches no input; its date is not used`);
      continue;
    }
    const sheet = sheetCol < 0 ? "" : (row.fields[sheetCol] ?? "").trim();
    const key = sheet ? `${target}\u0000${sheet}` : target;
    const earlier = givenOn.get(key);
    if (earlier !== undefined) throw fail(row.line, `${sheet ? `sheet '${sheet}' of ` : ""}${target} is given twice (lines ${earlier} and ${row.line})`);
    givenOn.set(key, row.line);
    if (sheet) bySheet.set(target, { ...bySheet.get(target), [sheet]: received });
    else byFile.set(target, received);
  }
  return { byFile, bySheet, warnings };
}
