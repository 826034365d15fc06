/**
 * Package part names (OPC): relationship targets resolve against the source part's folder, or
 * from the package root when they start with "/". Zip entry names have no leading slash.
 */

/** The relationships part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The zip entry name a target points to; ".." cannot climb above the package root. */
export function resolveTarget(sourcePart: string, target: string): string {
  const decoded = percentDecode(target.split("#")[0] ?? "");
  const base = decoded.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  const out = [...base];
  for (const seg of decoded.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // not valid percent-encoding: take the name as written
  }
}
