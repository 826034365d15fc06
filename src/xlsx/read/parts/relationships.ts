import { resolveTarget } from "../part-paths";
import type { Attrs, XmlHandler } from "../xml-stream";
import { checkCount } from "./bounds";

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target as written: for an external one (a hyperlink's URL), the address itself. */
  readonly target: string;
  /** The zip entry the target resolves to; undefined for external targets. */
  readonly part: string | undefined;
}

/** A .rels part: relationship ids and types to the parts they point at. */
export class Relationships implements XmlHandler {
  readonly list: Relationship[] = [];
  private readonly ids = new Map<string, Relationship>();

  /** `maxEntries`: relationships beyond the number of parts a package may hold are refused. */
  constructor(
    private readonly sourcePart: string,
    private readonly maxEntries: number,
  ) {}

  open(name: string, attrs: Attrs, path: readonly string[]): void {
    if (name !== "Relationship" || path.length !== 2) return;
    const { Id: id, Type: type, Target: target } = attrs;
    if (id === undefined || type === undefined || target === undefined) return;
    checkCount(this.list.length, this.maxEntries, "relationships in one part");
    const external = attrs.TargetMode === "External";
    const rel = { id, type, target, part: external ? undefined : resolveTarget(this.sourcePart, target) };
    this.list.push(rel);
    if (!this.ids.has(id)) this.ids.set(id, rel);
  }

  close(): void {}
  text(): void {}

  byId(id: string): Relationship | undefined {
    return this.ids.get(id);
  }

  /**
   * The first internal target of a type, matched on the type's last segment so transitional
   * (schemas.openxmlformats.org) and strict (purl.oclc.org) URIs both match.
   */
  firstOfType(kind: string): string | undefined {
    return this.list.find((r) => typeKind(r.type) === kind && r.part !== undefined)?.part;
  }
}

/** ".../relationships/worksheet" → "worksheet". */
export function typeKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}
