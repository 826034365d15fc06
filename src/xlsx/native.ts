/**
 * Node's native zlib and crypto where the code runs in Node, found at run time so that modules
 * the task pane's bundle reaches import nothing from Node: `process.getBuiltinModule` (Node ≥ 20.16)
 * is looked up on `globalThis`, which a browser or worker does not have, and webpack sees no import
 * to resolve. Callers keep a JavaScript path for when these return undefined.
 */

/** The part of node:zlib we use. */
export interface NodeZlib {
  deflateRawSync(data: Uint8Array, options?: { level?: number; finishFlush?: number }): Uint8Array;
  /** Throws a RangeError once the output would pass `maxOutputLength`, having produced no more. */
  inflateRawSync(data: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array;
  crc32?(data: Uint8Array, value?: number): number;
  readonly constants: { readonly Z_SYNC_FLUSH: number; readonly Z_FINISH: number };
}

/** The part of node:crypto we use. */
export interface NodeCrypto {
  createHash(algorithm: "sha256"): { update(data: Uint8Array): { digest(encoding: "hex"): string } };
}

type GetBuiltin = (id: string) => unknown;

function builtin<T>(id: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
  if (typeof proc?.getBuiltinModule !== "function") return undefined;
  try {
    return (proc.getBuiltinModule(id) ?? undefined) as T | undefined;
  } catch {
    return undefined;
  }
}

let zlib: NodeZlib | null | undefined;
let crypto: NodeCrypto | null | undefined;

export function nodeZlib(): NodeZlib | undefined {
  if (zlib === undefined) zlib = builtin<NodeZlib>("node:zlib") ?? null;
  return zlib ?? undefined;
}

export function nodeCrypto(): NodeCrypto | undefined {
  if (crypto === undefined) crypto = builtin<NodeCrypto>("node:crypto") ?? null;
  return crypto ?? undefined;
}

/** The part of node:buffer we use. */
interface NodeBufferModule {
  readonly Buffer: { allocUnsafe(size: number): NodeBuffer };
}

/** A Node Buffer, as much of it as we use. */
export interface NodeBuffer {
  readonly length: number;
  write(s: string, offset: number, encoding: "latin1"): number;
  toString(encoding: "latin1", start: number, end: number): string;
}

let scratch: NodeBuffer | null | undefined;

/** One 64 KB Buffer to copy text through (see detached in read/parts/shared-strings.ts). */
export function nodeScratchBuffer(): NodeBuffer | undefined {
  if (scratch === undefined) scratch = builtin<NodeBufferModule>("node:buffer")?.Buffer.allocUnsafe(64 * 1024) ?? null;
  return scratch ?? undefined;
}
