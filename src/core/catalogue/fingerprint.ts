import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Framework } from "./schema";

/**
 * A short, stable digest of what a template asks: items, their texts and guidance, entry columns and lists.
 * Titles of the document and sources are left out, so fixing a citation does not outdate returns.
 */
const cache = new WeakMap<Framework, string>();

export function catalogueFingerprint(framework: Framework): string {
  // Validation asks once per sheet; a consolidation asks a thousand times for the same framework.
  const known = cache.get(framework);
  if (known) return known;
  const fp = computeFingerprint(framework);
  cache.set(framework, fp);
  return fp;
}

function computeFingerprint(framework: Framework): string {
  const content = {
    id: framework.id,
    entryColumns: framework.entryColumns.map((c) => [c.id, c.type, c.list ?? ""]),
    lists: framework.lists.map((l) => [l.id, l.values]),
    areas: framework.areas.map((a) => [
      a.id,
      a.items.map((i) => [
        i.ref,
        i.text,
        i.subitems.map((s) => [s.ref, s.text]),
        // The prompts (and a reconstruction note) are locked text of the template too; left out where
        // there are none, so a catalogue without guidance keeps the digest it always had.
        ...(i.guidance.length > 0 || i.reconstructed ? [i.guidance, i.reconstructed?.note ?? ""] : []),
      ]),
    ]),
  };
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(content)))).slice(0, 16);
}
