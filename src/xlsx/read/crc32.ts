import { nodeZlib } from "../native";

/**
 * CRC-32 (zip's polynomial): checks each part we unpack against the directory, and is written for
 * each part of the files we make. Node's own (zlib.crc32) where there is one, several times faster;
 * in the browser, slicing by 4 in JavaScript.
 */

const TABLE = buildTable();

function buildTable(): Int32Array {
  const t = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let s = 1; s < 4; s++) {
      c = (t[c & 255] as number) ^ (c >>> 8);
      t[s * 256 + n] = c;
    }
  }
  return t;
}

const native = nodeZlib()?.crc32;

/** Continues `crc` (0 to start) over `data`; returns the unsigned CRC. */
export const crc32: (crc: number, data: Uint8Array) => number = native ? (crc, data) => native(data, crc) : crc32Js;

/** The JavaScript CRC-32, used where Node's is not there (and by the tests, against it). */
export function crc32Js(crc: number, data: Uint8Array): number {
  const t = TABLE;
  let c = ~crc;
  let i = 0;
  const end4 = data.length - 3;
  for (; i < end4; i += 4) {
    c ^= (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24);
    c = (t[768 + (c & 255)] as number) ^ (t[512 + ((c >>> 8) & 255)] as number) ^ (t[256 + ((c >>> 16) & 255)] as number) ^ (t[c >>> 24] as number);
  }
  for (; i < data.length; i++) c = (t[(c ^ (data[i] as number)) & 255] as number) ^ (c >>> 8);
  return ~c >>> 0;
}
