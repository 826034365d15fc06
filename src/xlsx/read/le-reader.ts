/**
 * Bounds-checked little-endian reads over untrusted bytes. An out-of-range read calls `fail`
 * (which throws the caller's coded error) instead of returning garbage or a RangeError.
 */
export class LeReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    private readonly fail: (what: string) => never,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throws unless [pos, pos + size) lies inside the bytes. */
  check(pos: number, size: number, what: string): void {
    if (!Number.isSafeInteger(pos) || pos < 0 || size < 0 || pos + size > this.bytes.length) this.fail(what);
  }

  u16(pos: number, what = "a field"): number {
    this.check(pos, 2, what);
    return this.view.getUint16(pos, true);
  }

  u32(pos: number, what = "a field"): number {
    this.check(pos, 4, what);
    return this.view.getUint32(pos, true);
  }

  /** A 64-bit field; values past 2^53 cannot be offsets into a Uint8Array, so they fail. */
  u64(pos: number, what = "a field"): number {
    this.check(pos, 8, what);
    const v = this.view.getBigUint64(pos, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(what);
    return Number(v);
  }

  slice(pos: number, size: number, what: string): Uint8Array {
    this.check(pos, size, what);
    return this.bytes.subarray(pos, pos + size);
  }
}
