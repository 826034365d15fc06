import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Which requirement set introduced each member of the Excel JavaScript API classes, read from the
 * `[Api set: …]` lines of the JSDoc in @types/office-js (not written by hand), for the Office.js fake.
 *
 * The scanner is line-oriented and leans on the layout of that generated file: a top-level
 * `declare namespace Excel {` whose body is indented one level, each `class X extends … {` at that
 * level, its members one level deeper, and every block closed by a `}` at its opener's indentation.
 * Nested namespaces (`namespace Interfaces { … }`, the plain-object Data/LoadOptions/UpdateData
 * interfaces) are skipped, as are interfaces, enums and functions: only classes are taken.
 *
 * - A member's set is read from the JSDoc block right above it: every line that *starts* with
 *   `[Api set: …]` (normally under `@remarks`; RequestContext.runtime has one without `@remarks`).
 *   Sets named inside `@param` text qualify a parameter, not the member, and are ignored.
 * - Of the sets a block names, and over a method's overloads, the lowest released ExcelApi set wins;
 *   a member in no ExcelApi set keeps its other set (ExcelApiOnline, ExcelApiDesktop, a preview).
 *   "ExcelApi 1.1 for get, 1.8 for set" gives 1.1: the first version of a set is when it came in.
 * - A member without an `[Api set: …]` line of its own (a collection's `items`) takes its class's set.
 * - The OfficeExtension.ClientObject basics `context`, `load`, `set`, `toJSON`, `track`, `untrack`
 *   and constructors are left out: they are no requirement-set API, every object has them.
 */

/** The requirement set that introduced a member, e.g. { set: "ExcelApi", version: "1.16" }; "ExcelApiOnline" and preview sets are kept with their name. */
export interface ApiSet {
  readonly set: string;
  /** A dotted number for a released set; for a preview set the annotation's words, e.g. "BETA (PREVIEW ONLY)". */
  readonly version: string;
}

/** Class name (as in Excel.<Class>) → member name → the lowest released ExcelApi set naming it (or another set if it is in no ExcelApi set). */
export type ApiSetMap = ReadonlyMap<string, ReadonlyMap<string, ApiSet>>;

/** The members every ClientObject has, not part of any requirement set: not in the map. */
const CLIENT_OBJECT_BASICS: ReadonlySet<string> = new Set(["context", "load", "set", "toJSON", "track", "untrack", "constructor"]);

/** `1.10` > `1.9`: dotted versions compared number by number; a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

const NUMERIC = /^\d+(?:\.\d+)*$/;

/** 0: released ExcelApi, 1: another released set (ExcelApiOnline 1.1), 2: a preview (ExcelApi BETA). */
function tier(apiSet: ApiSet): number {
  if (!NUMERIC.test(apiSet.version)) return 2;
  return apiSet.set === "ExcelApi" ? 0 : 1;
}

/** Negative when `a` is the better answer for "which set introduced it": the lower tier, then the lower version. */
function rank(a: ApiSet, b: ApiSet): number {
  return (
    tier(a) - tier(b) ||
    (tier(a) < 2 ? compareVersions(a.version, b.version) : 0) ||
    a.set.localeCompare(b.set) ||
    a.version.localeCompare(b.version)
  );
}

function lowest(sets: readonly ApiSet[]): ApiSet | undefined {
  let best: ApiSet | undefined;
  for (const candidate of sets) if (!best || rank(candidate, best) < 0) best = candidate;
  return best;
}

/**
 * The sets one `[Api set: …]` text names. Pieces are split at `,` and `;`. A piece that starts with
 * a set name (a word with "Api" in it) and a version (a dotted number, or BETA/Preview words for a
 * preview: "ExcelApi BETA (PREVIEW ONLY)") gives that set at that version: "ExcelApi 1.8. The name
 * … was 'Others' in ExcelApi 1.7" → 1.8. A piece that starts with a bare version ("1.8 for set")
 * qualifies the one before and introduces nothing.
 */
export function parseApiSetText(text: string): ApiSet[] {
  const sets: ApiSet[] = [];
  for (const piece of text.split(/[,;]/)) {
    const match = /^\s*([A-Za-z]*Api[A-Za-z0-9]*)\s+(\d+(?:\.\d+)*|(?:BETA|PREVIEW)\b(?:\s*\([^)]*\))?)/i.exec(piece);
    if (match?.[1] && match[2]) sets.push({ set: match[1], version: match[2] });
  }
  return sets;
}

const API_SET_LINE = /^\s*(?:\/\*\*|\*)?\s*\[Api set:\s*(.*?)\s*\]?\s*(?:\*\/)?\s*$/;
const NAMESPACE_OPEN = /^declare\s+namespace\s+Excel\s*\{\s*$/;
const NESTED_NAMESPACE_OPEN = /^(?:export\s+)?(?:namespace|module)\s+[\w.]+\s*\{\s*$/;
const CLASS_OPEN =
  /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)(?:<[^{]*>)?(?:\s+extends\s+[^{]+)?(?:\s+implements\s+[^{]+)?\s*\{\s*(\}\s*)?$/;
const MEMBER =
  /^(?:(?:public|protected|private|static|readonly|abstract|declare|override)\s+)*(?:(?:get|set)\s+(?=[A-Za-z_$][\w$]*\s*\())?([A-Za-z_$][\w$]*)\s*\??\s*[:(<]/;

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

/** Where the file's top-level `declare namespace Excel {` blocks' bodies start and end. */
function excelNamespaces(source: string): Array<readonly [number, number]> {
  const bodies: Array<readonly [number, number]> = [];
  for (let at = source.indexOf("declare namespace Excel"); at >= 0; at = source.indexOf("declare namespace Excel", at + 1)) {
    const lineEnd = source.indexOf("\n", at);
    if ((at > 0 && source[at - 1] !== "\n") || !NAMESPACE_OPEN.test(source.slice(at, lineEnd < 0 ? undefined : lineEnd))) continue;
    // Everything inside is indented: the first line starting with "}" closes the namespace.
    const close = source.indexOf("\n}", lineEnd);
    bodies.push([lineEnd + 1, close < 0 ? source.length : close]);
  }
  return bodies;
}

/** The offset of the line that is exactly `close` (give or take trailing blanks), from `from` on; `end` if none. */
function closingLine(source: string, close: string, from: number, end: number): number {
  for (let at = source.indexOf(`\n${close}`, from - 1); at >= 0 && at < end; at = source.indexOf(`\n${close}`, at + 1)) {
    const lineEnd = source.indexOf("\n", at + 1);
    if (source.slice(at + 1, lineEnd < 0 ? undefined : lineEnd).trimEnd() === close) return at + 1;
  }
  return end;
}

interface OpenClass {
  readonly members: Map<string, ApiSet>;
  /** The class's own set, from the JSDoc above it. */
  readonly own: ApiSet | undefined;
  /** Members declared with no `[Api set: …]` line of their own. */
  readonly unannotated: Set<string>;
  /** The line that closes the class. */
  readonly close: string;
}

function closeClass(open: OpenClass): void {
  if (!open.own) return;
  for (const member of open.unannotated) if (!open.members.has(member)) open.members.set(member, open.own);
}

/** Scans one namespace body, source[start, end), line by line into `classes`. */
function scanNamespace(source: string, start: number, end: number, classes: Map<string, Map<string, ApiSet>>): void {
  let body = -1; // the body's indentation, from its first line
  let current: OpenClass | undefined;
  let doc: ApiSet[] | undefined; // the sets of the last JSDoc block, until a declaration takes them
  let inDoc = false;

  for (let pos = start; pos < end; ) {
    let next = source.indexOf("\n", pos);
    if (next < 0 || next > end) next = end;
    const line = source.slice(pos, next > pos && source.charCodeAt(next - 1) === 13 ? next - 1 : next).trimEnd();
    pos = next + 1;

    if (inDoc) {
      inDoc = !line.endsWith("*/");
      if (line.includes("[Api set:")) addApiSets(doc, line);
      continue;
    }
    const indent = indentOf(line);
    if (indent === line.length) continue; // blank
    if (body < 0) body = indent;
    if (line.startsWith("/**", indent)) {
      doc = [];
      inDoc = !line.endsWith("*/") || line.length - indent === 3;
      if (line.includes("[Api set:")) addApiSets(doc, line);
      continue;
    }
    if (line.startsWith("//", indent)) continue;

    if (current) {
      if (indent === body && line === current.close) {
        closeClass(current);
        current = undefined;
      } else if (indent === body + 4) {
        // Members sit one level inside the class; deeper lines continue a multi-line declaration.
        const member = MEMBER.exec(line.slice(indent))?.[1];
        if (member && !CLIENT_OBJECT_BASICS.has(member)) {
          const known = current.members.get(member); // an earlier overload
          const found = lowest(known ? [...(doc ?? []), known] : (doc ?? []));
          if (found) current.members.set(member, found);
          else current.unannotated.add(member);
        }
      } else continue;
      doc = undefined;
      continue;
    }

    if (indent !== body) continue;
    const trimmed = line.slice(indent);
    const close = `${line.slice(0, indent)}}`;
    if (NESTED_NAMESPACE_OPEN.test(trimmed)) {
      // Interfaces { … } holds plain-object types, not classes: jump past it.
      pos = closingLine(source, close, pos, end);
    } else {
      const opened = CLASS_OPEN.exec(trimmed);
      if (opened?.[1]) {
        const members = classes.get(opened[1]) ?? new Map<string, ApiSet>();
        classes.set(opened[1], members);
        // `class X {}` on one line opens nothing.
        if (opened[2] === undefined) current = { members, own: lowest(doc ?? []), unannotated: new Set(), close };
      }
    }
    doc = undefined;
  }
  if (current) closeClass(current);
}

function addApiSets(doc: ApiSet[] | undefined, line: string): void {
  const text = API_SET_LINE.exec(line)?.[1];
  if (text) doc?.push(...parseApiSetText(text));
}

/** Scans the source of office-js's index.d.ts. Not cached: see {@link excelApiSets}. */
export function parseExcelApiSets(source: string): ApiSetMap {
  const classes = new Map<string, Map<string, ApiSet>>();
  for (const [start, end] of excelNamespaces(source)) scanNamespace(source, start, end, classes);
  return classes;
}

/** office-js's type declarations, as installed. */
export function defaultDtsPath(): string {
  return join(dirname(require.resolve("@types/office-js/package.json")), "index.d.ts");
}

/**
 * The file's `declare namespace Excel { … }` blocks, decoded on their own: the d.ts is 8.8 MB and the
 * Excel namespace under half of it, so the rest (Office, Word, OneNote, …) is never turned into text.
 */
function readExcelNamespaces(dtsPath: string): string {
  const bytes = readFileSync(dtsPath);
  const parts: string[] = [];
  for (let at = bytes.indexOf("declare namespace Excel"); at >= 0; at = bytes.indexOf("declare namespace Excel", at + 1)) {
    if (at > 0 && bytes[at - 1] !== 0x0a) continue;
    const close = bytes.indexOf("\n}", at);
    const end = close < 0 ? -1 : bytes.indexOf("\n", close + 1);
    parts.push(bytes.toString("utf8", at, end < 0 ? bytes.length : end));
  }
  return parts.join("\n");
}

const cache = new Map<string, ApiSetMap>();

/**
 * The Excel API classes' members and the set that introduced each, from `dtsPath` (by default the
 * installed @types/office-js), parsed once per path and module instance. Jest gives every test file
 * its own module registry, so that is once per test file that uses it (about 0.1 s).
 */
export function excelApiSets(dtsPath: string = defaultDtsPath()): ApiSetMap {
  let sets = cache.get(dtsPath);
  if (!sets) {
    sets = parseExcelApiSets(readExcelNamespaces(dtsPath));
    cache.set(dtsPath, sets);
  }
  return sets;
}

/** The set that introduced Excel.<className>.<member>, from the installed office-js types; undefined if it is not there. */
export function memberApiSet(className: string, member: string): ApiSet | undefined {
  return excelApiSets().get(className)?.get(member);
}
