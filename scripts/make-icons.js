#!/usr/bin/env node
// Draws the add-in icons (assets/icon-<size>.png) with nothing but node:zlib, so they can be
// regenerated anywhere: `node scripts/make-icons.js`. The PNGs are committed; re-run this only
// when the design changes. Output is deterministic for a given zlib.
//
// Design: a flat blue rounded square with a white "P" (Pact) and a small gold dot — a nod to
// the EU flag without copying it. Shapes are described in unit coordinates (0..1) and sampled
// 4×4 times per pixel, so every size gets the same smooth edges.
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [0x0f, 0x4c, 0x81];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xff, 0xcc, 0x00];

// ---- PNG encoding ---------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (width*height*4 bytes, row-major) as a PNG file. */
function encodePng(width, height, rgba) {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---- drawing --------------------------------------------------------------------------------

function insideRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function inRect(x, y, x0, y0, x1, y1) {
  return x >= x0 && x < x1 && y >= y0 && y < y1;
}

/** The letter P: a stem plus a bowl (a rectangle closed by a half disc), with a counter cut out. */
function insideP(x, y) {
  const stem = inRect(x, y, 0.3, 0.2, 0.44, 0.8);
  const bowlOuter = inRect(x, y, 0.3, 0.2, 0.52, 0.6) || (x >= 0.52 && (x - 0.52) ** 2 + (y - 0.4) ** 2 <= 0.2 ** 2);
  const bowlInner = inRect(x, y, 0.44, 0.33, 0.52, 0.47) || (x >= 0.52 && (x - 0.52) ** 2 + (y - 0.4) ** 2 <= 0.07 ** 2);
  return stem || (bowlOuter && !bowlInner);
}

function insideDot(x, y) {
  return (x - 0.72) ** 2 + (y - 0.72) ** 2 <= 0.08 ** 2;
}

function colourAt(x, y) {
  if (!insideRoundedSquare(x, y, 0.18)) return null;
  if (insideP(x, y)) return WHITE;
  if (insideDot(x, y)) return GOLD;
  return BLUE;
}

function drawIcon(size) {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered > 0) {
        // Straight (non-premultiplied) alpha: average the covered samples' colour.
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
        rgba[i + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const outDir = path.join(__dirname, "..", "assets");
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    const png = drawIcon(size);
    fs.writeFileSync(file, png);
    console.log(`${path.relative(process.cwd(), file)}  ${size}×${size}  ${png.length} bytes`);
  }
}

module.exports = { encodePng, drawIcon, SIZES };

if (require.main === module) main();
