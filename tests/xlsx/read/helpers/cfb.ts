/**
 * A minimal OLE compound file (MS-CFB v3, 512-byte sectors) whose directory lists the given
 * stream names with empty streams: enough to stand in for an encrypted .xlsx or an .xls.
 * `loop` makes the directory chain point back at itself, as a hostile file might.
 */
export function buildCfb(streams: readonly string[], opts: { loop?: boolean } = {}): Uint8Array {
  const SECTOR = 512;
  const ENDOFCHAIN = 0xfffffffe;
  const FREESECT = 0xffffffff;
  const entries = ["Root Entry", ...streams];
  const dirSectors = Math.ceil(entries.length / 4);
  const out = new Uint8Array(SECTOR * (2 + dirSectors));
  const v = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (out[i] = b));
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true); // one FAT sector
  v.setUint32(0x30, 1, true); // directory starts at sector 1
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, ENDOFCHAIN, true);
  v.setUint32(0x44, ENDOFCHAIN, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i === 0 ? 0 : FREESECT, true);

  const fat = SECTOR; // sector 0
  for (let i = 0; i < SECTOR / 4; i++) v.setUint32(fat + i * 4, FREESECT, true);
  v.setUint32(fat, 0xfffffffd, true); // the FAT sector itself
  for (let s = 1; s <= dirSectors; s++) v.setUint32(fat + s * 4, s === dirSectors ? (opts.loop ? 1 : ENDOFCHAIN) : s + 1, true);

  entries.forEach((name, i) => {
    const at = SECTOR * 2 + i * 128;
    for (let c = 0; c < name.length; c++) v.setUint16(at + c * 2, name.charCodeAt(c), true);
    v.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = i === 0 ? 5 : 2; // root storage, then streams
    out[at + 0x43] = 1;
    v.setUint32(at + 0x44, FREESECT, true);
    v.setUint32(at + 0x48, i > 0 && i < entries.length - 1 ? i + 1 : FREESECT, true);
    v.setUint32(at + 0x4c, i === 0 && entries.length > 1 ? 1 : FREESECT, true);
    v.setUint32(at + 0x74, ENDOFCHAIN, true);
  });
  return out;
}
