import { READ_STRING_TOO_LONG, READ_WORKBOOK_INVALID } from "../codes";
import { prefixedAttr, type Attrs } from "../xml-stream";
import type { Fail } from "./cell-value";
import type { Relationships } from "./relationships";

/**
 * Where a worksheet's `<hyperlink>` points: the target of its relationship (`r:id`, a URL or mail
 * address kept in the sheet's .rels as an external target), a `location` inside the workbook
 * ("#Sheet2!A1"), or both ("file.xlsx#Sheet2!A1"). Undefined when it names neither.
 */
export function hyperlinkAddress(attrs: Attrs, rels: Relationships | undefined, maxText: number, fail: Fail): string | undefined {
  const id = prefixedAttr(attrs, "id");
  let target = "";
  if (id !== undefined) {
    const rel = rels?.byId(id);
    if (!rel) return fail(READ_WORKBOOK_INVALID, `points to relationship '${id.slice(0, 40)}', which the sheet does not have`);
    target = rel.target;
  }
  const location = attrs.location ?? "";
  const address = location === "" ? target : `${target}#${location}`;
  if (address.length > maxText) fail(READ_STRING_TOO_LONG, `has an address longer than ${maxText} characters`);
  return address === "" ? undefined : address;
}
