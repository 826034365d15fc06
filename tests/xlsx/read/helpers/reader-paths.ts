import * as fflateModule from "fflate";
import { CodedError } from "../../../../src/core/errors/coded-error";
import * as nativeModule from "../../../../src/xlsx/native";
import * as crcModule from "../../../../src/xlsx/read/crc32";
import * as readModule from "../../../../src/xlsx/read/read-workbook";

/**
 * The reader's two code paths, as two loaded copies of it: "node", the copy every other test
 * imports, which finds Node's zlib through `process.getBuiltinModule` (src/xlsx/native.ts); and
 * "browser", a copy loaded in its own module registry with `process.getBuiltinModule` hidden, as
 * in the task pane's browser bundle and worker, so it inflates with fflate alone and checks CRCs in
 * JavaScript. native.ts is not mocked: its own detection is what finds nothing. Each copy has its
 * own CodedError class (and its own fflate), so a refusal must be checked against its copy's.
 */

export interface ReaderPath {
  readonly name: "node" | "browser";
  readonly readWorkbook: typeof readModule.readWorkbook;
  readonly CodedError: typeof CodedError;
  readonly native: typeof nativeModule;
  readonly crc: typeof crcModule;
  /** The fflate this copy's reader calls, to spy on. */
  readonly fflate: typeof fflateModule;
}

const SRC = "../../../../src";

function loadWithoutNatives(): ReaderPath {
  const proc = globalThis.process as { getBuiltinModule?: unknown };
  const own = Object.getOwnPropertyDescriptor(proc, "getBuiltinModule");
  Object.defineProperty(proc, "getBuiltinModule", { value: undefined, configurable: true, writable: true });
  try {
    let path: ReaderPath | undefined;
    jest.isolateModules(() => {
      const native = jest.requireActual<typeof nativeModule>(`${SRC}/xlsx/native`);
      // Asked once while hidden: native.ts keeps each answer, so this copy never finds a native
      // later (shared-strings.ts asks for its scratch Buffer only when it first copies text).
      native.nodeZlib();
      native.nodeCrypto();
      native.nodeScratchBuffer();
      path = {
        name: "browser",
        readWorkbook: jest.requireActual<typeof readModule>(`${SRC}/xlsx/read/read-workbook`).readWorkbook,
        CodedError: jest.requireActual<{ CodedError: typeof CodedError }>(`${SRC}/core/errors/coded-error`).CodedError,
        native,
        crc: jest.requireActual<typeof crcModule>(`${SRC}/xlsx/read/crc32`),
        fflate: jest.requireActual<typeof fflateModule>("fflate"),
      };
    });
    if (!path) throw new Error("the browser-path reader did not load");
    return path;
  } finally {
    if (own) Object.defineProperty(proc, "getBuiltinModule", own);
    else delete proc.getBuiltinModule;
  }
}

export const NODE_PATH: ReaderPath = { name: "node", readWorkbook: readModule.readWorkbook, CodedError, native: nativeModule, crc: crcModule, fflate: fflateModule };
export const BROWSER_PATH: ReaderPath = loadWithoutNatives();

/** For `describe.each(READER_PATHS)("$name path", …)`. */
export const READER_PATHS: readonly ReaderPath[] = [NODE_PATH, BROWSER_PATH];
