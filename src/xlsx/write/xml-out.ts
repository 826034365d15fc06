import type { EntryStream } from "./zip-writer";

/**
 * Where a part's XML goes: encoded as UTF-8 straight into slices of bytes, each handed to the zip
 * entry (deflated there) as it fills, so no part is ever one string or one buffer.
 *
 * Besides whole strings, it takes the pieces of a cell one by one — markup already encoded, row
 * numbers as digits, contributed text as it is. A row of cells built as one string is a rope of
 * dozens of pieces that V8 must flatten before encoding it; that flattening was most of the time
 * spent writing a large report.
 */
export interface XmlOut {
  /** Any text (ours or contributed, already escaped), encoded as UTF-8. */
  write(s: string): void;
  /** Bytes already encoded: fixed markup, made once. */
  bytes(b: Uint8Array): void;
  /** A non-negative integer's decimal digits (row numbers, string indexes). */
  digits(n: number): void;
  /** Bytes written so far. */
  readonly written: number;
}

/** Text is encoded into slices of this many bytes, each deflated as it fills. */
const SLICE_BYTES = 256 * 1024;
/** A short string is copied character by character when it is ASCII: cheaper than the encoder's call. */
const SHORT = 32;

const encoder = new TextEncoder();

/** Markup made once into bytes. */
export function markup(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Encodes into a slice (no joined copy of the text), handing each full slice to the entry. */
export class Slices implements XmlOut {
  private buf: Uint8Array;
  private pos = 0;
  private before = 0;

  private readonly sliceBytes: number;

  /** `sliceBytes`: the slice's size (tests make it small to cross its end often); room for any character. */
  constructor(
    private readonly entry: Pick<EntryStream, "write" | "end">,
    sliceBytes = SLICE_BYTES,
  ) {
    this.sliceBytes = Math.max(16, sliceBytes);
    this.buf = new Uint8Array(this.sliceBytes);
  }

  get written(): number {
    return this.before + this.pos;
  }

  write(s: string): void {
    if (s.length < SHORT && this.pos + s.length <= this.buf.length) {
      const buf = this.buf;
      const at = this.pos;
      let i = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[at + i] = c;
      }
      if (i === s.length) {
        this.pos += i;
        return;
      }
    }
    for (let rest = s; ; ) {
      const { read, written } = encoder.encodeInto(rest, this.pos ? this.buf.subarray(this.pos) : this.buf);
      this.pos += written;
      if (read === rest.length) break;
      this.flush();
      rest = rest.slice(read);
    }
  }

  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) {
      this.flush();
      if (b.length > this.buf.length) {
        // A copy: markup is shared and made once, and the entry may keep what it is given.
        this.entry.write(b.slice());
        this.before += b.length;
        return;
      }
    }
    const buf = this.buf;
    const at = this.pos;
    // Markup is a few dozen bytes: a loop copies that faster than TypedArray#set's call.
    if (b.length <= SHORT) for (let i = 0; i < b.length; i++) buf[at + i] = b[i] as number;
    else buf.set(b, at);
    this.pos = at + b.length;
  }

  digits(n: number): void {
    const s = String(n);
    if (this.pos + s.length > this.buf.length) return this.write(s);
    const buf = this.buf;
    for (let i = 0; i < s.length; i++) buf[this.pos + i] = s.charCodeAt(i);
    this.pos += s.length;
  }

  end(): void | Promise<void> {
    this.flush();
    return this.entry.end();
  }

  /** The slice goes to the entry (which may keep it): a new one is made for what follows. */
  private flush(): void {
    if (this.pos === 0) return;
    this.entry.write(this.buf.subarray(0, this.pos));
    this.before += this.pos;
    this.buf = new Uint8Array(this.sliceBytes);
    this.pos = 0;
  }
}
