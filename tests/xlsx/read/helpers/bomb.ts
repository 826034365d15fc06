/**
 * A deflate stream of `size` zero bytes, built directly at deflate's best ratio (~1032:1): one
 * dynamic-Huffman block where "copy 258 bytes from distance 1" costs two bits. Building 1.5 GB
 * this way takes milliseconds and ~1.5 MB; pushing 1.5 GB of zeros through fflate's Deflate took
 * ~22 s here, too slow for the suite. The tests inflate a small one to prove the stream is valid.
 */
export function zeroBomb(size: number): { deflated: Uint8Array; size: number } {
  const copies = Math.floor((size - 1) / 258);
  const w = new BitWriter(Math.ceil(copies / 4) + 64);
  w.bits(1, 1); // BFINAL
  w.bits(2, 2); // BTYPE = dynamic Huffman
  w.bits(286 - 257, 5); // HLIT: literal/length codes up to 285 (length 258)
  w.bits(0, 5); // HDIST: one distance code (distance 1)
  w.bits(18 - 4, 4); // HCLEN: code-length codes in the standard order, up to symbol 1
  // Code-length code lengths in order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1: 18→1, 2→2, 1→2.
  for (const len of [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2]) w.bits(len, 3);
  // Canonical codes of that alphabet: 18 = "0", 1 = "10", 2 = "11".
  const cl1 = (): void => w.huff(0b10, 2);
  const cl2 = (): void => w.huff(0b11, 2);
  const zeros = (n: number): void => {
    w.huff(0, 1);
    w.bits(n - 11, 7);
  };
  cl2(); // literal 0: length 2
  zeros(138);
  zeros(117); // literals 1–255 unused
  cl2(); // 256 (end of block): length 2
  zeros(28); // 257–284 unused
  cl1(); // 285 (length 258): length 1
  cl1(); // distance code 0 (distance 1): length 1
  // Literal/length codes: 285 = "0", 0 = "10", 256 = "11"; distance 0 = "0".
  w.huff(0b10, 2); // one literal zero
  w.zeroBits(copies * 2); // each copy: length 258 ("0"), distance 1 ("0")
  w.huff(0b11, 2); // end of block
  return { deflated: w.finish(), size: 1 + copies * 258 };
}

class BitWriter {
  private readonly out: Uint8Array;
  private pos = 0;
  private bit = 0;

  constructor(capacity: number) {
    this.out = new Uint8Array(capacity);
  }

  /** A value, least significant bit first (deflate's header fields). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.push((value >> i) & 1);
  }

  /** A Huffman code, most significant bit first. */
  huff(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.push((code >> i) & 1);
  }

  zeroBits(n: number): void {
    while (n > 0 && this.bit !== 0) {
      this.push(0);
      n--;
    }
    const whole = Math.floor(n / 8);
    this.pos += whole; // the buffer is zero-filled
    for (let i = whole * 8; i < n; i++) this.push(0);
  }

  finish(): Uint8Array {
    return this.out.slice(0, this.pos + (this.bit ? 1 : 0));
  }

  private push(b: number): void {
    if (b) this.out[this.pos] = (this.out[this.pos] as number) | (1 << this.bit);
    if (++this.bit === 8) {
      this.bit = 0;
      this.pos++;
    }
  }
}
